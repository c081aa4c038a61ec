package dev.crosswalk.translator.stream;

import static dev.crosswalk.translator.stream.StreamTestKit.JACKSON3;
import static dev.crosswalk.translator.stream.StreamTestKit.chatJsonToResponses;
import static dev.crosswalk.translator.stream.StreamTestKit.map;
import static dev.crosswalk.translator.stream.StreamTestKit.quote;
import static dev.crosswalk.translator.stream.StreamTrapsTest.chunk;
import static dev.crosswalk.translator.stream.StreamTrapsTest.finish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.seal.Sealer;
import dev.crosswalk.testkit.ResponsesStreamChecker;
import dev.crosswalk.testkit.ResponsesStreamChecker.Result;
import dev.crosswalk.translator.stream.StreamTestKit.ResponsesRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Streamed custom (freeform) tool calls from a Chat upstream, in both shapes an upstream sends, and streamed
 * reasoning_content with summaries and sealed encrypted_content. Expected values are written from the inputs.
 */
class CustomToolStreamTest {
    static final String PATCH = "*** Begin Patch\n*** Add File: hello.txt\n+Hello, \"world\" \\ é 🎉\n*** End Patch\n";
    static final ResponsesRequest CODEX_REQUEST = JACKSON3.read("""
            {"model":"deepseek-reasoner","input":"add hello.txt","stream":true,
             "include":["reasoning.encrypted_content"],"reasoning":{"effort":"medium","summary":"auto"},
             "tools":[{"type":"custom","name":"apply_patch","description":"Apply a patch",
                       "format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch"}},
                      {"type":"function","name":"shell","parameters":{"type":"object"}}]}""", ResponsesRequest.class);

    static TranslatorOptions options(CustomTools customTools) {
        return StreamTestKit.options(JACKSON3, true).toBuilder().customTools(customTools)
                .sealer(Sealer.of("a-test-secret-of-enough-length-0123")).build();
    }

