package dev.crosswalk.translator.props;

import static dev.crosswalk.translator.props.Json.arr;
import static dev.crosswalk.translator.props.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.oracle.OpenAiOracle;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Design §7, oracle: every translation of a valid input parses and validates with the official openai-java models
 * ({@link OpenAiOracle}), with no unexpected property, in all four directions.
 *
 * <p>Inputs: generated bodies ({@link Gen}, the translatable subset, translated strictly) and generated bodies in
 * the wide mode (valid shapes outside the subset, translated leniently: whatever is translated must still be valid),
 * plus every protocol-valid corpus body (translated leniently). Each generated input is itself checked with the oracle
 * first, so a generator drifting out of the protocol fails here rather than passing unnoticed. A failure names the
 * seed (or the corpus file) and shows input and output.
 *
 * <p>One documented allowance: the SDK models assistant history items with {@code output_text} parts as output
 * messages and requires {@code id} and {@code status} on them, which the API itself does not require in request input
 * (reference errata {@code OutputMessage__InputHistory}). When the oracle rejects a translated Responses request, the
 * check is repeated once with placeholder {@code id}/{@code status} added to exactly those items; only if that copy
 * passes is the translation accepted. Any other defect still fails.
 */
class OracleConformancePropertyTest {
    private static final int SEEDS = 150;

    @Test
    void translatedChatRequestsAreValidResponsesRequests() {
        for (long seed = 0; seed < SEEDS; seed++) {
            check(seed, Corpus.Kind.CHAT_REQUEST, new Gen(seed).chatRequest(), OpenAiOracle::chatCompletionRequest,
                    (t, json) -> t.requestToResponses(json), OracleConformancePropertyTest::responsesRequest, false);
            check(seed, Corpus.Kind.CHAT_REQUEST, new Gen(seed, true).chatRequest(), OpenAiOracle::chatCompletionRequest,
                    (t, json) -> t.requestToResponses(json), OracleConformancePropertyTest::responsesRequest, true);
        }
    }

    @Test
    void translatedResponsesRequestsAreValidChatRequests() {
        for (long seed = 0; seed < SEEDS; seed++) {
            check(seed, Corpus.Kind.RESPONSES_REQUEST, new Gen(seed).responsesRequest(), OracleConformancePropertyTest::responsesRequestInput,
                    (t, json) -> t.requestToChat(json), OpenAiOracle::chatCompletionRequest, false);
            check(seed, Corpus.Kind.RESPONSES_REQUEST, new Gen(seed, true).responsesRequest(), OracleConformancePropertyTest::responsesRequestInput,
                    (t, json) -> t.requestToChat(json), OpenAiOracle::chatCompletionRequest, true);
        }
    }

