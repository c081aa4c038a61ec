package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeModel;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.seal.Sealer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Codex-shaped Responses requests through {@code serve --provider-profile strict} over a strict thinking Chat
 * server (the testkit's {@code kit.strictThinkingModel()}), which refuses OpenAI-only fields, developer messages and
 * custom tools, and 400s a tool-call continuation without its reasoning_content. Every stream the bridge emitted is
 * checked by the kit after each test. The bodies it received are written to
 * {@code target/strict-fake-requests/} for the record.
 */
class CodexOverStrictChatTest {
    static final String GRAMMAR = "start: begin_patch hunk+ end_patch\nbegin_patch: \"*** Begin Patch\" LF";
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi upstream;
    static BridgeServer bridge;
    static TestClient client;
    static final Sealer SEALER = Sealer.of("test-seal-secret-0123456789abcdef");
    private int before;
    private String scenario;

    @BeforeAll
    static void start() {
        upstream = kit.strictThinkingModel();
        bridge = BridgeServer.start(BridgeConfig.builder(URI.create(upstream.baseUrl()), WireApi.CHAT_COMPLETIONS).host("127.0.0.1").port(0)
                .translator(TranslatorOptions.builder().providerProfile(ProviderProfile.STRICT).sealer(SEALER)
                        .codec(JsonCodec.jackson3()).build())
                .build());
        client = TestClient.of(bridge, kit);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void mark(TestInfo info) {
        before = upstream.requests().size();
        scenario = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void record() throws IOException {
        Path dir = Path.of("target", "strict-fake-requests");
        Files.createDirectories(dir);
        List<String> bodies = upstream.requests().subList(before, upstream.requests().size()).stream()
                .map(FakeOpenAi.Recorded::body).toList();
        Files.writeString(dir.resolve(scenario + ".json"), "[\n" + String.join(",\n", bodies) + "\n]\n");
    }

    /** What Codex 0.169 sends for its first turn (texts trimmed). */
    static Map<String, Object> codexTurn(boolean stream, List<Object> input) {
        return Json.map("model", "deepseek-reasoner", "instructions", null, "input", input,
                "tools", List.of(
                        Json.map("type", "function", "name", "exec_command", "description", "Runs a command", "strict", false,
                                "parameters", Json.map("type", "object", "properties", Json.map("cmd", Json.map("type", "string")), "required", List.of("cmd"))),
                        Json.map("type", "custom", "name", "apply_patch", "description", "Use apply_patch to edit files.",
                                "format", Json.map("type", "grammar", "syntax", "lark", "definition", GRAMMAR)),
                        Json.map("type", "tool_search"),
                        Json.map("type", "web_search", "external_web_access", false)),
                "tool_choice", "auto", "parallel_tool_calls", true, "reasoning", Json.map("effort", "medium", "summary", "auto"),
                "store", false, "stream", stream, "include", List.of("reasoning.encrypted_content"), "prompt_cache_key", "thread-1",
                "text", Json.map("verbosity", "low"), "client_metadata", Json.map("x-codex-installation-id", "abc"));
    }

    static List<Object> firstInput() {
        List<Object> input = new ArrayList<>();
        input.add(Json.map("type", "message", "role", "developer", "content", List.of(Json.map("type", "input_text", "text", "<permissions instructions>"))));
        input.add(Json.map("type", "message", "role", "developer", "content", List.of(Json.map("type", "input_text", "text", "<collaboration mode>"))));
        input.add(Json.map("type", "message", "role", "user", "content", List.of(Json.map("type", "input_text", "text", "Create hello.txt"))));
        return input;
    }

    /** The output items of a turn, non-streamed or streamed (from response.completed), checking the stream shape. */
    static List<Map<String, Object>> output(boolean stream, Map<String, Object> request) {
        if (!stream) {
            TestClient.Reply reply = client.post("/v1/responses", request);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return castItems(Json.list(reply.json(), "output"));
        }
        TestClient.Stream s = client.stream("/v1/responses", request);
        assertThat(s.status()).as(s.errorBody()).isEqualTo(200);
        List<Map<String, Object>> events = s.data();
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(last.get("type")).as(events.toString()).isEqualTo("response.completed");
        return castItems(Json.list(last, "response.output"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> castItems(List<Object> items) {
        return items.stream().map(i -> (Map<String, Object>) i).toList();
    }

    static Map<String, Object> item(List<Map<String, Object>> output, String type) {
        return output.stream().filter(i -> type.equals(i.get("type"))).findFirst().orElseThrow(() -> new AssertionError("no " + type + " in " + output));
    }

    /** Turn 1 (the model calls apply_patch), then turn 2 with what Codex sends back: all of turn 1's output + the result. */
    void twoTurnLoop(boolean stream) {
        List<Object> input = firstInput();
        List<Map<String, Object>> first = output(stream, codexTurn(stream, input));

        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.str(sent, "messages[0].role")).isEqualTo("system");
        assertThat(Json.str(sent, "messages[0].content")).isEqualTo("<permissions instructions>\n\n<collaboration mode>");
        assertThat(sent).doesNotContainKeys("store", "prompt_cache_key", "verbosity", "reasoning_effort", "client_metadata", "include");
        assertThat(Json.str(sent, "tools[1].type")).isEqualTo("function");
        assertThat(Json.str(sent, "tools[1].function.name")).isEqualTo("apply_patch");
        assertThat(Json.str(sent, "tools[1].function.description")).contains(GRAMMAR);
        assertThat(Json.list(sent, "tools")).hasSize(2); // tool_search and web_search: not sent to a Chat server

        Map<String, Object> reasoning = item(first, "reasoning");
        Map<String, Object> call = item(first, "custom_tool_call");
        assertThat(call).containsEntry("name", "apply_patch").containsEntry("input", FakeModel.PATCH);
        assertThat(Json.str(reasoning, "content[0].text")).isEqualTo(FakeModel.THINKING_FIRST);
        assertThat(Json.str(reasoning, "summary[0].text")).isEqualTo(FakeModel.THINKING_FIRST);
        String blob = Json.str(reasoning, "encrypted_content");
        assertThat(blob).startsWith("cw1.").doesNotContain("apply_patch");

        // Codex (store:false) sends the whole context again; reasoning as received
        input.addAll(first);
        input.add(Json.map("type", "custom_tool_call_output", "call_id", call.get("call_id"), "output", "Success. Updated: A hello.txt"));
        List<Map<String, Object>> second = output(stream, codexTurn(stream, input));

        assertThat(Json.str(item(second, "message"), "content[0].text")).isEqualTo(FakeModel.FINAL_TEXT);
        Map<String, Object> continued = upstream.last().json();
        assertThat(Json.str(continued, "messages[2].role")).isEqualTo("assistant");
        assertThat(Json.str(continued, "messages[2].reasoning_content")).isEqualTo(FakeModel.THINKING_FIRST);
        assertThat(Json.str(continued, "messages[2].tool_calls[0].function.arguments"))
                .isEqualTo(Json.write(Map.of("input", FakeModel.PATCH)));
        assertThat(Json.str(continued, "messages[3].role")).isEqualTo("tool");
        assertThat(Json.write(continued)).doesNotContain(blob);
    }

    @Test
    void customToolRoundTripAndReasoningAcrossTheToolTurn() {
        twoTurnLoop(false);
    }

    @Test
    void customToolRoundTripAndReasoningAcrossTheToolTurnStreamed() {
        twoTurnLoop(true);
    }

    @Test
    void theCustomCallStreamsAsCustomToolCallInputEvents() {
        TestClient.Stream s = client.stream("/v1/responses", codexTurn(true, firstInput()));
        List<String> types = s.types();
        assertThat(types).contains("response.reasoning_summary_text.delta", "response.reasoning_text.delta",
                "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done")
                .doesNotContain("response.function_call_arguments.delta");
        StringBuilder deltas = new StringBuilder();
        s.data().stream().filter(e -> "response.custom_tool_call_input.delta".equals(e.get("type")))
                .forEach(e -> deltas.append(e.get("delta")));
        assertThat(deltas.toString()).isEqualTo(FakeModel.PATCH);
        assertThat(s.data().stream().filter(e -> "response.custom_tool_call_input.delta".equals(e.get("type"))).count()).isGreaterThan(1);
    }

    @Test
    void withoutItsReasoningTheContinuationFailsAtTheStrictServer() {
        // the control: a client that drops the reasoning items gets the provider's 400, so the loop above proves something
        List<Object> input = firstInput();
        List<Map<String, Object>> first = output(false, codexTurn(false, input));
        first.stream().filter(i -> !"reasoning".equals(i.get("type"))).forEach(input::add);
        input.add(Json.map("type", "custom_tool_call_output", "call_id", item(first, "custom_tool_call").get("call_id"), "output", "ok"));
        TestClient.Reply reply = client.post("/v1/responses", codexTurn(false, input));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains("reasoning_content");
    }

    @Test
    void aTamperedEncryptedContentIsDroppedAndNeverSentUpstream() {
        List<Object> input = firstInput();
        List<Map<String, Object>> first = output(false, codexTurn(false, input));
        String blob = Json.str(item(first, "reasoning"), "encrypted_content");
        char flipped = blob.charAt(20) == 'A' ? 'B' : 'A';
        String tampered = blob.substring(0, 20) + flipped + blob.substring(21);
        for (Map<String, Object> i : first) {
            if ("reasoning".equals(i.get("type"))) {
                // what Codex keeps with store:false: the blob (and the summary it showed)
                input.add(Json.map("type", "reasoning", "id", i.get("id"), "summary", List.of(), "encrypted_content", tampered));
            } else {
                input.add(i);
            }
        }
        input.add(Json.map("type", "custom_tool_call_output", "call_id", item(first, "custom_tool_call").get("call_id"), "output", "ok"));
        TestClient.Reply reply = client.post("/v1/responses", codexTurn(false, input));

        String sent = upstream.last().body();
        assertThat(sent).doesNotContain(tampered).doesNotContain("cw1.").doesNotContain("reasoning_content");
        // the strict thinking server then refuses the continuation: the thinking is lost, and nothing forged got through
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    }

    @Test
    void aRawPatchInsteadOfTheJsonIsRecovered() {
        Map<String, Object> request = codexTurn(false, firstInput());
        request.put("model", "raw-patch");
        List<Map<String, Object>> out = output(false, request);
        assertThat(item(out, "custom_tool_call")).containsEntry("input", FakeModel.PATCH);
        request.put("stream", true);
        assertThat(item(output(true, request), "custom_tool_call")).containsEntry("input", FakeModel.PATCH);
    }

    @Test
    void overAStoredChainTheStoreSuppliesTheReasoning() {
        Map<String, Object> request = codexTurn(false, firstInput());
        request.put("store", true);
        request.remove("include");
        TestClient.Reply first = client.post("/v1/responses", request);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Map<String, Object> call = item(castItems(Json.list(first.json(), "output")), "custom_tool_call");
        Map<String, Object> next = codexTurn(false, List.of(Json.map("type", "custom_tool_call_output", "call_id", call.get("call_id"), "output", "ok")));
        next.put("store", true);
        next.remove("include");
        next.put("previous_response_id", first.json().get("id"));
        TestClient.Reply second = client.post("/v1/responses", next);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(Json.str(upstream.last().json(), "messages[2].reasoning_content")).isEqualTo(FakeModel.THINKING_FIRST);
    }

    @Test
    void developerMessagesAndPlainTurnsPassTheStrictServer() {
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "m", "instructions", "Be brief.",
                "input", List.of(Json.map("role", "developer", "content", "Answer in English."), Json.map("role", "user", "content", "Hi")),
                "store", false, "parallel_tool_calls", true, "metadata", Json.map("a", "b"), "service_tier", "auto",
                "safety_identifier", "u1", "text", Json.map("verbosity", "low")));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(upstream.last().rejection()).isNull();
        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.list(sent, "messages")).hasSize(2);
        assertThat(Json.str(sent, "messages[0].content")).isEqualTo("Be brief.\n\nAnswer in English.");
        assertThat(sent).containsOnlyKeys("model", "messages");
    }
}
