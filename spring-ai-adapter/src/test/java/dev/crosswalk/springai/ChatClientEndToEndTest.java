package dev.crosswalk.springai;

import dev.crosswalk.testkit.Reply;
import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.crosswalk.testkit.FakeOpenAi.Recorded;
import dev.crosswalk.springai.Fixtures.Call;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;

import static dev.crosswalk.springai.TestSupport.list;
import static dev.crosswalk.springai.TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ChatClient} against the fake upstream, on both wires: what the application sees and what reaches the wire. */
class ChatClientEndToEndTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final Call PARIS = new Call("call_paris_01", "weather", "{\"city\":\"Paris\"}");
    private static final Call LONDON = new Call("call_london_02", "weather", "{\"city\":\"London\"}");

    private final FakeOpenAi upstream = kit.upstream();

    private ChatClient client(WireApi wire) {
        return ChatClient.create(TestSupport.model(upstream, wire));
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void plainCall(WireApi wire) {
        TestSupport.text(upstream, wire, "Hello there!");

        ChatResponse response = client(wire).prompt().system("Be brief.").user("Say hello").call().chatResponse();

        assertThat(response.getResult().getOutput().getText()).isEqualTo("Hello there!");
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(response.getResult().getOutput().getMetadata()).containsEntry("finishReason", "STOP")
                .containsEntry("role", "assistant").containsKeys("id", "index", "refusal", "annotations",
                        "reasoningContent");
        assertThat(response.getMetadata().getModel()).isEqualTo(Fixtures.MODEL);
        DefaultUsage usage = (DefaultUsage) response.getMetadata().getUsage();
        Recorded sent = upstream.last();
        Map<String, Object> body = sent.json();
        assertThat(sent.path()).isEqualTo(TestSupport.path(wire));
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TestSupport.API_KEY);
        assertThat(body).containsEntry("model", "gpt-test");
        assertThat(body.get("temperature")).hasToString("0.3");
        if (wire == WireApi.CHAT_COMPLETIONS) {
            assertThat(response.getMetadata().getId()).isEqualTo("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
            assertThat(usage.getPromptTokens()).isEqualTo(19);
            assertThat(usage.getCompletionTokens()).isEqualTo(10);
            assertThat(usage.getCacheReadInputTokens()).isEqualTo(8L);
            List<Map<String, Object>> messages = list(body.get("messages"));
            assertThat(messages).extracting(m -> m.get("role")).containsExactly("system", "user");
            assertThat(messages).extracting(TestSupport::text).containsExactly("Be brief.", "Say hello");
            assertThat(body).doesNotContainKeys("input", "stream");
        } else {
            // The Responses id, not a minted chatcmpl id: it is what previousResponseId needs.
            assertThat(response.getMetadata().getId()).isEqualTo("resp_67ccd2bed1ec8190b14f964abc054267");
            assertThat(usage.getPromptTokens()).isEqualTo(36);
            assertThat(usage.getCompletionTokens()).isEqualTo(87);
            assertThat(usage.getTotalTokens()).isEqualTo(123);
            assertThat(usage.getCacheReadInputTokens()).isEqualTo(12L);
            List<Map<String, Object>> input = list(body.get("input"));
            assertThat(input).extracting(m -> m.get("type")).containsOnly("message");
            assertThat(input).extracting(m -> m.get("role")).containsExactly("system", "user");
            assertThat(input).extracting(TestSupport::text).containsExactly("Be brief.", "Say hello");
            // Responses stores by default; Spring AI users did not ask for that.
            assertThat(body).containsEntry("store", false).doesNotContainKeys("messages", "stream");
        }
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void stream(WireApi wire) {
        TestSupport.textStream(upstream, wire, "Hel", "lo ", "world");

        List<ChatResponse> responses = client(wire).prompt("Say hello").stream().chatResponse().collectList()
                .block();

        assertThat(responses).extracting(r -> r.getResult().getOutput().getText()).containsSubsequence("Hel", "lo ",
                "world");
        assertThat(String.join("", responses.stream().map(r -> r.getResult().getOutput().getText()).toList()))
                .isEqualTo("Hello world");
        ChatResponse last = responses.get(responses.size() - 1);
        assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(wire == WireApi.RESPONSES ? 123 : 29);
        assertThat(responses).filteredOn(r -> r.getResult().getMetadata().getFinishReason() != null).hasSize(1);
        Map<String, Object> body = upstream.last().json();
        assertThat(body).containsEntry("stream", true);
        if (wire == WireApi.CHAT_COMPLETIONS) {
            assertThat(map(body.get("stream_options"))).containsEntry("include_usage", true);
            assertThat(last.getMetadata().getId()).isEqualTo("chatcmpl-stream1");
        } else {
            assertThat(last.getMetadata().getId()).isEqualTo("resp_stream_68af4030");
            assertThat(body).doesNotContainKey("stream_options");
        }
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void toolLoopWithTwoParallelCalls(WireApi wire) {
        TestSupport.toolCalls(upstream, wire, PARIS, LONDON);
        TestSupport.text(upstream, wire, "Sunny in both.");
        TestSupport.WeatherTools tools = new TestSupport.WeatherTools();

        String answer = client(wire).prompt("Weather in Paris and London?").tools(tools).call().content();

        assertThat(answer).isEqualTo("Sunny in both.");
        assertThat(tools.cities).containsExactly("Paris", "London");
        assertToolLoopOnWire(wire);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamedToolLoopRunsEachCallOnceWithCompleteArguments(WireApi wire) {
        TestSupport.toolCallStream(upstream, wire, PARIS, LONDON);
        TestSupport.textStream(upstream, wire, "Sunny ", "in both.");
        TestSupport.WeatherTools tools = new TestSupport.WeatherTools();

        List<String> pieces = client(wire).prompt("Weather in Paris and London?").tools(tools).stream().content()
                .collectList().block();

        assertThat(String.join("", pieces)).isEqualTo("Sunny in both.");
        assertThat(tools.cities).containsExactly("Paris", "London");
        assertToolLoopOnWire(wire);
    }

    private void assertToolLoopOnWire(WireApi wire) {
        assertThat(upstream.requests()).hasSize(2);
        Map<String, Object> first = upstream.request(0).json();
        Map<String, Object> second = upstream.request(1).json();
        Map<String, Object> tool = list(first.get("tools")).get(0);
        if (wire == WireApi.CHAT_COMPLETIONS) {
            assertThat(tool).containsEntry("type", "function");
            assertThat(map(tool.get("function"))).containsEntry("name", "weather");
            assertThat(map(map(map(tool.get("function")).get("parameters")).get("properties"))).containsKey("city");
            List<Map<String, Object>> messages = list(second.get("messages"));
            assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "tool", "tool");
            List<Map<String, Object>> calls = list(messages.get(1).get("tool_calls"));
            assertThat(calls).extracting(c -> c.get("id")).containsExactly(PARIS.id(), LONDON.id());
            assertThat(calls).extracting(c -> map(c.get("function")).get("arguments"))
                    .containsExactly(PARIS.arguments(), LONDON.arguments());
            assertThat(messages.get(2)).containsEntry("tool_call_id", PARIS.id());
            assertThat(TestSupport.text(messages.get(2))).contains("Paris: 18 degrees");
            assertThat(messages.get(3)).containsEntry("tool_call_id", LONDON.id());
        } else {
            // Flat tool, explicitly non-strict: Spring AI's schemas are not written for strict mode.
            assertThat(tool).containsEntry("type", "function").containsEntry("name", "weather")
                    .containsEntry("strict", false);
            assertThat(map(map(tool.get("parameters")).get("properties"))).containsKey("city");
            List<Map<String, Object>> input = list(second.get("input"));
            assertThat(input).extracting(i -> i.get("type")).containsExactly("message", "function_call",
                    "function_call", "function_call_output", "function_call_output");
            assertThat(input.get(1)).containsEntry("call_id", PARIS.id()).containsEntry("name", "weather")
                    .containsEntry("arguments", PARIS.arguments());
            assertThat(input.get(2)).containsEntry("call_id", LONDON.id());
            assertThat(input.get(3)).containsEntry("call_id", PARIS.id());
            assertThat((String) input.get(3).get("output")).contains("Paris: 18 degrees");
            assertThat(input.get(4)).containsEntry("call_id", LONDON.id());
        }
    }

    record Forecast(String city, int temperature) {
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void entityWithNativeStructuredOutput(WireApi wire) {
        TestSupport.text(upstream, wire, "{\"city\":\"Paris\",\"temperature\":18}");

        Forecast forecast = client(wire).prompt("Weather in Paris?").call()
                .entity(Forecast.class, spec -> spec.useProviderStructuredOutput());

        assertThat(forecast).isEqualTo(new Forecast("Paris", 18));
        Map<String, Object> body = upstream.last().json();
        Map<String, Object> format;
        if (wire == WireApi.CHAT_COMPLETIONS) {
            Map<String, Object> responseFormat = map(body.get("response_format"));
            assertThat(responseFormat).containsEntry("type", "json_schema");
            format = map(responseFormat.get("json_schema"));
            assertThat(TestSupport.text(list(body.get("messages")).get(0))).isEqualTo("Weather in Paris?");
        } else {
            format = map(map(body.get("text")).get("format"));
            assertThat(format).containsEntry("type", "json_schema");
            assertThat(TestSupport.text(list(body.get("input")).get(0))).isEqualTo("Weather in Paris?");
        }
        assertThat(format).containsEntry("strict", true).containsKey("name");
        assertThat(map(map(format.get("schema")).get("properties"))).containsKeys("city", "temperature");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void multiTurnConversation(WireApi wire) {
        TestSupport.text(upstream, wire, "Your name is Ada.");

        String answer = client(wire).prompt()
                .system("Remember names.")
                .messages(new UserMessage("My name is Ada."), new AssistantMessage("Nice to meet you, Ada."))
                .user("What is my name?")
                .call().content();

        assertThat(answer).isEqualTo("Your name is Ada.");
        Map<String, Object> body = upstream.last().json();
        List<Map<String, Object>> turns = list(body.get(wire == WireApi.RESPONSES ? "input" : "messages"));
        assertThat(turns).extracting(m -> m.get("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(turns).extracting(TestSupport::text).containsExactly("Remember names.", "My name is Ada.",
                "Nice to meet you, Ada.", "What is my name?");
        if (wire == WireApi.RESPONSES) {
            // OpenAI rejects input_text in an assistant item: history is plain text or output_text parts.
            Object content = turns.get(2).get("content");
            if (!(content instanceof String)) {
                assertThat(list(content)).extracting(p -> p.get("type")).containsOnly("output_text");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void reasoningIsExposedAsReasoningContent(WireApi wire) {
        upstream.enqueue(TestSupport.path(wire), Reply.json(200, wire == WireApi.RESPONSES
                ? Fixtures.responsesWithReasoning("42", "Adding six and seven times...")
                : Fixtures.chatCompletionWithReasoning("42", "Adding six and seven times...")));

        ChatResponse response = client(wire).prompt("6*7?").call().chatResponse();

        assertThat(response.getResult().getOutput().getText()).isEqualTo("42");
        assertThat(response.getResult().getOutput().getMetadata())
                .containsEntry("reasoningContent", "Adding six and seven times...");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamedReasoningAccumulatesIntoTheLastResponse(WireApi wire) {
        upstream.enqueue(TestSupport.path(wire), Reply.sse(wire == WireApi.RESPONSES
                ? new Fixtures.ResponsesStream("resp_r1").reasoning("Six sevens.").text("msg_r1", "4", "2").completed()
                : reasoningChatStream()));

        List<ChatResponse> responses = client(wire).prompt("6*7?").stream().chatResponse().collectList().block();

        ChatResponse last = responses.get(responses.size() - 1);
        assertThat(last.getResult().getOutput().getMetadata()).containsEntry("reasoningContent", "Six sevens.");
    }

    private static List<String> reasoningChatStream() {
        List<String> events = new java.util.ArrayList<>(Fixtures.chatStream("4", "2"));
        String first = events.get(0);
        events.add(1, first.replace("\"content\":\"\"", "\"content\":null,\"reasoning_content\":\"Six \""));
        events.add(2, first.replace("\"content\":\"\"", "\"content\":null,\"reasoning_content\":\"sevens.\""));
        return events;
    }
}
