package dev.crosswalk.translator.props;

import static dev.crosswalk.translator.props.Json.arr;
import static dev.crosswalk.translator.props.Json.obj;
import static dev.crosswalk.translator.props.Json.o;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Design §7, round trip on the translatable subset: for generated bodies {@link Gen} of each kind,
 * {@code toChat(toResponses(x))} equals {@code x} (Chat requests and completions) and {@code toResponses(toChat(x))}
 * equals {@code x} (Responses requests and response objects), after the normalisation below, with both codecs, and
 * with no warning on either leg (the subset translates without dropping anything).
 *
 * <p>Each comparison reads the generated JSON with the codec, translates the records both ways, writes the result
 * with the codec, and compares the normalised trees; every failure names the seed ({@code new Gen(seed)} rebuilds the
 * input) and shows the three documents.
 *
 * <h2>Normalisation (each is a rule of docs/architecture.md §4/§5, not a tolerance for a bug)</h2>
 * Everywhere: a member whose value is {@code null} equals an absent member; numbers compare by value
 * ({@code 1} = {@code 1.0}). Then, per kind, the rules below. Most are one-sided: they turn the <em>input</em> into
 * the form the translator must produce (explicit {@code store: false}, merged tool calls, {@code type: "message"},
 * ...), and the output is compared as it is; only the rules marked "both sides" also apply to the output, where the
 * second leg legitimately writes either form.
 * <ul>
 *   <li><b>Chat request</b>: absent {@code store} = {@code false} (Chat's default, written explicitly for Responses);
 *       {@code max_tokens} = {@code max_completion_tokens}; a function tool's absent {@code strict} = {@code false};
 *       an image part's absent {@code detail} = {@code "auto"} (Chat's default; Responses requires the field);
 *       {@code n: 1}, {@code frequency_penalty: 0}, {@code presence_penalty: 0}, {@code logprobs: false} = absent
 *       (the only behaviour Responses has); {@code stream_options.include_usage} is removed (Responses always reports
 *       usage; whether the Chat client gets a usage chunk is decided by the stream translator from the original
 *       request) and {@code stream_options} counts only with {@code stream: true} (both sides); {@code tools: []} = absent.
 *       Assistant messages: string content = one text part and empty content ({@code ""}, {@code []}) = absent
 *       (both sides), and a
 *       message with only tool calls right after an assistant message joins it (docs/architecture.md §4: consecutive
 *       {@code function_call} items become one assistant message).</li>
 *   <li><b>Responses request</b>: {@code input} string = one user message item; {@code instructions} = a leading
 *       {@code system} message item (the default {@code KEEP_IN_PLACE} does not hoist it back); a message item
 *       without {@code type} = with {@code type: "message"}; an {@code output_text} part's absent
 *       {@code annotations} = {@code []}; a function tool's absent {@code strict} = {@code true} when its parameters
 *       are strict-compatible (every property required and {@code additionalProperties: false} at every depth, checked
 *       here independently), else {@code false} (docs/architecture.md §4, R→C then C→R); a web search tool moves to the end of
 *       {@code tools} (Chat holds it in {@code web_search_options}); absent {@code store} = {@code false} (the Chat
 *       leg has no storage default of its own, and C→R never lets Responses store by default); {@code truncation:
 *       "disabled"} = absent (Chat's only behaviour); {@code stream_options} counts only with {@code stream: true}.</li>
 *   <li><b>Chat completion</b>: {@code id} is minted ({@code chatcmpl-} prefix checked, value ignored; both sides);
 *       {@code system_fingerprint} is removed (Responses has none; the warning for it is required);
 *       {@code annotations: []} = absent; {@code logprobs} without tokens = {@code null}; usage counts that are
 *       absent = 0 ({@code prompt_tokens_details.cached_tokens}, {@code completion_tokens_details.reasoning_tokens},
 *       which Responses requires) and zero audio/prediction counts = absent.</li>
 *   <li><b>Response</b> (both sides): {@code id} and item ids are minted ({@code resp_}, {@code msg_}, {@code fc_}/{@code ctc_}
 *       prefixes checked, values ignored); {@code completed_at} comes from the translator's clock (checked present
 *       iff completed, value ignored). The echo fields are compared exactly: the request given to
 *       {@code toResponses} is built from the original response's echo fields.</li>
 * </ul>
 */