    /** Splits {@code text} into pieces at random places (at least two pieces when it has two characters). */
    static List<String> pieces(String text, Random random) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int next = Math.min(text.length(), at + 1 + random.nextInt(7));
            // never split a surrogate pair: a JSON string fragment of half a character cannot be written
            if (next < text.length() && Character.isLowSurrogate(text.charAt(next))) {
                next++;
            }
            out.add(text.substring(at, next));
            at = next;
        }
        return out;
    }

    @Test
    void aDowngradedFunctionCallToACustomToolStreamsItsUnwrappedInputAsItArrives() {
        String arguments = JACKSON3.write(Map.of("input", PATCH));
        for (long seed = 0; seed < 40; seed++) {
            List<String> chunks = new ArrayList<>();
            chunks.add(chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_p\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"apply_patch\",\"arguments\":\"\"}}]}"));
            for (String piece : pieces(arguments, new Random(seed))) {
                chunks.add(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote(piece) + "}}]}"));
            }
            chunks.add(finish("tool_calls"));
            ResponsesRun run = chatJsonToResponses(options(CustomTools.AS_FUNCTIONS), CODEX_REQUEST, chunks, true);
            Result result = ResponsesStreamChecker.check(run.trees(), "seed " + seed);

            assertThat(result.completed()).as("seed %d", seed).isTrue();
            Map<String, Object> item = result.items("custom_tool_call").get(0);
            assertThat(item).containsEntry("input", PATCH).containsEntry("call_id", "call_p").containsEntry("name", "apply_patch");
            assertThat(result.count("response.custom_tool_call_input.delta")).as("incremental, seed %d", seed).isGreaterThan(1);
            assertThat(result.count("response.function_call_arguments.delta")).isZero();
            assertThat(run.stream().warnings()).isEmpty();
        }
    }

    @Test
    void theFirstInputDeltaIsSentBeforeTheArgumentsEnd() {
        ChatToResponsesStream stream = new ChatToResponsesStream(options(CustomTools.AS_FUNCTIONS), CODEX_REQUEST);
        stream.onChunk(JACKSON3.read(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_p\",\"type\":\"function\","
                + "\"function\":{\"name\":\"apply_patch\",\"arguments\":\"{\\\"input\\\": \\\"*** Begin\"}}]}"),
                dev.crosswalk.translator.chat.ChatCompletionChunk.class));
        var events = stream.onChunk(JACKSON3.read(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\" Patch\\\\n\"}}]}"),
                dev.crosswalk.translator.chat.ChatCompletionChunk.class));
        assertThat(events).hasSize(1);
        assertThat(JACKSON3.write(events.get(0))).contains("\"type\":\"response.custom_tool_call_input.delta\"").contains("\"delta\":\" Patch\\n\"");
    }

    @Test
    void chatsOwnCustomFragmentsBecomeACustomToolCall() {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_c\",\"type\":\"custom\","
                + "\"custom\":{\"name\":\"apply_patch\",\"input\":\"\"}}]}"));
        for (String piece : pieces(PATCH, new Random(7))) {
            chunks.add(chunk("{\"tool_calls\":[{\"index\":0,\"custom\":{\"input\":" + quote(piece) + "}}]}"));
        }
        chunks.add(finish("tool_calls"));
        for (CustomTools mode : CustomTools.values()) {
            ResponsesRun run = chatJsonToResponses(options(mode), CODEX_REQUEST, chunks, true);
            Result result = ResponsesStreamChecker.check(run.trees(), mode.name());
            assertThat(result.items("custom_tool_call")).singleElement().satisfies(item ->
                    assertThat(item).containsEntry("input", PATCH).containsEntry("call_id", "call_c").containsEntry("name", "apply_patch"));
            assertThat(result.items("function_call")).isEmpty();
        }
    }

    @Test
    void aModelThatAnswersWithTheRawPatchIsTakenAtItsWordWithAWarning() {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_r\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\",\"arguments\":\"\"}}]}"));
        for (String piece : pieces(PATCH, new Random(3))) {
            chunks.add(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote(piece) + "}}]}"));
        }
        chunks.add(finish("tool_calls"));
        ResponsesRun run = chatJsonToResponses(options(CustomTools.AS_FUNCTIONS), CODEX_REQUEST, chunks, true);
        Result result = ResponsesStreamChecker.check(run.trees(), "raw");
        assertThat(result.items("custom_tool_call").get(0)).containsEntry("input", PATCH);
        assertThat(run.stream().warnings()).anySatisfy(w -> assertThat(w.reason()).contains("raw answer"));
    }

    @Test
    void otherFunctionsStayFunctionsBesideACustomCall() {
        List<String> chunks = List.of(
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_s\",\"type\":\"function\",\"function\":{\"name\":\"shell\",\"arguments\":\"{\\\"cmd\\\":\\\"ls\\\"}\"}}]}"),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_p\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\",\"arguments\":"
                        + quote(JACKSON3.write(Map.of("input", PATCH))) + "}}]}"),
                finish("tool_calls"));
        Result result = ResponsesStreamChecker.check(chatJsonToResponses(options(CustomTools.AS_FUNCTIONS), CODEX_REQUEST, chunks, true).trees(), "mixed");
        assertThat(result.items("function_call")).singleElement().satisfies(i -> assertThat(i).containsEntry("arguments", "{\"cmd\":\"ls\"}"));
        assertThat(result.items("custom_tool_call")).singleElement().satisfies(i -> assertThat(i).containsEntry("input", PATCH));
    }

    @Test
    void aStreamedCallToANamespacedFunctionCarriesItsNamespace() {
        ResponsesRequest request = JACKSON3.read("""
                {"model":"m","input":"go","tools":[{"type":"namespace","name":"multi_agent_v1",
                  "tools":[{"type":"function","name":"spawn_agent","parameters":{"type":"object"}}]}]}""", ResponsesRequest.class);
        List<String> chunks = List.of(
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"spawn_agent\",\"arguments\":\"{}\"}}]}"),
                finish("tool_calls"));
        ResponsesRun run = chatJsonToResponses(options(CustomTools.AS_FUNCTIONS), request, chunks, true);
        Result result = ResponsesStreamChecker.check(run.trees(), "namespace");
        assertThat(result.items("function_call").get(0)).containsEntry("namespace", "multi_agent_v1").containsEntry("name", "spawn_agent");
        assertThat(map(map(run.trees().get(2)).get("item"))).containsEntry("namespace", "multi_agent_v1");
    }

    @Test
    void streamedReasoningIsOfferedAsTextAndSummaryAndSealedForTheNextTurn() {
        List<String> chunks = List.of(
                chunk("{\"role\":\"assistant\",\"reasoning_content\":\"I should \"}"),
                chunk("{\"reasoning_content\":\"add the file.\"}"),
                chunk("{\"content\":\"Done.\"}"),
                finish("stop"));
        TranslatorOptions options = options(CustomTools.AS_FUNCTIONS);
        Result result = ResponsesStreamChecker.check(chatJsonToResponses(options, CODEX_REQUEST, chunks, true).trees(), "reasoning");
        Map<String, Object> reasoning = result.items("reasoning").get(0);
        assertThat(map(((List<?>) reasoning.get("summary")).get(0))).containsEntry("type", "summary_text").containsEntry("text", "I should add the file.");
        assertThat(map(((List<?>) reasoning.get("content")).get(0))).containsEntry("type", "reasoning_text").containsEntry("text", "I should add the file.");
        assertThat(options.sealer().open(Sealer.REASONING, (String) reasoning.get("encrypted_content"))).isEqualTo("I should add the file.");
        assertThat(result.count("response.reasoning_summary_text.delta")).isEqualTo(2);
    }
}
