package dev.crosswalk.testkit;

import static dev.crosswalk.testkit.Json.obj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake model behind a {@link FakeOpenAi}: it answers every request it is given with realistic bodies and SSE
 * streams in one protocol, and its behaviour is picked by the request, so tests need no script.
 *
 * <pre>{@code
 * FakeOpenAi upstream = kit.responsesModel();          // = kit.upstream().otherwise(FakeModel.responses())
 * upstream.model().openGateAfter(200);                   // knobs of the model
 * }</pre>
 *
 * <p>What it says: {@code "Echo: <last user text> (<n> messages)"} (Chat) or {@code "(<n> items)"} (Responses,
 * counting the stored conversation); {@link #STRUCTURED} for a JSON-schema format; asked by the user while offered
 * a tool named {@code get_weather}, it calls it (twice for "two cities"; Chat fragments interleaved when the text
 * says "interleaved"); offered {@code apply_patch} (Chat), it calls that with {@link #PATCH} (the bare patch for
 * model {@code raw-patch}); after tool results, {@code "Weather: <results>"} (or {@link #FINAL_TEXT} after a patch).
 * {@link #thinking()} adds {@code reasoning_content} to every Chat answer, streamed in pieces, as DeepSeek/Qwen do.
 *
 * <p>Models named {@code fault-*} misbehave: {@code fault-401} (quoting the presented key, as OpenAI does),
 * {@code fault-429} (Retry-After: 7), {@code fault-500}, {@code fault-hang} (no answer),
 * {@code fault-malformed-json} (truncated body; a stream: a data line that is not JSON), {@code fault-malformed-sse}
 * (a line that is not UTF-8), {@code fault-hang-midstream} / {@code fault-close-midstream} (three frames, then
 * silence / a cut), {@code fault-error-first}, {@code fault-error-midstream} (four frames, then the protocol's error
 * frame; Responses: the spec's top-level shape), {@code fault-error-midstream-live} (the live API's nested error
 * event). {@code slow} streams one character every 50 ms; {@code gated} holds its stream after three frames until
 * {@link #openGate()}.
 *
 * <p>The Responses model is stateful like api.openai.com: it stores every response it produced (unless
 * {@code store:false}) with its conversation, continues from {@code previous_response_id} (400
 * {@code previous_response_not_found} when unknown; 400 for a tool output whose {@code call_id} answers no call of
 * the conversation, in the live API's words), and serves {@code GET}/{@code DELETE /v1/responses/{id}},
 * {@code GET /v1/responses/{id}/input_items} and {@code POST /v1/responses/compact} (an opaque compaction item).
 * {@link #turn} gives one turn's events as objects, for a test that puts its own transport (a WebSocket) in front.
 */
public final class FakeModel implements Function<FakeOpenAi.Recorded, Reply> {
    /** What the model answers when asked for a JSON-schema format. */
    public static final String STRUCTURED = "{\"city\":\"Paris\",\"temperature_c\":18}";
    /** The patch the model writes through {@code apply_patch}: adds {@code hello.txt}. */
    public static final String PATCH = "*** Begin Patch\n*** Add File: hello.txt\n+Hello from a strict thinking model\n*** End Patch\n";
    /** The thinking before the patch call. */
    public static final String THINKING_FIRST = "The user wants hello.txt. I will add it with apply_patch.";
    /** The thinking after the patch's result. */
    public static final String THINKING_AFTER_TOOL = "The patch was applied; I can report back.";
    /** The text after the patch's result. */
    public static final String FINAL_TEXT = "Created hello.txt.";

    private static final int CREATED = 1700000000;

    private enum Protocol { CHAT, RESPONSES }

    /** What the model says to one request: its thinking (or null), text, or tool calls. */
    public record Answer(String thinking, String text, List<ToolCall> calls) {
        public boolean toolCalls() {
            return !calls.isEmpty();
        }
    }

    public record ToolCall(String id, String name, String arguments) {
    }

    /** A request the model refuses, with the HTTP status and error body it answers. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final Map<String, Object> body;

        Refused(int status, Map<String, Object> body) {
            super(status + " " + Json.write(body));
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public Map<String, Object> body() {
            return body;
        }
    }

    private record Stored(Map<String, Object> response, List<Object> input, List<Object> conversation) {
    }

    private final Protocol protocol;
    private volatile boolean thinking;
    private volatile Duration chunkDelay = Duration.ZERO;
    private volatile int gateAfter = Integer.MAX_VALUE;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger callIds = new AtomicInteger();
    private final AtomicInteger responseIds = new AtomicInteger();
    private final Map<String, Stored> store = new ConcurrentHashMap<>();

    private FakeModel(Protocol protocol) {
        this.protocol = protocol;
    }

    /** A Chat Completions-only model ({@code POST /v1/chat/completions}, {@code GET /v1/models}). */
    public static FakeModel chat() {
        return new FakeModel(Protocol.CHAT);
    }

    /** A Responses-only, stateful model (see the class comment). */
    public static FakeModel responses() {
        return new FakeModel(Protocol.RESPONSES);
    }

    /** Every Chat answer starts with {@code reasoning_content} (streamed in three pieces). */
    public FakeModel thinking() {
        this.thinking = true;
        return this;
    }

    /** The delay between two frames of an ordinary stream (none by default). */
    public FakeModel chunkDelay(Duration delay) {
        this.chunkDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Lets {@code gated} streams go on. */
    public void openGate() {
        gate.countDown();
    }

    /** Opens the gate by itself once {@code n} create requests arrived: that many streams are then open at once. */
    public FakeModel openGateAfter(int n) {
        this.gateAfter = n;
        return this;
    }

    /** Puts a completed response with this id, saying {@code text}, into the store (an upstream's own history). */
    public FakeModel stored(String id, String text) {
        Map<String, Object> response = response(id, obj("model", "gpt-test"), "completed",
                outputItems(id, new Answer(null, text, List.of())));
        store.put(id, new Stored(response, List.of(), new ArrayList<>(Json.list(response.get("output")))));
        return this;
    }

    /** A stored response, or null. */
    public Map<String, Object> storedResponse(String id) {
        Stored s = store.get(id);
        return s == null ? null : s.response();
    }

    // ------------------------------------------------------------------------------------------------ answering

    @Override
    public Reply apply(FakeOpenAi.Recorded request) {
        String path = request.path();
        String method = request.method();
        if (method.equals("GET") && path.equals("/v1/models")) {
            return Reply.json(200, obj("object", "list", "data",
                    List.of(obj("id", "gpt-test", "object", "model", "created", CREATED, "owned_by", "fake"))));
        }
        try {
            if (method.equals("POST") && path.equals(protocol == Protocol.CHAT ? FakeOpenAi.CHAT : FakeOpenAi.RESPONSES)) {
                return create(request);
            }
            if (protocol == Protocol.RESPONSES && path.startsWith(FakeOpenAi.RESPONSES + "/")) {
                return responsesResource(method, path.substring(FakeOpenAi.RESPONSES.length() + 1), request);
            }
        } catch (Refused r) {
            return Reply.json(r.status(), r.body());
        }
        return Reply.json(404, error("Unknown request URL: " + method + " " + path
                + ". Please check the URL for typos, or see the docs at https://platform.openai.com/docs/api-reference/.",
                "invalid_request_error", "unknown_url", null));
    }

    private Reply create(FakeOpenAi.Recorded request) {
        if (created.incrementAndGet() >= gateAfter) {
            openGate();
        }
        Map<String, Object> body = request.body().isBlank() ? new LinkedHashMap<>() : request.json();
        String model = String.valueOf(body.get("model"));
        switch (model) {
            case "fault-401":
                String auth = request.header("Authorization");
                String key = auth == null ? "none" : auth.replaceFirst("(?i)^bearer\\s+", "");
                return Reply.json(401, error("Incorrect API key provided: " + key
                        + ". You can find your API key at https://platform.example/account/api-keys.",
                        "invalid_request_error", "invalid_api_key", null));
            case "fault-429":
                return Reply.json(429, error("Rate limit reached for gpt-test on tokens per min (TPM): Limit 30000, Used 30000.",
                        "tokens", "rate_limit_exceeded", null)).header("Retry-After", "7");
            case "fault-500":
                return Reply.json(500, error("The server had an error while processing your request. Sorry about that!",
                        "server_error", null, null));
            case "fault-hang":
                return Reply.hang();
            default:
                break;
        }
        boolean stream = Boolean.TRUE.equals(body.get("stream"));
        if (!stream) {
            if (model.equals("fault-malformed-json")) {
                return Reply.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,");
            }
            return Reply.json(200, protocol == Protocol.CHAT ? unary(body) : responsesUnary(body));
        }
        List<String> frames = model.equals("fault-error-first") ? List.of(errorFrame(0))
                : protocol == Protocol.CHAT ? frames(body) : sseFrames(turn(body));
        Reply reply = switch (model) {
            case "fault-close-midstream" -> Reply.sse(frames).abortAfter(3);
            case "fault-hang-midstream" -> Reply.sse(frames).gateAfter(3, new CountDownLatch(1));
            case "fault-error-midstream" -> Reply.sse(with(frames.subList(0, 4), errorFrame(4)));
            case "fault-error-midstream-live" -> Reply.sse(with(frames.subList(0, 4), liveErrorFrame(4)));
            case "fault-malformed-json" -> Reply.sse(with(frames.subList(0, 2), "data: {\"id\": broken\n\n",
                    frames.subList(2, frames.size()))).malformed();
            case "fault-malformed-sse" -> {
                List<byte[]> bytes = new ArrayList<>();
                frames.forEach(f -> bytes.add(Reply.utf8(f)));
                // Not UTF-8: no SSE parser may accept this line.
                bytes.add(2, new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n', '\n'});
                yield Reply.sseBytes(bytes).malformed();
            }
            case "slow" -> Reply.sse(frames).frameDelay(Duration.ofMillis(50));
            case "gated" -> Reply.sse(frames).gateAfter(3, gate);
            default -> Reply.sse(frames).frameDelay(chunkDelay);
        };
        return reply.header("Content-Type", "text/event-stream; charset=utf-8").header("x-request-id", "req_upstream_1");
    }

    private static List<String> with(List<String> head, String frame, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.add(frame);
        all.addAll(tail);
        return all;
    }

    private static List<String> with(List<String> head, String frame) {
        return with(head, frame, List.of());
    }

    /** What the model says to this request (Chat: its messages; Responses: its input after the stored history). */
    public Answer answer(Map<String, Object> body) {
        if (protocol == Protocol.RESPONSES) {
            return responsesAnswer(body, conversation(body));
        }
        List<Object> messages = Json.list(body.get("messages"));
        Map<String, Object> last = Json.map(messages.get(messages.size() - 1));
        String role = String.valueOf(last.get("role"));
        boolean patch = offers(body, "apply_patch");
        Answer answer;
        if (isSchema(body.get("response_format"))) {
            answer = new Answer(null, STRUCTURED, List.of());
        } else if ("tool".equals(role)) {
            List<String> results = new ArrayList<>();
            for (int i = messages.size() - 1; i >= 0 && "tool".equals(Json.map(messages.get(i)).get("role")); i--) {
                results.add(0, text(messages.get(i)));
            }
            answer = patch ? new Answer(THINKING_AFTER_TOOL, FINAL_TEXT, List.of())
                    : new Answer(null, "Weather: " + String.join("; ", results), List.of());
        } else if (patch && "user".equals(role)) {
            answer = patchCall(body);
        } else if (offers(body, "get_weather") && "user".equals(role)) {
            answer = toolAnswer(text(last));
        } else {
            answer = new Answer(null, "Echo: " + text(last) + " (" + messages.size() + " messages)", List.of());
        }
        if (!thinking) {
            return new Answer(null, answer.text(), answer.calls());
        }
        return answer.thinking() != null ? answer
                : new Answer("The user wrote: " + text(last), answer.text(), answer.calls());
    }

    private Answer patchCall(Map<String, Object> body) {
        String arguments = "raw-patch".equals(body.get("model")) ? PATCH : Json.write(Map.of("input", PATCH));
        return new Answer(THINKING_FIRST, null, List.of(new ToolCall(nextCallId(), "apply_patch", arguments)));
    }

    /** The answer of a tool-using model to a user message: one call, or two for "two cities". */
    private Answer toolAnswer(String userText) {
        List<ToolCall> calls = new ArrayList<>();
        calls.add(new ToolCall(nextCallId(), "get_weather", "{\"city\":\"Paris\"}"));
        if (userText != null && userText.contains("two cities")) {
            calls.add(new ToolCall(nextCallId(), "get_weather", "{\"city\":\"Tokyo\"}"));
        }
        return new Answer(null, null, calls);
    }

    private String nextCallId() {
        return "call_" + callIds.incrementAndGet();
    }

    private static boolean offers(Map<String, Object> body, String name) {
        if (!(body.get("tools") instanceof List<?> tools)) {
            return false;
        }
        for (Object t : tools) {
            if (t instanceof Map<?, ?> tool && (name.equals(tool.get("name"))
                    || tool.get("function") instanceof Map<?, ?> f && name.equals(f.get("name")))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSchema(Object format) {
        return format instanceof Map<?, ?> f && "json_schema".equals(f.get("type"));
    }

    /** A message's text, whether its content is a string or parts. */
    public static String text(Object message) {
        Object content = message instanceof Map<?, ?> m ? m.get("content") : null;
        if (content instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        if (content instanceof List<?> parts) {
            for (Object p : parts) {
                if (p instanceof Map<?, ?> part && part.get("text") != null) {
                    out.append(part.get("text"));
                }
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------ Chat

    /** The whole Chat answer to this request as a JSON body. */
    public Map<String, Object> unary(Map<String, Object> body) {
        Answer answer = answer(body);
        Map<String, Object> message = obj("role", "assistant", "content", answer.text(), "refusal", null,
                "annotations", List.of());
        if (answer.thinking() != null) {
            message.put("reasoning_content", answer.thinking());
        }
        if (answer.toolCalls()) {
            List<Object> calls = new ArrayList<>();
            for (ToolCall c : answer.calls()) {
                calls.add(obj("id", c.id(), "type", "function", "function", obj("name", c.name(), "arguments", c.arguments())));
            }
            message.put("tool_calls", calls);
        }
        return obj("id", "chatcmpl-fake1", "object", "chat.completion", "created", CREATED, "model", body.get("model"),
                "choices", List.of(obj("index", 0, "message", message, "logprobs", null,
                        "finish_reason", answer.toolCalls() ? "tool_calls" : "stop")),
                "usage", chatUsage(body), "service_tier", "default", "system_fingerprint", "fp_fake");
    }

    /** The whole Chat answer to this request as SSE frames (each a complete block), {@code [DONE]} last. */
    public List<String> frames(Map<String, Object> body) {
        Answer answer = answer(body);
        boolean usage = body.get("stream_options") instanceof Map<?, ?> o && Boolean.TRUE.equals(o.get("include_usage"));
        Object model = body.get("model");
        List<String> frames = new ArrayList<>();
        Map<String, Object> first = obj("role", "assistant", "content", "", "refusal", null);
        if (answer.thinking() != null) {
            first.put("reasoning_content", "");
        }
        frames.add(chunk(model, first, null, usage));
        if (answer.thinking() != null) {
            for (String piece : pieces(answer.thinking(), (answer.thinking().length() + 2) / 3)) {
                frames.add(chunk(model, obj("reasoning_content", piece), null, usage));
            }
        }
        if (answer.toolCalls()) {
            List<ToolCall> calls = answer.calls();
            boolean interleave = text(lastMessage(body)).contains("interleaved");
            for (int i = 0; i < calls.size(); i++) {
                ToolCall c = calls.get(i);
                frames.add(chunk(model, obj("tool_calls", List.of(obj("index", i, "id", c.id(), "type", "function",
                        "function", obj("name", c.name(), "arguments", "")))), null, usage));
                if (!interleave) {
                    for (String piece : pieces(c.arguments(), 5)) {
                        frames.add(chunk(model, argumentsDelta(i, piece), null, usage));
                    }
                }
            }
            // Asked to, parallel calls interleave their fragments (index 0, 1, 0, 1) as some OpenAI-compatible servers do.
            int longest = interleave ? calls.stream().mapToInt(c -> pieces(c.arguments(), 5).size()).max().orElse(0) : 0;
            for (int p = 0; p < longest; p++) {
                for (int i = 0; i < calls.size(); i++) {
                    List<String> args = pieces(calls.get(i).arguments(), 5);
                    if (p < args.size()) {
                        frames.add(chunk(model, argumentsDelta(i, args.get(p)), null, usage));
                    }
                }
            }
        } else {
            for (String piece : pieces(answer.text(), "slow".equals(model) ? 1 : 4)) {
                frames.add(chunk(model, obj("content", piece), null, usage));
            }
        }
        frames.add(chunk(model, obj(), answer.toolCalls() ? "tool_calls" : "stop", usage));
        if (usage) {
            frames.add(Sse.dataFrame(Json.write(obj("id", "chatcmpl-fake1", "object", "chat.completion.chunk",
                    "created", CREATED, "model", model, "system_fingerprint", "fp_fake", "choices", List.of(),
                    "usage", chatUsage(body)))));
        }
        frames.add(Sse.dataFrame("[DONE]"));
        return frames;
    }

    private static Map<String, Object> argumentsDelta(int index, String piece) {
        return obj("tool_calls", List.of(obj("index", index, "function", obj("arguments", piece))));
    }

    private static Object lastMessage(Map<String, Object> body) {
        List<Object> messages = Json.list(body.get("messages"));
        return messages.get(messages.size() - 1);
    }

    private static String chunk(Object model, Map<String, Object> delta, String finish, boolean usage) {
        Map<String, Object> chunk = obj("id", "chatcmpl-fake1", "object", "chat.completion.chunk", "created", CREATED,
                "model", model, "service_tier", "default", "system_fingerprint", "fp_fake",
                "choices", List.of(obj("index", 0, "delta", delta, "logprobs", null, "finish_reason", finish)));
        if (usage) {
            chunk.put("usage", null);
        }
        return Sse.dataFrame(Json.write(chunk));
    }

    private static Map<String, Object> chatUsage(Map<String, Object> body) {
        int prompt = 10 * Json.list(body.get("messages")).size();
        return obj("prompt_tokens", prompt, "completion_tokens", 9, "total_tokens", prompt + 9,
                "prompt_tokens_details", obj("cached_tokens", 0, "audio_tokens", 0),
                "completion_tokens_details", obj("reasoning_tokens", 0, "audio_tokens", 0,
                        "accepted_prediction_tokens", 0, "rejected_prediction_tokens", 0));
    }

    // ------------------------------------------------------------------------------------------------ Responses

    /** The input items of this request after the stored conversation it continues; 400 when that is unknown. */
    private List<Object> conversation(Map<String, Object> body) {
        List<Object> items = new ArrayList<>();
        Object previous = body.get("previous_response_id");
        if (previous != null) {
            Stored stored = store.get(String.valueOf(previous));
            if (stored == null) {
                throw new Refused(400, error("Previous response with id '" + previous + "' not found.",
                        "invalid_request_error", "previous_response_not_found", "previous_response_id"));
            }
            items.addAll(stored.conversation());
        }
        items.addAll(inputItems(body));
        // As api.openai.com: a tool output must answer a call of the conversation (stored history or input).
        Set<Object> calls = new HashSet<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && ("function_call".equals(m.get("type")) || "custom_tool_call".equals(m.get("type")))) {
                calls.add(m.get("call_id"));
            }
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && ("function_call_output".equals(m.get("type"))
                    || "custom_tool_call_output".equals(m.get("type"))) && !calls.contains(m.get("call_id"))) {
                throw new Refused(400, error("No tool call found for function call output with call_id " + m.get("call_id") + ".",
                        "invalid_request_error", null, "input"));
            }
        }
        return items;
    }

    private static List<Object> inputItems(Map<String, Object> body) {
        Object input = body.get("input");
        if (input instanceof String s) {
            return List.of(obj("type", "message", "role", "user", "content", s));
        }
        return input instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private Answer responsesAnswer(Map<String, Object> body, List<Object> items) {
        if (body.get("text") instanceof Map<?, ?> text && isSchema(text.get("format"))) {
            return new Answer(null, STRUCTURED, List.of());
        }
        if (items.isEmpty()) {
            throw new Refused(400, error("Missing required parameter: 'input'.", "invalid_request_error",
                    "missing_required_parameter", "input"));
        }
        Map<String, Object> last = Json.map(items.get(items.size() - 1));
        if ("function_call_output".equals(last.get("type"))) {
            List<String> results = new ArrayList<>();
            for (int i = items.size() - 1; i >= 0 && "function_call_output".equals(Json.map(items.get(i)).get("type")); i--) {
                results.add(0, String.valueOf(Json.map(items.get(i)).get("output")));
            }
            return new Answer(null, "Weather: " + String.join("; ", results), List.of());
        }
        String text = text(last);
        if (offers(body, "get_weather") && "user".equals(last.get("role"))) {
            return toolAnswer(text);
        }
        return new Answer(null, "Echo: " + text + " (" + items.size() + " items)", List.of());
    }

    /** One Responses turn as a JSON body, stored unless {@code store:false}. */
    public Map<String, Object> responsesUnary(Map<String, Object> body) {
        List<Map<String, Object>> events = turn(body);
        return Json.map(events.get(events.size() - 1).get("response"));
    }

    /**
     * One Responses turn as its stream's event objects ({@code response.created} … {@code response.completed}),
     * stored unless {@code store:false}; {@link Refused} when the request is refused (an unknown
     * {@code previous_response_id}).
     */
    public List<Map<String, Object>> turn(Map<String, Object> body) {
        List<Object> conversation = conversation(body);
        Answer answer = responsesAnswer(body, conversation);
        String id = "resp_fake" + responseIds.incrementAndGet();
        List<Map<String, Object>> items = outputItems(id, answer);
        Map<String, Object> completed = response(id, body, "completed", items);
        if (!Boolean.FALSE.equals(body.get("store"))) {
            List<Object> next = new ArrayList<>(conversation);
            next.addAll(items);
            store.put(id, new Stored(completed, inputItems(body), next));
        }
        List<Map<String, Object>> events = new ArrayList<>();
        int[] seq = {0};
        Map<String, Object> inProgress = response(id, body, "in_progress", List.of());
        inProgress.put("usage", null);
        inProgress.put("completed_at", null);
        events.add(event("response.created", seq, obj("response", inProgress)));
        events.add(event("response.in_progress", seq, obj("response", inProgress)));
        for (int index = 0; index < items.size(); index++) {
            Map<String, Object> item = items.get(index);
            Object itemId = item.get("id");
            if ("message".equals(item.get("type"))) {
                events.add(event("response.output_item.added", seq, obj("output_index", index,
                        "item", obj("id", itemId, "type", "message", "status", "in_progress", "content", List.of(), "role", "assistant"))));
                events.add(event("response.content_part.added", seq, obj("item_id", itemId, "output_index", index, "content_index", 0,
                        "part", obj("type", "output_text", "annotations", List.of(), "logprobs", List.of(), "text", ""))));
                for (String piece : pieces(answer.text(), "slow".equals(body.get("model")) ? 1 : 4)) {
                    events.add(event("response.output_text.delta", seq, obj("item_id", itemId, "output_index", index,
                            "content_index", 0, "delta", piece, "logprobs", List.of(), "obfuscation", "xY")));
                }
                events.add(event("response.output_text.done", seq, obj("item_id", itemId, "output_index", index,
                        "content_index", 0, "text", answer.text(), "logprobs", List.of())));
                events.add(event("response.content_part.done", seq, obj("item_id", itemId, "output_index", index, "content_index", 0,
                        "part", obj("type", "output_text", "annotations", List.of(), "logprobs", List.of(), "text", answer.text()))));
            } else {
                events.add(event("response.output_item.added", seq, obj("output_index", index,
                        "item", obj("id", itemId, "type", "function_call", "status", "in_progress", "arguments", "",
                                "call_id", item.get("call_id"), "name", item.get("name")))));
                for (String piece : pieces((String) item.get("arguments"), 5)) {
                    events.add(event("response.function_call_arguments.delta", seq, obj("item_id", itemId, "output_index", index,
                            "delta", piece, "obfuscation", "ab")));
                }
                events.add(event("response.function_call_arguments.done", seq, obj("item_id", itemId, "output_index", index,
                        "name", item.get("name"), "arguments", item.get("arguments"))));
            }
            events.add(event("response.output_item.done", seq, obj("output_index", index, "item", item)));
        }
        events.add(event("response.completed", seq, obj("response", completed)));
        return events;
    }

    /** Responses events as SSE frames ({@code event:} + {@code data:}, no {@code [DONE]}, as OpenAI sends them). */
    public static List<String> sseFrames(List<Map<String, Object>> events) {
        List<String> frames = new ArrayList<>();
        events.forEach(e -> frames.add(Sse.eventFrame(String.valueOf(e.get("type")), Json.write(e))));
        return frames;
    }

    private Reply responsesResource(String method, String rest, FakeOpenAi.Recorded request) {
        if (method.equals("POST") && rest.equals("compact")) {
            Map<String, Object> body = request.json();
            if (body.get("model") == null) {
                return Reply.json(400, error("Missing required parameter: 'model'.", "invalid_request_error",
                        "missing_required_parameter", "model"));
            }
            // The upstream's own compaction: opaque to its clients.
            return Reply.json(200, obj("id", "resp_compact1", "object", "response.compaction", "created_at", CREATED,
                    "output", List.of(obj("type", "compaction", "id", "cmp_upstream1", "encrypted_content", "gAAAA-upstream-opaque")),
                    "usage", obj("input_tokens", 40, "input_tokens_details", obj("cached_tokens", 0), "output_tokens", 12,
                            "output_tokens_details", obj("reasoning_tokens", 0), "total_tokens", 52)));
        }
        boolean inputItems = rest.endsWith("/input_items");
        String id = inputItems ? rest.substring(0, rest.length() - "/input_items".length()) : rest;
        Stored stored = store.get(id);
        if (stored == null || id.contains("/")) {
            return Reply.json(404, error("No response found with id '" + id + "'.", "invalid_request_error", null, null));
        }
        if (method.equals("GET") && inputItems) {
            List<Object> data = new ArrayList<>(stored.input());
            Collections.reverse(data);
            return Reply.json(200, obj("object", "list", "data", data, "first_id", null, "last_id", null, "has_more", false));
        }
        if (method.equals("GET")) {
            return Reply.json(200, stored.response());
        }
        if (method.equals("DELETE")) {
            store.remove(id);
            return Reply.json(200, obj("id", id, "object", "response", "deleted", true));
        }
        return Reply.json(405, error("Method not allowed.", "invalid_request_error", null, null));
    }

    private List<Map<String, Object>> outputItems(String responseId, Answer answer) {
        List<Map<String, Object>> items = new ArrayList<>();
        String suffix = responseId.startsWith("resp_") ? responseId.substring("resp_".length()) : responseId;
        if (answer.toolCalls()) {
            for (ToolCall c : answer.calls()) {
                items.add(obj("id", "fc_" + c.id() + "_" + suffix, "type", "function_call", "status", "completed",
                        "arguments", c.arguments(), "call_id", c.id(), "name", c.name()));
            }
        } else {
            items.add(obj("id", "msg_" + suffix, "type", "message", "status", "completed", "role", "assistant",
                    "content", List.of(obj("type", "output_text", "annotations", List.of(), "logprobs", List.of(),
                            "text", answer.text()))));
        }
        return items;
    }

    private static Map<String, Object> response(String id, Map<String, Object> body, String status, List<Map<String, Object>> output) {
        return obj("id", id, "object", "response", "created_at", CREATED, "status", status,
                "background", false, "completed_at", CREATED + 1, "error", null, "incomplete_details", null,
                "instructions", body.get("instructions"), "max_output_tokens", body.get("max_output_tokens"), "max_tool_calls", null,
                "model", body.get("model"), "output", output, "parallel_tool_calls", true,
                "previous_response_id", body.get("previous_response_id"),
                "reasoning", obj("effort", null, "summary", null), "service_tier", "default",
                "store", body.getOrDefault("store", true), "temperature", 1.0,
                "text", body.get("text") != null ? body.get("text") : obj("format", obj("type", "text"), "verbosity", "medium"),
                "tool_choice", body.getOrDefault("tool_choice", "auto"), "tools", echoTools(body),
                "top_logprobs", 0, "top_p", 1.0, "truncation", "disabled",
                "usage", obj("input_tokens", 12, "input_tokens_details", obj("cached_tokens", 2), "output_tokens", 9,
                        "output_tokens_details", obj("reasoning_tokens", 0), "total_tokens", 21),
                "user", null, "metadata", obj(), "presence_penalty", 0.0, "frequency_penalty", 0.0,
                "safety_identifier", null, "prompt_cache_key", body.get("prompt_cache_key"));
    }

    /**
     * The request's tools as the live API echoes them: a function tool with every field of its schema
     * ({@code description}, {@code parameters} null when absent) and {@code strict}, true unless the request said.
     */
    private static List<Object> echoTools(Map<String, Object> body) {
        List<Object> tools = new ArrayList<>();
        if (body.get("tools") instanceof List<?> requested) {
            for (Object tool : requested) {
                if (tool instanceof Map<?, ?> t && "function".equals(t.get("type"))) {
                    Map<String, Object> echo = obj("type", "function", "name", t.get("name"),
                            "description", t.get("description"), "parameters", t.get("parameters"),
                            "strict", t.get("strict") == null ? Boolean.TRUE : t.get("strict"));
                    t.forEach((k, v) -> echo.putIfAbsent(String.valueOf(k), v));
                    tools.add(echo);
                } else {
                    tools.add(tool);
                }
            }
        }
        return tools;
    }

    private static Map<String, Object> event(String type, int[] seq, Map<String, Object> fields) {
        Map<String, Object> data = obj("type", type, "sequence_number", seq[0]++);
        data.putAll(fields);
        return data;
    }

    // ------------------------------------------------------------------------------------------------ errors

    /** A stream's error frame as the event numbered {@code sequence}: Chat's {@code {"error":…}} payload, or the
     * Responses {@code error} event in the specification's top-level shape. */
    public String errorFrame(int sequence) {
        if (protocol == Protocol.CHAT) {
            return Sse.dataFrame(Json.write(error("The model is overloaded. Please try again later.", "server_error",
                    "model_overloaded", null)));
        }
        return Sse.eventFrame("error", Json.write(obj("type", "error", "sequence_number", sequence,
                "code", "model_overloaded", "message", "The model is overloaded. Please try again later.", "param", null)));
    }

    /** An error frame in the live API's shape: a Responses {@code error} event with the error nested, as recorded
     * from api.openai.com (Chat errors always are nested). */
    public String liveErrorFrame(int sequence) {
        if (protocol == Protocol.CHAT) {
            return errorFrame(sequence);
        }
        return Sse.eventFrame("error", Json.write(obj("type", "error", "sequence_number", sequence, "error", obj(
                "type", "insufficient_quota", "code", "insufficient_quota",
                "message", "You exceeded your current quota, please check your plan and billing details.", "param", null))));
    }

    /** OpenAI's error body: {@code {"error":{"message","type","param","code"}}}. */
    static Map<String, Object> error(String message, String type, String code, String param) {
        return obj("error", obj("message", message, "type", type, "param", param, "code", code));
    }

    private static List<String> pieces(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += Math.max(1, size)) {
            out.add(text.substring(i, Math.min(text.length(), i + Math.max(1, size))));
        }
        return out;
    }
}
