package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Open Responses compliance suite's HTTP core (its test ids in the method names), as the project's own tests: the
 * same requests, and the suite's checks — the final Response validates against {@code ResponseResource}, every SSE
 * event against its event schema ({@link ResponsesSchema}), plus each test's semantic check. Run over a fake Chat
 * upstream (translated) and a fake Responses upstream (passed through). The WebSocket and compaction parts of the
 * suite are in {@code WebSocketModeTest} and {@code CompactTest}.
 */
class OpenResponsesComplianceTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    enum Upstream { CHAT, RESPONSES }

    static final Map<String, Object> WEATHER = Json.map("type", "function", "name", "get_weather",
            "description", "Get the current weather for a location",
            "parameters", Json.map("type", "object", "properties", Json.map("location", Json.map("type", "string",
                    "description", "The city and state, e.g. San Francisco, CA")), "required", List.of("location")));
    static final String RED_HEART_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    static FakeOpenAi chat;
    static FakeOpenAi responses;
    static BridgeServer overChat;
    static BridgeServer overResponses;

    @BeforeAll
    static void start() {
        chat = kit.chatModel();
        responses = kit.responsesModel();
        overChat = Bridges.start(chat, WireApi.CHAT_COMPLETIONS);
        overResponses = Bridges.start(responses, WireApi.RESPONSES);
    }

    @AfterAll
    static void stop() {
        overChat.close();
        overResponses.close();
        chat.close();
        responses.close();
    }

    static TestClient client(Upstream upstream) {
        return TestClient.of(upstream == Upstream.CHAT ? overChat : overResponses, kit);
    }

    static Map<String, Object> user(String text) {
        return Json.map("type", "message", "role", "user", "content", text);
    }

    /** The suite's non-streaming run: HTTP 200, ResponseResource-valid, and the response handed to the checks. */
    static Map<String, Object> create(Upstream upstream, Map<String, Object> body) {
        body.put("stream", false);
        TestClient.Reply reply = client(upstream).post("/v1/responses", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(ResponsesSchema.response(reply.json())).as(reply.body()).isEmpty();
        return reply.json();
    }

    /** The suite's streaming run: every event valid and in sequence; the terminal event's response valid. */
    static TestClient.Stream stream(Upstream upstream, Map<String, Object> body) {
        body.put("stream", true);
        TestClient.Stream stream = client(upstream).stream("/v1/responses", body);
        assertThat(stream.status()).as(stream.errorBody()).isEqualTo(200);
        List<Map<String, Object>> events = stream.data();
        assertThat(events).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            assertThat(ResponsesSchema.event(events.get(i))).as("event %d %s", i, events.get(i)).isEmpty();
            assertThat(((Number) events.get(i).get("sequence_number")).intValue()).isEqualTo(i);
        }
        return stream;
    }

    static Map<String, Object> finalResponse(TestClient.Stream stream) {
        List<Map<String, Object>> events = stream.data();
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(last.get("type")).isIn("response.completed", "response.failed", "response.incomplete");
        return Json.obj(Json.write(last.get("response")));
    }

    static void hasOutputAndCompleted(Map<String, Object> response) {
        assertThat(Json.list(response, "output")).isNotEmpty();
        assertThat(response.get("status")).isEqualTo("completed");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void basicResponse(Upstream upstream) {
        Map<String, Object> r = create(upstream, Json.map("model", "gpt-test", "input", List.of(user("Say hello in exactly 3 words."))));

        hasOutputAndCompleted(r);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamingResponse(Upstream upstream) {
        TestClient.Stream s = stream(upstream, Json.map("model", "gpt-test", "input", List.of(user("Count from 1 to 5."))));

        assertThat(s.types()).startsWith("response.created", "response.in_progress").contains("response.output_text.delta");
        assertThat(finalResponse(s).get("status")).isEqualTo("completed");
        assertThat(ResponsesSchema.response(finalResponse(s))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void systemPrompt(Upstream upstream) {
        Map<String, Object> r = create(upstream, Json.map("model", "gpt-test", "input", List.of(
                Json.map("type", "message", "role", "system", "content", "You are a pirate. Always respond in pirate speak."),
                user("Say hello."))));

        hasOutputAndCompleted(r);
        if (upstream == Upstream.CHAT) {
            assertThat(Json.str(chat.last().json(), "messages[0].role")).isEqualTo("system");
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void toolCalling(Upstream upstream) {
        Map<String, Object> r = create(upstream, Json.map("model", "gpt-test",
                "input", List.of(user("What's the weather like in San Francisco?")), "tools", List.of(WEATHER)));

        assertThat(Json.list(r, "output")).extracting(item -> Json.str(item, "type")).contains("function_call");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void toolCallingStreaming(Upstream upstream) {
        TestClient.Stream s = stream(upstream, Json.map("model", "gpt-test",
                "input", List.of(user("What's the weather like in San Francisco?")), "tools", List.of(WEATHER)));

        List<Map<String, Object>> events = s.data();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("response.output_item.added");
            assertThat(Json.str(e, "item.type")).isEqualTo("function_call");
        });
        assertThat(s.types()).contains("response.function_call_arguments.delta", "response.function_call_arguments.done");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("response.output_item.done");
            assertThat(Json.str(e, "item.type")).isEqualTo("function_call");
        });
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void imageInput(Upstream upstream) {
        Map<String, Object> r = create(upstream, Json.map("model", "gpt-test", "input", List.of(Json.map("type", "message",
                "role", "user", "content", List.of(
                        Json.map("type", "input_text", "text", "What do you see in this image? Answer in one sentence."),
                        Json.map("type", "input_image", "image_url", RED_HEART_PNG))))));

        hasOutputAndCompleted(r);
        if (upstream == Upstream.CHAT) {
            assertThat(Json.str(chat.last().json(), "messages[0].content[1].image_url.url")).isEqualTo(RED_HEART_PNG);
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void multiTurn(Upstream upstream) {
        Map<String, Object> r = create(upstream, Json.map("model", "gpt-test", "input", List.of(user("My name is Alice."),
                Json.map("type", "message", "role", "assistant", "content", "Hello Alice! Nice to meet you. How can I help you today?"),
                user("What is my name?"))));

        hasOutputAndCompleted(r);
    }

    /** The suite's assistant-phase: assistant history labelled commentary / final_answer is accepted. */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void assistantPhase(Upstream upstream) {
        Map<String, Object> r = create(upstream, Json.map("model", "gpt-test", "input", List.of(
                Json.map("type", "message", "role", "assistant", "phase", "commentary", "content", "I should answer with the saved number."),
                Json.map("type", "message", "role", "assistant", "phase", "final_answer", "content", "The number is four."),
                user("Repeat only the number."))));

        hasOutputAndCompleted(r);
        if (upstream == Upstream.CHAT) {
            List<Object> messages = Json.list(chat.last().json(), "messages");
            assertThat(messages).hasSize(3);
            assertThat(Json.str(messages.get(1), "role")).isEqualTo("assistant");
            assertThat(Json.str(messages.get(1), "content")).isEqualTo("The number is four.");
        } else {
            assertThat(Json.str(responses.last().json(), "input[0].phase")).isEqualTo("commentary");
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void previousResponseId(Upstream upstream) {
        Map<String, Object> first = create(upstream, Json.map("model", "gpt-test", "input", List.of(user("My name is Alice."))));
        Map<String, Object> second = create(upstream, Json.map("model", "gpt-test", "previous_response_id", first.get("id"),
                "input", List.of(user("What is my name?"))));

        hasOutputAndCompleted(second);
        assertThat(second.get("previous_response_id")).isEqualTo(first.get("id"));
        if (upstream == Upstream.CHAT) {
            // The earlier turn reached the Chat upstream as history: user, assistant, user.
            assertThat(Json.list(chat.last().json(), "messages")).hasSize(3);
            TestClient.Reply unknown = client(upstream).post("/v1/responses", Json.map("model", "gpt-test",
                    "previous_response_id", "resp_unknown", "input", "hi"));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(Json.str(unknown.json(), "error.code")).isEqualTo("previous_response_not_found");
            assertThat(Json.str(unknown.json(), "error.param")).isEqualTo("previous_response_id");
        }
    }
}