    @Test
    void translatedChatCompletionsAreValidResponses() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Gen gen = new Gen(seed);
            Map<String, Object> completion = gen.chatCompletion();
            // Alternately answering no request (the API's echo defaults), a Responses request and a Chat request.
            String request = switch ((int) (seed % 3)) {
                case 0 -> null;
                case 1 -> Json.write(gen.responsesRequest());
                default -> Json.write(gen.chatRequest());
            };
            check(seed, Corpus.Kind.CHAT_COMPLETION, completion, OpenAiOracle::chatCompletion,
                    (t, json) -> t.responseToResponses(json, request), OpenAiOracle::response, false);
        }
    }

    @Test
    void translatedResponsesAreValidChatCompletions() {
        for (long seed = 0; seed < SEEDS; seed++) {
            // With the request it answers: instructions and metadata that echo it are no loss (docs/architecture.md §5).
            check(seed, Corpus.Kind.RESPONSE, new Gen(seed).response(), OpenAiOracle::response,
                    (t, json) -> t.responseToChat(json, sentRequest(json)), OpenAiOracle::chatCompletion, false);
        }
    }

    /**
     * Corpus bodies that the protocol accepts (not {@code *.invalid.json}) translate, leniently, to valid bodies. The
     * corpus's made-up future fields ({@code x_…}) are removed first: unknown fields are carried verbatim by design
     * (§4), and the SDK of course does not know them.
     */
    @Test
    void translatedCorpusBodiesAreValid() {
        for (Corpus.Body body : Corpus.all()) {
            if (body.name().contains(".invalid")) {
                continue;
            }
            Function<String, Object> target = switch (body.kind()) {
                case CHAT_REQUEST -> OracleConformancePropertyTest::responsesRequest;
                case RESPONSES_REQUEST -> OpenAiOracle::chatCompletionRequest;
                case CHAT_COMPLETION -> OpenAiOracle::response;
                case RESPONSE -> OpenAiOracle::chatCompletion;
            };
            Object tree = Json.parse(body.json());
            Json.objects(tree, "$", (path, object) -> object.keySet().removeIf(k -> k.startsWith("x_")));
            String json = Json.write(tree);
            for (JsonCodec codec : Translators.CODECS) {
                Translation<String> out;
                try {
                    out = translate(Translators.lenient(codec), body.kind(), json);
                } catch (dev.crosswalk.translator.error.ResponseFailedException e) {
                    continue; // a failed response has no completion: nothing to validate
                }
                String context = "[" + body + ", " + codec.name() + "]\n  input:  " + body.json() + "\n  output: " + out.value();
                try {
                    target.apply(out.value());
                } catch (AssertionError e) {
                    fail(context + "\n" + e.getMessage(), e);
                }
            }
        }
    }

    static Translation<String> translate(Translator t, Corpus.Kind kind, String json) {
        return switch (kind) {
            case CHAT_REQUEST -> t.requestToResponses(json);
            case RESPONSES_REQUEST -> t.requestToChat(json);
            case CHAT_COMPLETION -> t.responseToResponses(json, null);
            case RESPONSE -> t.responseToChat(json);
        };
    }

    private interface Translate {
        Translation<String> apply(Translator t, String json);
    }

    private static void check(long seed, Corpus.Kind kind, Map<String, Object> input, Consumer<String> inputOracle,
                              Translate translate, Consumer<String> outputOracle, boolean wide) {
        String json = Json.write(input);
        String where = "[seed " + seed + (wide ? ", wide" : "") + ", " + kind + "]";
        try {
            inputOracle.accept(json);
        } catch (AssertionError e) {
            fail(where + " the generator made an invalid input (a test bug):\n" + e.getMessage(), e);
        }
        for (JsonCodec codec : Translators.CODECS) {
            Translator t = wide ? Translators.lenient(codec) : Translators.strict(codec);
            Translation<String> out;
            try {
                out = translate.apply(t, json);
            } catch (UntranslatableException e) {
                fail(where + " " + codec.name() + ": the lenient translator rejected a valid input: " + e.getMessage()
                        + "\n  input: " + json, e);
                return;
            }
            if (!wide) {
                assertThat(out.warnings()).as(where + " warnings for the translatable subset\n  input: " + json).allSatisfy(
                        w -> assertThat(w.path()).isIn("$.system_fingerprint"));
            }
            try {
                outputOracle.accept(out.value());
            } catch (AssertionError e) {
                fail(where + " " + codec.name() + "\n  input:  " + json + "\n  output: " + out.value() + "\n" + e.getMessage(), e);
            }
        }
    }

    /**
     * {@link OpenAiOracle#responsesRequest}, repeated once with placeholder ids on assistant history items if (and
     * only if) the first check fails: see the class comment.
     */
    static Object responsesRequest(String json) {
        try {
            return OpenAiOracle.responsesRequest(json);
        } catch (AssertionError first) {
            String patched = withPlaceholderIds(json);
            if (patched.equals(json)) {
                throw first;
            }
            try {
                return OpenAiOracle.responsesRequest(patched);
            } catch (AssertionError second) {
                throw first;
            }
        }
    }

    /**
     * The sanity check of a generated Responses request (the translator's input, not its output). The generator also
     * writes shapes the API accepts and the SDK's readers do not (docs/architecture.md §11, reference errata): message items without
     * {@code type}, function tools without {@code strict}, assistant history without {@code id}/{@code status} and
     * {@code output_text} history without {@code annotations} (errata {@code OutputTextContent__InputHistory}). This
     * check fills exactly those in before asking the oracle; translator output never gets these allowances.
     */
    static void responsesRequestInput(String json) {
        Object tree = Json.parse(withPlaceholderIds(json));
        for (Object item : arr(obj(tree).get("input")) == null ? List.of() : arr(obj(tree).get("input"))) {
            if (obj(item) != null && !obj(item).containsKey("type")) {
                obj(item).put("type", "message");
            }
            if (obj(item) != null && obj(item).get("content") instanceof List<?> parts) {
                for (Object part : parts) {
                    if (obj(part) != null && "output_text".equals(obj(part).get("type"))) {
                        obj(part).putIfAbsent("annotations", new java.util.ArrayList<>());
                    }
                }
            }
        }
        for (Object tool : arr(obj(tree).get("tools")) == null ? List.of() : arr(obj(tree).get("tools"))) {
            if ("function".equals(obj(tool).get("type"))) {
                obj(tool).putIfAbsent("strict", null);
            }
        }
        OpenAiOracle.responsesRequest(Json.write(tree));
    }

    /** Adds {@code id} and {@code status} to assistant message items with array content that lack them. */
    static String withPlaceholderIds(String json) {
        Object tree = Json.parse(json);
        List<Object> input = arr(obj(tree).get("input"));
        if (input == null) {
            return json;
        }
        int n = 0;
        for (Object item : input) {
            Map<String, Object> m = obj(item);
            if (m != null && "message".equals(m.get("type")) && "assistant".equals(m.get("role"))
                    && m.get("content") instanceof List<?>) {
                if (!m.containsKey("id")) {
                    m.put("id", "msg_placeholder_" + n++);
                }
                m.putIfAbsent("status", "completed");
            }
        }
        return Json.write(tree);
    }

    /** The Responses request a response answers, rebuilt from its echo fields (what the caller sent). */
    private static String sentRequest(String responseJson) {
        Map<String, Object> response = obj(Json.parse(responseJson));
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("model", response.get("model"));
        request.put("input", "");
        for (String key : List.of("instructions", "metadata")) {
            if (response.get(key) != null) {
                request.put(key, response.get(key));
            }
        }
        return Json.write(request);
    }
}
