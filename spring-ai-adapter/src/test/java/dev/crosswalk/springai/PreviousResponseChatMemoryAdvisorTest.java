package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.crosswalk.testkit.Reply;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;

import static dev.crosswalk.springai.TestSupport.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Responses memory mode: turns chain with {@code previous_response_id} and {@code store:true}, only the new
 * messages travel, and a forgotten response is answered by resending the whole history.
 */
class PreviousResponseChatMemoryAdvisorTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final String NOT_FOUND = "{\"error\":{\"message\":\"Previous response with id 'resp_turn_1' not "
            + "found.\",\"type\":\"invalid_request_error\",\"param\":\"previous_response_id\","
            + "\"code\":\"previous_response_not_found\"}}";

    private final FakeOpenAi upstream = kit.upstream();
    private final ChatMemory memory = MessageWindowChatMemory.builder().build();

    private ChatClient client(WireApi wire) {
        return ChatClient.builder(TestSupport.model(upstream, wire))
                .defaultSystem("Be brief.")
                .defaultAdvisors(PreviousResponseChatMemoryAdvisor.builder(memory).build())
                .build();
    }

    private void answer(String id, String text, boolean stream) {
        upstream.enqueue(FakeOpenAi.RESPONSES, stream
                ? Reply.sse(new Fixtures.ResponsesStream(id).text("msg_" + id, text).completed())
                : Reply.json(200, Fixtures.json(Fixtures.response(id, "completed",
                        List.of(Fixtures.messageItem("msg_" + id, text)), Fixtures.responsesUsage()))));
    }

    private String turn(ChatClient client, String user, boolean stream) {
        ChatClient.ChatClientRequestSpec spec = client.prompt().user(user)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada"));
        return stream ? String.join("", spec.stream().content().collectList().block()) : spec.call().content();
    }

    /** The texts of the input items sent, by role, e.g. {@code user: My name is Ada.}. */
    private static List<String> input(Map<String, Object> body) {
        return list(body.get("input")).stream().map(item -> item.get("role") == null ? String.valueOf(item.get("type"))
                : item.get("role") + ": " + TestSupport.text(item)).toList();
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void threeTurnsSendOnlyTheirNewMessages(boolean stream) {
        ChatClient client = client(WireApi.RESPONSES);
        answer("resp_turn_1", "Hello Ada.", stream);
        answer("resp_turn_2", "You are Ada.", stream);
        answer("resp_turn_3", "Ada has three letters.", stream);

        assertThat(turn(client, "My name is Ada.", stream)).isEqualTo("Hello Ada.");
        assertThat(turn(client, "What is my name?", stream)).isEqualTo("You are Ada.");
        assertThat(turn(client, "How long is it?", stream)).isEqualTo("Ada has three letters.");

        List<Map<String, Object>> sent = upstream.requests().stream().map(FakeOpenAi.Recorded::json).toList();
        assertThat(sent).hasSize(3).allSatisfy(body -> assertThat(body).containsEntry("store", true));
        assertThat(sent.get(0)).doesNotContainKey("previous_response_id");
        assertThat(input(sent.get(0))).containsExactly("system: Be brief.", "user: My name is Ada.");
        assertThat(sent.get(1)).containsEntry("previous_response_id", "resp_turn_1");
        assertThat(input(sent.get(1))).containsExactly("system: Be brief.", "user: What is my name?");
        assertThat(sent.get(2)).containsEntry("previous_response_id", "resp_turn_2");
        assertThat(input(sent.get(2))).containsExactly("system: Be brief.", "user: How long is it?");

        List<Message> remembered = memory.get("ada");
        assertThat(remembered).extracting(Message::getText).containsExactly("My name is Ada.", "Hello Ada.",
                "What is my name?", "You are Ada.", "How long is it?", "Ada has three letters.");
        assertThat(((AssistantMessage) remembered.get(5)).getMetadata())
                .containsEntry(PreviousResponseChatMemoryAdvisor.RESPONSE_ID, "resp_turn_3");
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void aForgottenResponseIsReplacedByTheWholeHistoryAndTheChainStartsOver(boolean stream) {
        ChatClient client = client(WireApi.RESPONSES);
        answer("resp_turn_1", "Hello Ada.", stream);
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json(400, NOT_FOUND));
        answer("resp_turn_2b", "You are Ada.", stream);
        answer("resp_turn_3", "Ada has three letters.", stream);

        turn(client, "My name is Ada.", stream);
        assertThat(turn(client, "What is my name?", stream)).isEqualTo("You are Ada.");
        turn(client, "How long is it?", stream);

        List<Map<String, Object>> sent = upstream.requests().stream().map(FakeOpenAi.Recorded::json).toList();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(1)).containsEntry("previous_response_id", "resp_turn_1");
        // the server forgot resp_turn_1: the same turn again, with the whole history and nothing to chain on
        assertThat(sent.get(2)).doesNotContainKey("previous_response_id").containsEntry("store", true);
        assertThat(input(sent.get(2))).containsExactly("system: Be brief.", "user: My name is Ada.",
                "assistant: Hello Ada.", "user: What is my name?");
        // and the chain goes on from the answer to the resent turn
        assertThat(sent.get(3)).containsEntry("previous_response_id", "resp_turn_2b");
        assertThat(input(sent.get(3))).containsExactly("system: Be brief.", "user: How long is it?");
        assertThat(memory.get("ada")).hasSize(6);
    }

    @Test
    void aToolLoopInsideATurnChainsOnTheTurnBeforeAndTheNextTurnOnItsLastAnswer() {
        TestSupport.WeatherTools tools = new TestSupport.WeatherTools();
        ChatClient client = client(WireApi.RESPONSES);
        answer("resp_turn_1", "Hello Ada.", false);
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json(200, Fixtures.responsesToolCalls(
                new Fixtures.Call("call_paris", "weather", "{\"city\":\"Paris\"}"))));
        answer("resp_turn_2b", "Sunny in Paris.", false);
        answer("resp_turn_3", "You are Ada.", false);

        turn(client, "My name is Ada.", false);
        String weather = client.prompt().user("Weather in Paris?").tools(tools)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada")).call().content();
        turn(client, "Who am I?", false);

        assertThat(weather).isEqualTo("Sunny in Paris.");
        assertThat(tools.cities).containsExactly("Paris");
        List<Map<String, Object>> sent = upstream.requests().stream().map(FakeOpenAi.Recorded::json).toList();
        assertThat(sent).hasSize(4).allSatisfy(body -> assertThat(body).containsEntry("store", true));
        assertThat(sent.get(1)).containsEntry("previous_response_id", "resp_turn_1");
        // the tool loop's second request: the turn's messages and the call with its result, on the turn before
        assertThat(sent.get(2)).containsEntry("previous_response_id", "resp_turn_1");
        assertThat(input(sent.get(2))).containsExactly("system: Be brief.", "user: Weather in Paris?", "function_call",
                "function_call_output");
        assertThat(sent.get(3)).containsEntry("previous_response_id", "resp_turn_2b");
        assertThat(input(sent.get(3))).containsExactly("system: Be brief.", "user: Who am I?");
    }

    @Test
    void otherErrorsAreNotRetriedWithHistoryAndLeaveTheMemoryAsItWas() {
        ChatClient client = client(WireApi.RESPONSES);
        answer("resp_turn_1", "Hello Ada.", false);
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json(400, "{\"error\":{\"message\":\"bad\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_value\"}}"));
        answer("resp_turn_2", "You are Ada.", false);
        turn(client, "My name is Ada.", false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> turn(client, "What is my name?", false))
                .isInstanceOf(CrosswalkApiException.class);
        assertThat(upstream.requests()).hasSize(2);
        assertThat(memory.get("ada")).hasSize(2);

        turn(client, "What is my name?", false);
        assertThat(upstream.last().json()).containsEntry("previous_response_id", "resp_turn_1");
    }

    @Test
    void onChatCompletionsTheWholeHistoryIsSentAsByMessageChatMemoryAdvisor() {
        ChatClient client = client(WireApi.CHAT_COMPLETIONS);
        TestSupport.text(upstream, WireApi.CHAT_COMPLETIONS, "Hello Ada.");
        TestSupport.text(upstream, WireApi.CHAT_COMPLETIONS, "You are Ada.");

        turn(client, "My name is Ada.", false);
        turn(client, "What is my name?", false);

        Map<String, Object> second = upstream.last().json();
        assertThat(second).doesNotContainKey("previous_response_id").doesNotContainKey("store");
        assertThat(list(second.get("messages")).stream().map(m -> m.get("role") + ": " + TestSupport.text(m)))
                .containsExactly("system: Be brief.", "user: My name is Ada.", "assistant: Hello Ada.",
                        "user: What is my name?");
    }

    @Test
    void conversationsAreKeptApart() {
        ChatClient client = client(WireApi.RESPONSES);
        answer("resp_a_1", "Hello Ada.", false);
        answer("resp_b_1", "Hello Bob.", false);
        answer("resp_a_2", "You are Ada.", false);

        client.prompt().user("My name is Ada.").advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "a")).call().content();
        client.prompt().user("My name is Bob.").advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "b")).call().content();
        client.prompt().user("Who am I?").advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "a")).call().content();

        assertThat(upstream.last().json()).containsEntry("previous_response_id", "resp_a_1");
    }
}
