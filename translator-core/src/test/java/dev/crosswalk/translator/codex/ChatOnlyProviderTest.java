package dev.crosswalk.translator.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.mapping.CustomCallInput;
import dev.crosswalk.translator.seal.Sealer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What Codex sends (store:false, include encrypted reasoning, developer messages, the freeform apply_patch tool) as
 * a strict Chat-only thinking provider must receive it, and back. Expected JSON is written by hand from the inputs.
 */
class ChatOnlyProviderTest {
    static final JsonCodec CODEC = JsonCodec.jackson3();
    static final Sealer SEALER = Sealer.of("a-test-secret-of-enough-length-0123");
    static final String GRAMMAR = "start: begin_patch hunk+ end_patch";

    /** The shape of a Codex 0.169 request (trimmed texts). */
    static final String CODEX = """
            {"model":"deepseek-reasoner","instructions":null,
             "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"<permissions>"}]},
                      {"type":"message","role":"developer","content":[{"type":"input_text","text":"<collaboration>"}]},
                      {"type":"message","role":"user","content":[{"type":"input_text","text":"add hello.txt"}]}],
             "tools":[{"type":"custom","name":"apply_patch","description":"Use apply_patch to edit files.",
                       "format":{"type":"grammar","syntax":"lark","definition":"%s"}},
                      {"type":"function","name":"shell","description":"Run a command","strict":false,
                       "parameters":{"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}}],
             "tool_choice":"auto","parallel_tool_calls":false,"reasoning":{"effort":"medium","summary":"auto"},
             "store":false,"stream":true,"include":["reasoning.encrypted_content"],"prompt_cache_key":"019a-thread",
             "text":{"verbosity":"low"},"client_metadata":{"x-codex-installation-id":"abc"}}"""
            .formatted(GRAMMAR);