class RoundTripPropertyTest {
    private static final int SEEDS = 400;

    @Test
    void chatRequestsSurviveChatToResponsesToChat() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, Object> input = new Gen(seed).chatRequest();
            for (JsonCodec codec : Translators.CODECS) {
                Translator t = Translators.strict(codec);
                String json = Json.write(input);
                Translation<ResponsesRequest> there = t.toResponses(codec.read(json, ChatCompletionRequest.class));
                Translation<ChatCompletionRequest> back = t.toChat(there.value());
                String mid = codec.write(there.value());
                String out = codec.write(back.value());
                String context = context(seed, codec, json, mid, out);
                assertThat(there.warnings()).as("C→R warnings " + context).isEmpty();
                assertThat(back.warnings()).as("R→C warnings " + context).isEmpty();
                assertThat(normaliseChatRequest(Json.parse(out), false)).as(context)
                        .isEqualTo(normaliseChatRequest(Json.copy(input), true));
            }
        }
    }

    @Test
    void responsesRequestsSurviveResponsesToChatToResponses() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, Object> input = new Gen(seed).responsesRequest();
            for (JsonCodec codec : Translators.CODECS) {
                Translator t = Translators.strict(codec);
                String json = Json.write(input);
                Translation<ChatCompletionRequest> there = t.toChat(codec.read(json, ResponsesRequest.class));
                Translation<ResponsesRequest> back = t.toResponses(there.value());
                String mid = codec.write(there.value());
                String out = codec.write(back.value());
                String context = context(seed, codec, json, mid, out);
                assertThat(there.warnings()).as("R→C warnings " + context).isEmpty();
                assertThat(back.warnings()).as("C→R warnings " + context).isEmpty();
                assertThat(normaliseResponsesRequest(Json.parse(out), false)).as(context)
                        .isEqualTo(normaliseResponsesRequest(Json.copy(input), true));
            }
        }
    }

    @Test
    void chatCompletionsSurviveChatToResponsesToChat() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, Object> input = new Gen(seed).chatCompletion();
            for (JsonCodec codec : Translators.CODECS) {
                Translator t = Translators.strict(codec);
                String json = Json.write(input);
                Translation<Response> there = t.toResponses(codec.read(json, ChatCompletion.class));
                Translation<ChatCompletion> back = t.toChat(there.value());
                String mid = codec.write(there.value());
                String out = codec.write(back.value());
                String context = context(seed, codec, json, mid, out);
                List<String> expectedWarnings = input.containsKey("system_fingerprint") ? List.of("$.system_fingerprint") : List.of();
                assertThat(there.warnings()).as("C→R warnings " + context).extracting(p -> p.path())
                        .containsExactlyElementsOf(expectedWarnings);
                assertThat(back.warnings()).as("R→C warnings " + context).isEmpty();
                Map<String, Object> actual = obj(Json.parse(out));
                // docs/architecture.md §5: the response id is carried as the completion id, under Chat's prefix.
                assertThat((String) actual.get("id")).as(context).isEqualTo("chatcmpl-" + there.value().id());
                assertThat(normaliseCompletion(actual, false)).as(context).isEqualTo(normaliseCompletion(Json.copy(input), true));
            }
        }
    }

    @Test
    void responsesSurviveResponsesToChatToResponses() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, Object> input = new Gen(seed).response();
            for (JsonCodec codec : Translators.CODECS) {
                Translator t = Translators.strict(codec);
                String json = Json.write(input);
                // The request the response answers: its instructions and metadata are echoes, not lost information.
                ResponsesRequest echo = codec.read(Json.write(echoRequest(input)), ResponsesRequest.class);
                Translation<ChatCompletion> there = t.toChat(codec.read(json, Response.class), echo);
                Translation<Response> back = t.toResponses(there.value(), echo);
                String mid = codec.write(there.value());
                String out = codec.write(back.value());
                String context = context(seed, codec, json, mid, out);
                assertThat(there.warnings()).as("R→C warnings " + context).isEmpty();
                assertThat(back.warnings()).as("C→R warnings " + context).isEmpty();
                Map<String, Object> actual = obj(Json.parse(out));
                assertThat((String) actual.get("id")).as(context).startsWith("resp_");
                assertThat(actual.get("completed_at") != null).as("completed_at iff completed " + context)
                        .isEqualTo("completed".equals(input.get("status")));
                for (Object item : arr(actual.get("output"))) {
                    String type = (String) obj(item).get("type");
                    String prefix = switch (type) {
                        case "message" -> "msg_";
                        case "function_call" -> "fc_";
                        default -> "ctc_";
                    };
                    assertThat((String) obj(item).get("id")).as(context).startsWith(prefix);
                }
                assertThat(normaliseResponse(actual)).as(context).isEqualTo(normaliseResponse(Json.copy(input)));
            }
        }
    }

    /**
     * The normalisations only equate what the rules above equate: changing any one data leaf of a generated body
     * (a string, number or boolean that is not a type tag, a minted id, a timestamp, or one of the two members removed
     * above: {@code include_usage}, {@code system_fingerprint}) changes its normal form, so
     * the round-trip comparisons cannot pass vacuously.
     */
    @Test
    void normalisationKeepsEveryDataLeafSignificant() {
        for (long seed = 0; seed < 100; seed++) {
            for (Corpus.Kind kind : Corpus.Kind.values()) {
                Map<String, Object> body = new Gen(seed).of(kind);
                Object normal = normalise(kind, Json.copy(body));
                List<Json.Leaf> leaves = Json.leaves(body);
                for (int i = 0; i < leaves.size(); i++) {
                    Json.Leaf leaf = leaves.get(i);
                    // minted, timestamp and the two members the normalisation removes on purpose (see the class comment)
                    if (leaf.value() == null || Set.of("type", "role", "object", "id", "completed_at", "include_usage",
                            "system_fingerprint").contains(leaf.key())) {
                        continue;
                    }
                    Object changed = Json.copy(body);
                    replaceLeaf(changed, i, leaf.value() instanceof String s ? s + "~"
                            : leaf.value() instanceof Boolean b ? !b : ((BigDecimal) leaf.value()).add(new BigDecimal("0.5")));
                    assertThat(normalise(kind, changed)).as("[seed " + seed + ", " + kind + "] changing " + leaf.path())
                            .isNotEqualTo(normal);
                }
            }
        }
    }

    private static Object normalise(Corpus.Kind kind, Object tree) {
        return switch (kind) {
            case CHAT_REQUEST -> normaliseChatRequest(tree, true);
            case RESPONSES_REQUEST -> normaliseResponsesRequest(tree, true);
            case CHAT_COMPLETION -> normaliseCompletion(tree, true);
            case RESPONSE -> normaliseResponse(tree);
        };
    }

    /** Replaces the {@code index}-th leaf (in {@link Json#leaves} order) of the tree. */
    private static void replaceLeaf(Object tree, int index, Object value) {
        int[] n = {0};
        replaceLeaf(tree, index, value, n);
    }

    private static boolean replaceLeaf(Object node, int index, Object value, int[] n) {
        if (node instanceof Map<?, ?>) {
            for (Map.Entry<String, Object> e : obj(node).entrySet()) {
                if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                    if (replaceLeaf(e.getValue(), index, value, n)) {
                        return true;
                    }
                } else if (n[0]++ == index) {
                    e.setValue(value);
                    return true;
                }
            }
        } else if (node instanceof List<?>) {
            List<Object> list = arr(node);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> || list.get(i) instanceof List<?>) {
                    if (replaceLeaf(list.get(i), index, value, n)) {
                        return true;
                    }
                } else if (n[0]++ == index) {
                    list.set(i, value);
                    return true;
                }
            }
        }
        return false;
    }

    private static String context(long seed, JsonCodec codec, String in, String mid, String out) {
        return "[seed " + seed + ", " + codec.name() + "]\n  input:  " + in + "\n  middle: " + mid + "\n  output: " + out + "\n";
    }

    // ------------------------------------------------------------------------------------------------ normalisation

    static Object normaliseChatRequest(Object tree, boolean expected) {
        Map<String, Object> req = obj(Json.canonical(tree));
        if (expected) {
            req.putIfAbsent("store", false);
            if (req.containsKey("max_tokens") && !req.containsKey("max_completion_tokens")) {
                req.put("max_completion_tokens", req.remove("max_tokens"));
            }
            removeIfValue(req, "n", BigDecimal.ONE);
            removeIfValue(req, "frequency_penalty", BigDecimal.ZERO);
            removeIfValue(req, "presence_penalty", BigDecimal.ZERO);
            removeIfValue(req, "logprobs", false);
        }
        Map<String, Object> streamOptions = obj(req.get("stream_options"));
        if (streamOptions != null) {
            streamOptions.remove("include_usage");
            if (streamOptions.isEmpty() || !Boolean.TRUE.equals(req.get("stream"))) {
                req.remove("stream_options");
            }
        }
        List<Object> tools = arr(req.get("tools"));
        if (tools != null && expected) {
            for (Object tool : tools) {
                Map<String, Object> function = obj(obj(tool).get("function"));
                if (function != null) {
                    function.putIfAbsent("strict", false);
                }
            }
            if (tools.isEmpty()) {
                req.remove("tools");
            }
        }
        List<Object> messages = arr(req.get("messages"));
        if (messages != null) {
            List<Object> merged = new ArrayList<>();
            for (Object message : messages) {
                Map<String, Object> m = obj(message);
                if (expected && m != null && m.get("content") instanceof List<?> parts) {
                    for (Object part : parts) {
                        Map<String, Object> image = obj(part) == null ? null : obj(obj(part).get("image_url"));
                        if (image != null) {
                            image.putIfAbsent("detail", "auto");
                        }
                    }
                }
                if (m == null || !"assistant".equals(m.get("role"))) {
                    merged.add(message);
                    continue;
                }
                Object content = m.get("content");
                if (content instanceof String s && !s.isEmpty()) {
                    m.put("content", Json.a(o("type", "text", "text", s)));
                } else if ("".equals(content) || (content instanceof List<?> l && l.isEmpty())) {
                    m.remove("content");
                }
                boolean callsOnly = !m.containsKey("content") && !m.containsKey("refusal") && m.containsKey("tool_calls");
                Map<String, Object> previous = merged.isEmpty() ? null : obj(merged.get(merged.size() - 1));
                if (expected && callsOnly && previous != null && "assistant".equals(previous.get("role"))) {
                    List<Object> calls = new ArrayList<>();
                    if (previous.get("tool_calls") != null) {
                        calls.addAll(arr(previous.get("tool_calls")));
                    }
                    calls.addAll(arr(m.get("tool_calls")));
                    previous.put("tool_calls", calls);
                } else {
                    merged.add(m);
                }
            }
            req.put("messages", merged);
        }
        return req;
    }

    static Object normaliseResponsesRequest(Object tree, boolean expected) {
        Map<String, Object> req = obj(Json.canonical(tree));
        if (!expected) {
            return req;
        }
        List<Object> items = new ArrayList<>();
        if (req.get("instructions") instanceof String instructions) {
            items.add(o("type", "message", "role", "system", "content", instructions));
            req.remove("instructions");
        }
        if (req.get("input") instanceof String text) {
            items.add(o("type", "message", "role", "user", "content", text));
        } else if (arr(req.get("input")) != null) {
            for (Object item : arr(req.get("input"))) {
                Map<String, Object> m = obj(item);
                if (m != null && !m.containsKey("type") && m.containsKey("role")) {
                    Map<String, Object> typed = o("type", "message");
                    typed.putAll(m);
                    m = typed;
                }
                if (m != null && "message".equals(m.get("type")) && m.get("content") instanceof List<?> parts) {
                    for (Object part : parts) {
                        if (obj(part) != null && "output_text".equals(obj(part).get("type"))) {
                            obj(part).putIfAbsent("annotations", new ArrayList<>());
                        }
                    }
                }
                items.add(m == null ? item : m);
            }
        }
        req.put("input", items);
        List<Object> tools = arr(req.get("tools"));
        if (tools != null) {
            List<Object> ordered = new ArrayList<>();
            List<Object> webSearch = new ArrayList<>();
            for (Object tool : tools) {
                Map<String, Object> t = obj(tool);
                if ("function".equals(t.get("type"))) {
                    t.putIfAbsent("strict", isStrictCompatible(t.get("parameters")));
                }
                (String.valueOf(t.get("type")).startsWith("web_search") ? webSearch : ordered).add(t);
            }
            ordered.addAll(webSearch);
            req.put("tools", ordered);
            if (ordered.isEmpty()) {
                req.remove("tools");
            }
        }
        req.putIfAbsent("store", false);
        removeIfValue(req, "truncation", "disabled");
        if (!Boolean.TRUE.equals(req.get("stream"))) {
            req.remove("stream_options");
        }
        return req;
    }

    static Object normaliseCompletion(Object tree, boolean expected) {
        Map<String, Object> c = obj(Json.canonical(tree));
        c.remove("id");
        if (!expected) {
            return c;
        }
        c.remove("system_fingerprint");
        for (Object choice : arr(c.get("choices"))) {
            Map<String, Object> ch = obj(choice);
            Map<String, Object> message = obj(ch.get("message"));
            if ("".equals(message.get("content"))) {
                message.remove("content"); // empty text is no answer: no message item carries it (docs/architecture.md §6, trap 2)
            }
            if (arr(message.get("annotations")) != null && arr(message.get("annotations")).isEmpty()) {
                message.remove("annotations");
            }
            Map<String, Object> logprobs = obj(ch.get("logprobs"));
            if (logprobs != null && (arr(logprobs.get("content")) == null || arr(logprobs.get("content")).isEmpty())
                    && (arr(logprobs.get("refusal")) == null || arr(logprobs.get("refusal")).isEmpty())) {
                ch.remove("logprobs");
            }
        }
        Map<String, Object> usage = obj(c.get("usage"));
        if (usage != null) {
            Map<String, Object> prompt = obj(usage.computeIfAbsent("prompt_tokens_details", k -> new LinkedHashMap<>()));
            prompt.putIfAbsent("cached_tokens", BigDecimal.ZERO);
            removeIfValue(prompt, "audio_tokens", BigDecimal.ZERO);
            Map<String, Object> completion = obj(usage.computeIfAbsent("completion_tokens_details", k -> new LinkedHashMap<>()));
            completion.putIfAbsent("reasoning_tokens", BigDecimal.ZERO);
            for (String zero : List.of("audio_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens")) {
                removeIfValue(completion, zero, BigDecimal.ZERO);
            }
        }
        return c;
    }

    static Object normaliseResponse(Object tree) {
        Map<String, Object> r = obj(Json.canonical(tree));
        r.remove("id");
        r.remove("completed_at");
        // A response whose request was silent reports the live API's defaults (design.md §12), on either side.
        Map<String, Object> defaults = Map.of("temperature", BigDecimal.ONE, "top_p", BigDecimal.ONE, "top_logprobs", BigDecimal.ZERO,
                "presence_penalty", BigDecimal.ZERO, "frequency_penalty", BigDecimal.ZERO, "truncation", "disabled",
                "background", false, "store", true, "service_tier", "auto");
        defaults.forEach((key, value) -> {
            if (r.get(key) == null || (r.get(key) instanceof BigDecimal d && value instanceof BigDecimal v && d.compareTo(v) == 0)) {
                r.put(key, value);
            }
        });
        // Empty output text is no answer: Chat carries it as content "", which opens no part and no item.
        for (Object item : arr(r.get("output"))) {
            List<Object> parts = arr(obj(item).get("content"));
            if ("message".equals(obj(item).get("type")) && parts != null) {
                parts.removeIf(RoundTripPropertyTest::isEmptyText);
            }
        }
        arr(r.get("output")).removeIf(item -> "message".equals(obj(item).get("type")) && "assistant".equals(obj(item).get("role"))
                && "completed".equals(obj(item).get("status")) && (("".equals(obj(item).get("content")))
                        || (arr(obj(item).get("content")) != null && arr(obj(item).get("content")).isEmpty())));
        for (Object item : arr(r.get("output"))) {
            obj(item).remove("id");
        }
        return r;
    }

    private static boolean isEmptyText(Object part) {
        return "output_text".equals(obj(part).get("type")) && "".equals(obj(part).get("text"))
                && isEmptyList(obj(part).get("annotations")) && isEmptyList(obj(part).get("logprobs"));
    }

    private static boolean isEmptyList(Object value) {
        return value == null || (arr(value) != null && arr(value).isEmpty());
    }

    /** The request a response answers, as far as the response echoes it. */
    private static Map<String, Object> echoRequest(Map<String, Object> response) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("model", response.get("model"));
        req.put("input", "");
        for (String key : List.of("instructions", "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p",
                "max_output_tokens", "previous_response_id", "reasoning", "text", "top_logprobs", "truncation", "user",
                "metadata", "service_tier", "store", "background", "safety_identifier", "prompt_cache_key", "prompt_cache_retention",
                "max_tool_calls")) {
            if (response.get(key) != null) {
                req.put(key, Json.copy(response.get(key)));
            }
        }
        return req;
    }

    private static void removeIfValue(Map<String, Object> map, String key, Object value) {
        Object actual = map.get(key);
        boolean same = actual instanceof BigDecimal d && value instanceof BigDecimal v ? d.compareTo(v) == 0 : value.equals(actual);
        if (same) {
            map.remove(key);
        }
    }

    /**
     * Design §4: a schema is strict-compatible when every object schema lists all its properties in {@code required}
     * and sets {@code additionalProperties: false}, at every depth. Written here from the rule, not from the code.
     */
    static boolean isStrictCompatible(Object schema) {
        if (schema == null) {
            return false;
        }
        return strictAt(schema);
    }

    private static boolean strictAt(Object node) {
        if (node instanceof Collection<?> list) {
            return list.stream().allMatch(RoundTripPropertyTest::strictAt);
        }
        Map<String, Object> map = obj(node);
        if (map == null) {
            return true;
        }
        Map<String, Object> properties = obj(map.get("properties"));
        if ("object".equals(map.get("type")) || properties != null) {
            if (!Boolean.FALSE.equals(map.get("additionalProperties"))) {
                return false;
            }
            Set<String> names = properties == null ? Set.of() : properties.keySet();
            if (!(map.get("required") instanceof List<?> required) || !required.containsAll(names)) {
                return false;
            }
        }
        for (Object child : map.values()) {
            if (!strictAt(child)) {
                return false;
            }
        }
        return true;
    }
}
