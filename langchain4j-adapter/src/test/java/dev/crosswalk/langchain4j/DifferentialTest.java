package dev.crosswalk.langchain4j;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import static dev.crosswalk.langchain4j.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiResponsesChatModel;
import dev.langchain4j.model.openai.OpenAiResponsesStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same {@link ChatRequest} through our model and through LangChain4j's own OpenAI model, against the same fake
 * endpoint and the same answers: the bodies sent must be equivalent and the {@link ChatResponse}s equal.
 * On Responses, the one difference is deliberate and asserted: LangChain4j omits {@code strict} on non-strict
 * tools, which Responses reads as strict; we write {@code strict:false} (docs/architecture.md §8, trap 5).
 */
class DifferentialTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private final FakeOpenAi server = kit.upstream();

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("tool calls", Turn.calls().call("call_7", "weather", "{\"city\":", "\"Lyon\"}").call("call_8", "time", "{}")),
                Arguments.of("text with reasoning", Turn.text("{\"summary\":", "\"sunny\"}").reasoning("It is ", "sunny.")),
                Arguments.of("truncated", Turn.text("{\"summ").finish("length")));
    }

    static ChatRequest richRequest() {
        ToolSpecification weather = ToolSpecification.builder().name("weather").description("Weather in a city")
                .parameters(JsonObjectSchema.builder().addStringProperty("city", "the city").addIntegerProperty("days")
                        .required("city").build())
                .build();
        ToolSpecification time = ToolSpecification.builder().name("time").description("Current time").build();
        AiMessage earlier = AiMessage.builder().text("Checking.").thinking("I should look it up.")
                .attributes(Map.of("encrypted_reasoning", "gAAAAB-opaque"))
                .toolExecutionRequests(List.of(
                        ToolExecutionRequest.builder().id("call_1").name("weather").arguments("{\"city\":\"Paris\"}").build(),
                        ToolExecutionRequest.builder().id("call_2").name("time").arguments("{}").build()))
                .build();
        return ChatRequest.builder()
                .messages(
                        SystemMessage.from("You are terse."),
                        UserMessage.from(TextContent.from("What is in this picture, and the weather there?"),
                                ImageContent.from("https://example.com/paris.png", ImageContent.DetailLevel.HIGH)),
                        earlier,
                        ToolExecutionResultMessage.from("call_1", "weather", "21C, sunny"),
                        ToolExecutionResultMessage.from("call_2", "time", "14:05"),
                        UserMessage.from("Answer as JSON."))
                .toolSpecifications(weather, time)
                .toolChoice(ToolChoice.AUTO)
                .temperature(0.2)
                .topP(0.9)
                .maxOutputTokens(300)
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                        .name("answer").rootElement(JsonObjectSchema.builder().addStringProperty("summary").required("summary").build())
                        .build()).build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void chatCompletionsMatchesOpenAiChatModel(String name, Turn turn) throws Exception {
        server.enqueue(reply(WireApi.CHAT_COMPLETIONS, turn, false), reply(WireApi.CHAT_COMPLETIONS, turn, false));
        ChatModel theirs = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey(TestModels.KEY)
                .modelName("gpt-test-2026").returnThinking(true).maxRetries(0).build();
        ChatModel ours = TestModels.chat(server, WireApi.CHAT_COMPLETIONS).returnThinking(true).build();

        ChatResponse expected = theirs.chat(richRequest());
        ChatResponse actual = ours.chat(richRequest());

        Map<String, Object> theirBody = server.body(0);
        assertThat(theirBody.remove("stream")).isEqualTo(false);
        assertThat(server.body(1)).isEqualTo(theirBody);
        assertSameAnswer(actual, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void chatCompletionsStreamingMatchesOpenAiStreamingChatModel(String name, Turn turn) throws Exception {
        server.enqueue(reply(WireApi.CHAT_COMPLETIONS, turn, true), reply(WireApi.CHAT_COMPLETIONS, turn, true));
        StreamingChatModel theirs = OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey(TestModels.KEY)
                .modelName("gpt-test-2026").returnThinking(true).build();
        StreamingChatModel ours = TestModels.streaming(server, WireApi.CHAT_COMPLETIONS).returnThinking(true).build();

        TestModels.RecordingHandler expected = stream(theirs);
        TestModels.RecordingHandler actual = stream(ours);

        assertThat(server.body(1)).isEqualTo(server.body(0));
        assertSameStream(actual, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void responsesMatchesOpenAiResponsesChatModel(String name, Turn turn) throws Exception {
        turn.encrypted("gAAAAB-next");
        server.enqueue(reply(WireApi.RESPONSES, turn, false), reply(WireApi.RESPONSES, turn, false));
        ChatModel theirs = OpenAiResponsesChatModel.builder().baseUrl(server.baseUrl()).apiKey(TestModels.KEY)
                .modelName("gpt-test-2026").build();
        ChatModel ours = TestModels.chat(server, WireApi.RESPONSES).returnThinking(true).build();

        ChatResponse expected = theirs.chat(richRequest());
        ChatResponse actual = ours.chat(richRequest());

        assertEquivalentResponsesBodies(server.body(1), server.body(0));
        assertSameAnswer(actual, expected);
        assertThat(actual.aiMessage().attributes()).containsEntry("encrypted_reasoning", "gAAAAB-next");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void responsesStreamingMatchesOpenAiResponsesStreamingChatModel(String name, Turn turn) throws Exception {
        server.enqueue(reply(WireApi.RESPONSES, turn, true), reply(WireApi.RESPONSES, turn, true));
        StreamingChatModel theirs = OpenAiResponsesStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey(TestModels.KEY)
                .modelName("gpt-test-2026").build();
        StreamingChatModel ours = TestModels.streaming(server, WireApi.RESPONSES).returnThinking(true).build();

        TestModels.RecordingHandler expected = stream(theirs);
        TestModels.RecordingHandler actual = stream(ours);

        assertEquivalentResponsesBodies(server.body(1), server.body(0));
        assertSameStream(actual, expected);
    }

    private static TestModels.RecordingHandler stream(StreamingChatModel model) throws Exception {
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();
        model.chat(richRequest(), handler);
        handler.await();
        return handler;
    }

    private static void assertSameStream(TestModels.RecordingHandler actual, TestModels.RecordingHandler expected) throws Exception {
        assertThat(actual.partials).isEqualTo(expected.partials);
        assertThat(actual.thinking).isEqualTo(expected.thinking);
        assertThat(actual.partialCalls).isEqualTo(expected.partialCalls);
        assertThat(actual.completeCalls).isEqualTo(expected.completeCalls);
        assertSameAnswer(actual.await(), expected.await());
    }

    private static void assertSameAnswer(ChatResponse actual, ChatResponse expected) {
        assertThat(actual.aiMessage()).isEqualTo(expected.aiMessage());
        assertThat(actual.metadata().id()).isEqualTo(expected.metadata().id());
        assertThat(actual.metadata().modelName()).isEqualTo(expected.metadata().modelName());
        assertThat(actual.metadata().finishReason()).isEqualTo(expected.metadata().finishReason());
        OpenAiTokenUsage theirs = (OpenAiTokenUsage) expected.metadata().tokenUsage();
        CrosswalkTokenUsage ours = (CrosswalkTokenUsage) actual.metadata().tokenUsage();
        assertThat(ours.inputTokenCount()).isEqualTo(theirs.inputTokenCount());
        assertThat(ours.outputTokenCount()).isEqualTo(theirs.outputTokenCount());
        assertThat(ours.totalTokenCount()).isEqualTo(theirs.totalTokenCount());
        assertThat(ours.cachedInputTokens()).isEqualTo(theirs.inputTokensDetails().cachedTokens());
        assertThat(ours.reasoningTokens()).isEqualTo(theirs.outputTokensDetails().reasoningTokens());
    }

    /**
     * Equivalent Responses bodies: message text as a string is the same as one text part; {@code stream:false} is the
     * default. Tools differ on purpose, and that is asserted first.
     */
    @SuppressWarnings("unchecked")
    private static void assertEquivalentResponsesBodies(Map<String, Object> ours, Map<String, Object> theirs) {
        List<Map<String, Object>> ourTools = (List<Map<String, Object>>) ours.get("tools");
        List<Map<String, Object>> theirTools = (List<Map<String, Object>>) theirs.get("tools");
        for (int i = 0; i < ourTools.size(); i++) {
            assertThat(theirTools.get(i)).as("LangChain4j leaves strict out: Responses then enforces strict").doesNotContainKey("strict");
            assertThat(ourTools.get(i).remove("strict")).as("non-strict tools say so on Responses").isEqualTo(false);
            if (!theirTools.get(i).containsKey("parameters")) {
                assertThat(ourTools.get(i).remove("parameters"))
                        .isEqualTo(Map.of("type", "object", "properties", Map.of(), "required", List.of()));
            }
        }
        assertThat(normalised(ours)).isEqualTo(normalised(theirs));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalised(Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (Boolean.FALSE.equals(copy.get("stream"))) {
            copy.remove("stream");
        }
        List<Map<String, Object>> input = new ArrayList<>();
        for (Map<String, Object> item : (List<Map<String, Object>>) copy.get("input")) {
            Map<String, Object> i = new LinkedHashMap<>(item);
            if ("message".equals(i.get("type")) && i.get("content") instanceof String text) {
                String type = "assistant".equals(i.get("role")) ? "output_text" : "input_text";
                i.put("content", List.of(Map.of("type", type, "text", text)));
            }
            input.add(i);
        }
        copy.put("input", input);
        return copy;
    }
}