    static Translator strict() {
        return Crosswalk.translator(TranslatorOptions.builder().providerProfile(ProviderProfile.STRICT).sealer(SEALER)
                .ids(IdSource.sequential()).codec(CODEC).build());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(String json) {
        return (Map<String, Object>) CODEC.readTree(json);
    }

    @Test
    void theStrictProfileSendsOnlyWhatAStrictServerAccepts() {
        Translation<String> t = strict().requestToChat(CODEX);
        Map<String, Object> chat = tree(t.value());

        assertThat(chat).containsOnlyKeys("model", "messages", "tools", "tool_choice", "parallel_tool_calls", "stream", "stream_options");
        assertThat(chat.get("messages")).isEqualTo(List.of(
                Map.of("role", "system", "content", "<permissions>\n\n<collaboration>"),
                Map.of("role", "user", "content", "add hello.txt")));
        Map<String, Object> patch = (Map<String, Object>) ((List<?>) chat.get("tools")).get(0);
        Map<String, Object> function = (Map<String, Object>) patch.get("function");
        assertThat(patch.get("type")).isEqualTo("function");
        assertThat(function.get("name")).isEqualTo("apply_patch");
        assertThat((String) function.get("description")).startsWith("Use apply_patch to edit files.").contains("lark").contains(GRAMMAR);
        assertThat(function.get("parameters")).isEqualTo(Map.of("type", "object",
                "properties", Map.of("input", Map.of("type", "string",
                        "description", "The raw input of the tool as plain text (not JSON), following the grammar in the tool's description")),
                "required", List.of("input"), "additionalProperties", false));
        assertThat(t.warnings()).extracting(Problem::path).contains("$.store", "$.prompt_cache_key", "$.client_metadata",
                "$.text.verbosity", "$.reasoning.effort");
        // parallel_tool_calls is kept: tools are sent
        assertThat(chat).containsEntry("parallel_tool_calls", false);
    }

    @Test
    void parallelToolCallsIsSentOnlyWithToolsUnderStrictAndAlwaysUnderOpenAi() {
        String withTools = "{\"model\":\"m\",\"input\":\"hi\",\"parallel_tool_calls\":true,\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{}}]}";
        String without = "{\"model\":\"m\",\"input\":\"hi\",\"parallel_tool_calls\":true,\"store\":false}";
        assertThat(tree(strict().requestToChat(withTools).value())).containsEntry("parallel_tool_calls", true);
        Translation<String> dropped = strict().requestToChat(without);
        assertThat(tree(dropped.value())).doesNotContainKeys("parallel_tool_calls", "store");
        assertThat(dropped.warnings()).extracting(Problem::path).contains("$.parallel_tool_calls", "$.store");
        assertThat(tree(Crosswalk.translator().requestToChat(without).value())).containsEntry("parallel_tool_calls", true).containsEntry("store", false);
    }

    @Test
    void customToolChoiceAndHistoryTravelAsFunctions() {
        String json = """
                {"model":"m","tool_choice":{"type":"custom","name":"apply_patch"},
                 "tools":[{"type":"custom","name":"apply_patch"}],
                 "input":[{"type":"message","role":"user","content":"go"},
                          {"type":"custom_tool_call","call_id":"call_1","name":"apply_patch","input":"*** Begin Patch\\n\\"q\\"\\n*** End Patch"},
                          {"type":"custom_tool_call_output","call_id":"call_1","output":"Done!"}]}""";
        Map<String, Object> chat = tree(strict().requestToChat(json).value());
        assertThat(chat.get("tool_choice")).isEqualTo(Map.of("type", "function", "function", Map.of("name", "apply_patch")));
        List<?> messages = (List<?>) chat.get("messages");
        Map<String, Object> assistant = new java.util.HashMap<>(Map.of("role", "assistant", "tool_calls", List.of(Map.of("id", "call_1",
                "type", "function", "function", Map.of("name", "apply_patch", "arguments", "{\"input\":\"*** Begin Patch\\n\\\"q\\\"\\n*** End Patch\"}")))));
        assistant.put("content", null); // an assistant message always carries content, null beside tool calls (live API)
        assertThat(messages.get(1)).isEqualTo(assistant);
        assertThat(messages.get(2)).isEqualTo(Map.of("role", "tool", "tool_call_id", "call_1", "content", "Done!"));
    }

    @Test
    void aCallToACustomToolComesBackAsACustomToolCallWithItsRawInput() {
        String completion = """
                {"id":"c1","object":"chat.completion","created":1,"model":"deepseek-reasoner",
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"",
                   "reasoning_content":"Plan: add the file.",
                   "tool_calls":[{"id":"call_9","type":"function","function":{"name":"apply_patch",
                     "arguments":"{\\"input\\":\\"*** Begin Patch\\\\n*** End Patch\\"}"}}]}}]}""";
        Translation<String> t = strict().responseToResponses(completion, CODEX);
        List<?> output = (List<?>) tree(t.value()).get("output");
        Map<String, Object> reasoning = (Map<String, Object>) output.get(0);
        assertThat(reasoning.get("summary")).isEqualTo(List.of(Map.of("type", "summary_text", "text", "Plan: add the file.")));
        assertThat(reasoning.get("content")).isEqualTo(List.of(Map.of("type", "reasoning_text", "text", "Plan: add the file.")));
        assertThat(SEALER.open(Sealer.REASONING, (String) reasoning.get("encrypted_content"))).isEqualTo("Plan: add the file.");
        assertThat((Map<String, Object>) output.get(1)).containsEntry("type", "custom_tool_call").containsEntry("call_id", "call_9")
                .containsEntry("name", "apply_patch").containsEntry("input", "*** Begin Patch\n*** End Patch");
        assertThat(t.warnings()).isEmpty();
    }

    @Test
    void theSealedReasoningGoesBackOnTheAssistantMessageOfItsToolCall() {
        String blob = SEALER.seal(Sealer.REASONING, "Plan: add the file.");
        String next = """
                {"model":"m","store":false,"tools":[{"type":"custom","name":"apply_patch"}],
                 "input":[{"type":"message","role":"user","content":"go"},
                          {"type":"reasoning","summary":[{"type":"summary_text","text":"visible summary"}],"encrypted_content":"%s"},
                          {"type":"custom_tool_call","call_id":"call_9","name":"apply_patch","input":"P"},
                          {"type":"custom_tool_call_output","call_id":"call_9","output":"ok"}]}""".formatted(blob);
        List<?> messages = (List<?>) tree(strict().requestToChat(next).value()).get("messages");
        assertThat((Map<String, Object>) messages.get(1)).containsEntry("role", "assistant").containsEntry("reasoning_content", "Plan: add the file.");
        assertThat(messages.toString()).doesNotContain(blob);
    }

    @Test
    void aForeignOrTamperedBlobIsDroppedWithAWarningAndNeverSentUpstream() {
        String ours = SEALER.seal(Sealer.REASONING, "secret thinking");
        String tampered = ours.substring(0, ours.length() - 2) + (ours.endsWith("A") ? "BB" : "AA");
        String foreignKey = Sealer.of("another-secret-of-enough-length-xyz").seal(Sealer.REASONING, "x");
        for (String blob : List.of(tampered, foreignKey, "gAAAAABopenai-own-fernet-token==")) {
            String next = """
                    {"model":"m","input":[{"type":"message","role":"user","content":"go"},
                      {"type":"reasoning","summary":[],"encrypted_content":"%s"},
                      {"type":"function_call","call_id":"c","name":"shell","arguments":"{}"},
                      {"type":"function_call_output","call_id":"c","output":"ok"}]}""".formatted(blob);
            Translation<String> t = strict().requestToChat(next);
            assertThat(t.value()).doesNotContain(blob).doesNotContain("reasoning_content").doesNotContain("secret thinking");
            assertThat(t.warnings()).anySatisfy(w -> assertThat(w.path()).isEqualTo("$.input[1].encrypted_content"));
        }
    }

    @Test
    void theUnwrappingGivesTheSameInputHoweverTheArgumentsAreSplit() {
        Random random = new Random(12);
        for (int n = 0; n < 200; n++) {
            String input = randomText(random);
            String arguments = CODEC.write(Map.of("input", input));
            CustomCallInput whole = CustomCallInput.of(CODEC, arguments);
            assertThat(whole.text()).as("seed 12 case %d", n).isEqualTo(input);
            assertThat(whole.warning()).isNull();
            CustomCallInput pieces = new CustomCallInput(CODEC);
            StringBuilder streamed = new StringBuilder();
            for (int at = 0; at < arguments.length(); ) {
                int next = Math.min(arguments.length(), at + 1 + random.nextInt(5));
                streamed.append(pieces.feed(arguments.substring(at, next)));
                at = next;
            }
            streamed.append(pieces.finish());
            assertThat(streamed.toString()).as("seed 12 case %d", n).isEqualTo(input);
        }
    }

    @Test
    void theRecoveryRules() {
        assertThat(CustomCallInput.of(CODEC, "*** Begin Patch\n").text()).isEqualTo("*** Begin Patch\n");
        assertThat(CustomCallInput.of(CODEC, "*** Begin Patch\n").warning()).contains("raw answer");
        CustomCallInput extra = CustomCallInput.of(CODEC, "{\"path\":\"a\",\"input\":\"P\"}");
        assertThat(extra.text()).isEqualTo("P");
        assertThat(extra.warning()).contains("besides");
        CustomCallInput braces = CustomCallInput.of(CODEC, "{not json");
        assertThat(braces.text()).isEqualTo("{not json");
        assertThat(braces.warning()).contains("raw answer");
        CustomCallInput cut = CustomCallInput.of(CODEC, "{\"input\":\"*** Begin");
        assertThat(cut.text()).isEqualTo("*** Begin");
        assertThat(cut.warning()).contains("cut short");
        assertThat(CustomCallInput.of(CODEC, "").text()).isEmpty();
    }

    @Test
    void nativeCustomToolsStayNativeUnderTheOpenAiProfile() {
        Map<String, Object> chat = tree(Crosswalk.translator(TranslatorOptions.builder().codec(CODEC).build()).requestToChat(
                "{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\"}]}").value());
        assertThat(((Map<?, ?>) ((List<?>) chat.get("tools")).get(0)).get("type")).isEqualTo("custom");
        assertThat(TranslatorOptions.builder().providerProfile(ProviderProfile.STRICT).customTools(CustomTools.NATIVE).build().customTools())
                .isEqualTo(CustomTools.NATIVE);
    }

    @Test
    void namespaceToolsAreFlattenedAndTheirCallsComeBackWithTheirNamespace() {
        // Codex 0.169 offers its sub-agent tools in a namespace to models it does not know
        String request = """
                {"model":"deepseek-reasoner","stream":false,
                 "tools":[{"type":"function","name":"exec_command","parameters":{"type":"object"}},
                          {"type":"namespace","name":"multi_agent_v1","description":"Tools for sub-agents.",
                           "tools":[{"type":"function","name":"spawn_agent","strict":false,"parameters":{"type":"object","properties":{}}}]}],
                 "input":[{"type":"message","role":"user","content":"go"},
                          {"type":"function_call","call_id":"c0","name":"spawn_agent","namespace":"multi_agent_v1","arguments":"{}"},
                          {"type":"function_call_output","call_id":"c0","output":"agent-1"}]}""";
        Translation<String> t = strict().requestToChat(request);
        Map<String, Object> chat = tree(t.value());
        List<Object> names = ((List<?>) chat.get("tools")).stream().map(x -> (Object) ((Map<?, ?>) ((Map<?, ?>) x).get("function")).get("name")).toList();
        assertThat(names).containsExactly("exec_command", "spawn_agent");
        assertThat(((Map<?, ?>) ((List<?>) chat.get("messages")).get(1)).get("tool_calls")).isEqualTo(List.of(
                Map.of("id", "c0", "type", "function", "function", Map.of("name", "spawn_agent", "arguments", "{}"))));
        assertThat(t.warnings()).extracting(Problem::path).contains("$.tools[1].description");

        String completion = """
                {"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls",
                 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"c2","type":"function","function":{"name":"spawn_agent","arguments":"{}"}},
                 {"id":"c3","type":"function","function":{"name":"exec_command","arguments":"{}"}}]}}]}""";
        List<?> output = (List<?>) tree(strict().responseToResponses(completion, request).value()).get("output");
        assertThat((Map<String, Object>) output.get(0)).containsEntry("name", "spawn_agent").containsEntry("namespace", "multi_agent_v1");
        assertThat((Map<String, Object>) output.get(1)).containsEntry("name", "exec_command").doesNotContainKey("namespace");
    }

    @Test
    void aNamespacedFunctionNamedLikeAnotherToolIsRefused() {
        String request = """
                {"model":"m","input":"x","tools":[{"type":"function","name":"spawn_agent","parameters":{}},
                  {"type":"namespace","name":"ns","tools":[{"type":"function","name":"spawn_agent","parameters":{}}]}]}""";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict().requestToChat(request))
                .isInstanceOf(dev.crosswalk.translator.error.UntranslatableException.class).hasMessageContaining("$.tools[1].tools[0].name");
    }

    private static String randomText(Random random) {
        String alphabet = "ab \n\t\"\\/{}:,é😀\u0000\u001f*+-";
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                s.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
