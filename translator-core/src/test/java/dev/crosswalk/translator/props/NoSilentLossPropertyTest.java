package dev.crosswalk.translator.props;

import static dev.crosswalk.translator.props.Json.o;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.SystemMessagePolicy;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Design §7, no silent loss: for generated inputs, every leaf value of the input appears in the output, or its path
 * (or a path containing it) is named in a warning; in strict mode, or named in the error.
 *
 * <p>Inputs: generated bodies of the four kinds in the wide mode ({@link Gen}: also item ids and statuses, message
 * names, images in system messages, annotations in history, ...), with unknown fields ({@code x_unknown_<n>}) added to
 * about a third of all objects at any depth, and, for requests, fields that have no equivalent ({@code n: 2},
 * {@code stop}, {@code seed}, {@code previous_response_id}, hosted tools, ...). Each is translated leniently (so
 * there is an output to look in), with the default options and again with the options that reshape system
 * messages ({@code HOIST_LEADING_TO_INSTRUCTIONS}, {@code systemOnlyAtStart}, {@code instructionsRole: developer});
 * the same input translated strictly must either succeed with the same output or fail naming only paths that the
 * lenient run warned about. A failure names the seed and lists every lost leaf. (The opt-in, lossy-by-design
 * {@code reasoningContent} mapping is not generated.)
 *
 * <h2>When does a leaf "appear"?</h2>
 * Values move between members (Chat {@code tool_call_id} is Responses {@code call_id}, text parts are concatenated,
 * instructions become a system message). A leaf {@code (key, value)} of the input appears when the output has a leaf
 * under the same key or an equivalent one ({@link #ALIASES}) whose value is equal (numbers by value) or, for strings,
 * contains it. Every generated text is a unique token, so containment cannot be a coincidence. Array elements count
 * under the key of their array. A leaf is named by a warning when the warning's path is the leaf's path or one of its
 * ancestors; a warning at an object's {@code type} or {@code role} member (a tool, item or part whose kind has no
 * equivalent) names that whole object.
 *
 * <h2>Documented exceptions</h2>
 * <ul>
 *   <li>{@code null} values (they mean "absent"), empty strings (an empty answer text is no content: a translation
 *       opens no message item for it, exactly as a stream opens none for empty deltas), and type tags: members named {@code type}, {@code role},
 *       {@code object}; what a tag means is carried by the output's structure, which the round-trip and oracle
 *       properties check.</li>
 *   <li>Minted or structural values: {@code $.id} of completions (a response's id is carried: {@code chatcmpl-}
 *       + the id contains it), output item {@code id}s (carried by reference with the response id, docs/architecture.md
 *       §5) and {@code status}es (Chat completions have no items), {@code choices[0].index}, {@code completed_at} (the
 *       translator's clock); how an answer ended ({@code finish_reason} ⇄ {@code status} +
 *       {@code incomplete_details.reason}) is checked exactly by the round-trip property.</li>
 *   <li>A Responses object's echo of its request ({@code tools}, {@code tool_choice}, {@code temperature}, ...):
 *       request settings, not part of the answer, and a Chat completion has no place for them. Not
 *       {@code instructions} and {@code metadata}: translated without the request sent, they are reported.</li>
 *   <li>Values equal to the only behaviour the target has: Chat {@code n: 1}, {@code logprobs: false},
 *       {@code frequency_penalty: 0}, {@code presence_penalty: 0}; Responses {@code truncation: "disabled"}; token
 *       counts of 0; and Chat {@code stream_options.include_usage} (Responses always reports usage; the stream
 *       translator decides from the original request whether the Chat client gets a usage chunk).</li>
 * </ul>
 */
class NoSilentLossPropertyTest {
    private static final int SEEDS = 250;

    /** Members that hold the same value under another name on the other side. */
    static final List<Set<String>> ALIASES = List.of(
            Set.of("content", "text", "instructions", "input", "output"),
            Set.of("url", "image_url"),
            Set.of("id", "call_id", "tool_call_id"),
            Set.of("max_tokens", "max_completion_tokens", "max_output_tokens"),
            Set.of("prompt_tokens", "input_tokens"),
            Set.of("completion_tokens", "output_tokens"),
            Set.of("created", "created_at"),
            Set.of("reasoning_effort", "effort"),
            Set.of("tool_choice", "function_call"));

    private static final Set<String> TAGS = Set.of("type", "role", "object");

    private static final Map<Corpus.Kind, List<Pattern>> EXCEPTIONS = Map.of(
            Corpus.Kind.CHAT_REQUEST, patterns("\\$\\.stream_options\\.include_usage"),
            Corpus.Kind.RESPONSES_REQUEST, patterns(),
            Corpus.Kind.CHAT_COMPLETION, patterns("\\$\\.id", "\\$\\.choices\\[0]\\.index", "\\$\\.choices\\[0]\\.finish_reason"),
            Corpus.Kind.RESPONSE, patterns("\\$\\.output\\[\\d+]\\.id", "\\$\\.output\\[\\d+]\\.status", "\\$\\.status",
                    "\\$\\.completed_at", "\\$\\.incomplete_details\\.reason",
                    "\\$\\.(tools|tool_choice|parallel_tool_calls|temperature|top_p|max_output_tokens|"
                            + "previous_response_id|reasoning|text|top_logprobs|truncation|user|store|background|"
                            + "safety_identifier|prompt_cache_key|prompt_cache_retention|max_tool_calls|conversation|prompt)"
                            + "([.\\[].*)?"));

    /** Values equal to the target's only behaviour, by key. */
    private static final Map<String, Object> QUIET_DEFAULTS = Map.of("n", BigDecimal.ONE, "logprobs", false,
            "frequency_penalty", BigDecimal.ZERO, "presence_penalty", BigDecimal.ZERO, "truncation", "disabled");

    @Test
    void chatRequestsLoseNothingSilently() {
        run(Corpus.Kind.CHAT_REQUEST);
    }

    @Test
    void responsesRequestsLoseNothingSilently() {
        run(Corpus.Kind.RESPONSES_REQUEST);
    }

    @Test
    void chatCompletionsLoseNothingSilently() {
        run(Corpus.Kind.CHAT_COMPLETION);
    }

    @Test
    void responsesLoseNothingSilently() {
        run(Corpus.Kind.RESPONSE);
    }

    private static void run(Corpus.Kind kind) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Gen gen = new Gen(seed, true);
            Map<String, Object> input = gen.of(kind);
            Random rnd = new Random(seed);
            addUnknownFields(input, rnd, gen);
            addUntranslatableFields(kind, input, rnd, gen);
            String json = Json.write(input);
            JsonCodec codec = Translators.CODECS.get((int) (seed % 2));
            String where = "[seed " + seed + ", " + kind + ", " + codec.name() + "]\n  input:  " + json;

            Translation<String> lenient = translate(Translators.lenient(codec), kind, json);
            where += "\n  output: " + lenient.value() + "\n  warnings: " + lenient.warnings();
            List<String> lost = lostLeaves(kind, input, Json.parse(lenient.value()), lenient.warnings());
            assertThat(lost).as(where + "\n  leaves neither in the output nor named in a warning").isEmpty();

            // The options that reshape system messages (hoisting into instructions, merging at the front) lose nothing either.
            Translation<String> reshaped = translate(Crosswalk.translator(Translators.options(codec).lenient(true)
                    .systemMessages(SystemMessagePolicy.HOIST_LEADING_TO_INSTRUCTIONS).systemOnlyAtStart(true)
                    .instructionsRole("developer").build()), kind, json);
            assertThat(lostLeaves(kind, input, Json.parse(reshaped.value()), reshaped.warnings()))
                    .as(where + "\n  with the system-message options, output: " + reshaped.value() + "\n  warnings: "
                            + reshaped.warnings()).isEmpty();

            try {
                Translation<String> strict = translate(Translators.strict(codec), kind, json);
                assertThat(strict.value()).as(where).isEqualTo(lenient.value());
                assertThat(strict.warnings()).as(where).isEqualTo(lenient.warnings());
            } catch (UntranslatableException e) {
                assertThat(lenient.warnings()).as(where + "\n  strict problems " + e.problems())
                        .containsAll(e.problems());
            }
        }
    }

    static Translation<String> translate(Translator t, Corpus.Kind kind, String json) {
        return OracleConformancePropertyTest.translate(t, kind, json);
    }

    /** The input leaves that are neither carried to the output nor named by a warning, each with the reason. */
    static List<String> lostLeaves(Corpus.Kind kind, Object input, Object output, List<Problem> warnings) {
        Map<String, List<Object>> outputByKey = new HashMap<>();
        for (Json.Leaf leaf : Json.leaves(output)) {
            if (leaf.value() != null) {
                outputByKey.computeIfAbsent(leaf.key(), k -> new ArrayList<>()).add(leaf.value());
            }
        }
        List<String> lost = new ArrayList<>();
        for (Json.Leaf leaf : Json.leaves(input)) {
            if (leaf.value() == null || "".equals(leaf.value()) || leaf.key() == null || TAGS.contains(leaf.key()) || excepted(kind, leaf)) {
                continue;
            }
            if (warnings.stream().anyMatch(w -> Json.within(leaf.path(), named(w.path())))) {
                continue;
            }
            if (!carried(leaf, outputByKey)) {
                lost.add(leaf.path() + " = " + Json.snippet(String.valueOf(leaf.value())));
            }
        }
        return lost;
    }

    /** What a problem's path names: a problem at an object's {@code type} or {@code role} is about the whole object. */
    static String named(String path) {
        for (String tag : List.of(".type", ".role")) {
            if (path.endsWith(tag)) {
                return path.substring(0, path.length() - tag.length());
            }
        }
        return path;
    }

    private static boolean excepted(Corpus.Kind kind, Json.Leaf leaf) {
        Object quiet = QUIET_DEFAULTS.get(leaf.key());
        if (quiet != null && same(quiet, leaf.value()) && leaf.path().equals("$." + leaf.key())) {
            return true;
        }
        if (leaf.key().endsWith("_tokens") && leaf.value() instanceof BigDecimal d && d.signum() == 0) {
            return true;
        }
        return EXCEPTIONS.get(kind).stream().anyMatch(p -> p.matcher(leaf.path()).matches());
    }

    private static boolean carried(Json.Leaf leaf, Map<String, List<Object>> outputByKey) {
        // Chat logprobs: true is Responses include: ["message.output_text.logprobs"], and back.
        if (leaf.key().equals("logprobs") && Boolean.TRUE.equals(leaf.value())) {
            return outputByKey.getOrDefault("include", List.of()).contains("message.output_text.logprobs");
        }
        if (leaf.key().equals("include") && "message.output_text.logprobs".equals(leaf.value())) {
            return outputByKey.getOrDefault("logprobs", List.of()).contains(Boolean.TRUE);
        }
        for (String key : keys(leaf.key())) {
            for (Object value : outputByKey.getOrDefault(key, List.of())) {
                if (leaf.value() instanceof String s ? value instanceof String t && t.contains(s) : same(leaf.value(), value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> keys(String key) {
        for (Set<String> group : ALIASES) {
            if (group.contains(key)) {
                return group;
            }
        }
        return Set.of(key);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    private static List<Pattern> patterns(String... regexes) {
        List<Pattern> out = new ArrayList<>();
        for (String r : regexes) {
            out.add(Pattern.compile(r));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ input shaping

    /** An unknown member with a unique value on about a third of all objects, metadata maps excepted (strings only). */
    static void addUnknownFields(Object tree, Random rnd, Gen gen) {
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Json.objects(tree, "$", (path, object) -> {
            objects.add(object);
            paths.add(path);
        });
        for (int i = 0; i < objects.size(); i++) {
            if (rnd.nextInt(3) != 0) {
                continue;
            }
            String key = "x_unknown_" + i;
            objects.get(i).put(key, paths.get(i).endsWith(".metadata") ? "u" + gen.token() : switch (rnd.nextInt(4)) {
                case 0 -> "u" + gen.token();
                case 1 -> new BigDecimal(1000 + i + "." + (rnd.nextInt(900) + 100));
                case 2 -> o("nested", "u" + gen.token());
                default -> Json.a("u" + gen.token(), new BigDecimal(i + 7000));
            });
        }
    }

    /** Request fields (changing the answer or not) that have no equivalent on the other side. */
    static void addUntranslatableFields(Corpus.Kind kind, Map<String, Object> req, Random rnd, Gen gen) {
        if (kind == Corpus.Kind.CHAT_REQUEST) {
            Map<String, Object> candidates = o("n", new BigDecimal(2 + rnd.nextInt(3)), "stop", Json.a("s" + gen.token()),
                    "seed", new BigDecimal(rnd.nextInt(1_000_000)), "logit_bias", o("1234", new BigDecimal(-50)),
                    "frequency_penalty", new BigDecimal("0.25"), "presence_penalty", new BigDecimal("-0.5"),
                    "prediction", o("type", "content", "content", "p" + gen.token()), "modalities", Json.a("text", "audio"),
                    "audio", o("voice", "v" + gen.token(), "format", "wav"));
            candidates.forEach((k, v) -> {
                if (rnd.nextInt(6) == 0) {
                    req.put(k, v);
                }
            });
        } else if (kind == Corpus.Kind.RESPONSES_REQUEST) {
            Map<String, Object> candidates = o("previous_response_id", "resp_" + gen.token(), "conversation", "conv_" + gen.token(),
                    "truncation", "auto", "background", true, "max_tool_calls", new BigDecimal(3 + rnd.nextInt(5)),
                    "prompt", o("id", "pmpt_" + gen.token()), "client_metadata", o("client", "c" + gen.token()),
                    "include", Json.a("reasoning.encrypted_content", "file_search_call.results"),
                    "reasoning", o("effort", "low", "summary", "auto"));
            candidates.forEach((k, v) -> {
                if (rnd.nextInt(6) == 0) {
                    req.put(k, v);
                }
            });
            if (rnd.nextInt(6) == 0) {
                List<Object> tools = req.get("tools") instanceof List<?> ? Json.arr(req.get("tools")) : new ArrayList<>();
                tools.add(o("type", "file_search", "vector_store_ids", Json.a("vs_" + gen.token())));
                req.put("tools", tools);
            }
        }
    }
}
