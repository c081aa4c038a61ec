package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream failures, client misbehaviour and limits, in both translating directions and in pass-through. The bridges
 * here give the upstream 800 ms of silence and accept 4 KiB bodies.
 */
class FaultsTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi chatUpstream;
    static FakeOpenAi responsesUpstream;
    static BridgeServer overChat;
    static BridgeServer overResponses;
    static TestClient chatSide;
    static TestClient responsesSide;

    @BeforeAll
    static void start() {
        chatUpstream = kit.chatModel();
        responsesUpstream = kit.responsesModel();
        overChat = Bridges.start(chatUpstream, WireApi.CHAT_COMPLETIONS, b -> b.upstreamTimeout(Duration.ofMillis(800)).maxBodyBytes(4096));
        overResponses = Bridges.start(responsesUpstream, WireApi.RESPONSES, b -> b.upstreamTimeout(Duration.ofMillis(800)).maxBodyBytes(4096));
        chatSide = TestClient.of(overChat, kit);
        responsesSide = TestClient.of(overResponses, kit);
    }

    @AfterAll
    static void stop() {
        overChat.close();
        overResponses.close();
        chatUpstream.close();
        responsesUpstream.close();
    }

    /** A Responses request to the Chat-upstream bridge (translated). */
    static Map<String, Object> responsesRequest(String model, boolean stream) {
        return Json.map("model", model, "input", "Hello", "stream", stream);
    }

    /** A Chat request (translated on the Responses-upstream bridge, passed through on the Chat-upstream one). */
    static Map<String, Object> chatRequest(String model, boolean stream) {
        return Json.map("model", model, "stream", stream, "messages", List.of(Json.map("role", "user", "content", "Hello")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void upstream401KeepsItsStatusAndMessageButNotTheKey(boolean stream) {
        List<TestClient.Stream> answers = List.of(
                streamOrPost(chatSide, "/v1/responses", responsesRequest("fault-401", stream), stream),
                streamOrPost(responsesSide, "/v1/chat/completions", chatRequest("fault-401", stream), stream),
                streamOrPost(chatSide, "/v1/chat/completions", chatRequest("fault-401", stream), stream));
        for (TestClient.Stream answer : answers) {
            assertThat(answer.status()).isEqualTo(401);
            Map<String, Object> error = Json.obj(answer.errorBody());
            assertThat(Json.str(error, "error.message")).startsWith("Incorrect API key provided: ");
            assertThat(Json.str(error, "error.code")).isEqualTo("invalid_api_key");
            assertThat(answer.errorBody()).doesNotContain("sk-client-test-0001").doesNotContain("0001");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void upstream429KeepsStatusCodeAndRetryAfter(boolean stream) {
        for (TestClient side : List.of(chatSide, responsesSide)) {
            String path = side == chatSide ? "/v1/responses" : "/v1/chat/completions";
            Map<String, Object> body = side == chatSide ? responsesRequest("fault-429", stream) : chatRequest("fault-429", stream);
            TestClient.Reply reply = side.post(path, body);
            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.header("retry-after")).isEqualTo("7");
            assertThat(Json.str(reply.json(), "error.code")).isEqualTo("rate_limit_exceeded");
            assertThat(Json.str(reply.json(), "error.message")).startsWith("Rate limit reached for gpt-test");
        }
    }

    @Test
    void upstream500KeepsStatusAndMessage() {
        TestClient.Reply a = chatSide.post("/v1/responses", responsesRequest("fault-500", false));
        TestClient.Reply b = responsesSide.post("/v1/chat/completions", chatRequest("fault-500", true));
        for (TestClient.Reply r : List.of(a, b)) {
            assertThat(r.status()).isEqualTo(500);
            assertThat(Json.str(r.json(), "error.type")).isEqualTo("server_error");
            assertThat(Json.str(r.json(), "error.message")).startsWith("The server had an error while processing your request.");
        }
    }

    @Test
    void upstreamClosingMidStreamFailsTheStreamWithoutFakingCompletion() {
        TestClient.Stream responses = chatSide.stream("/v1/responses", responsesRequest("fault-close-midstream", true));
        assertThat(responses.status()).isEqualTo(200);
        List<String> types = responses.types();
        assertThat(types).doesNotContain("response.completed");
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("error", "response.failed");
        assertThat(Json.str(responses.data().get(types.size() - 2), "code")).isEqualTo("upstream_closed");

        TestClient.Stream chat = responsesSide.stream("/v1/chat/completions", chatRequest("fault-close-midstream", true));
        assertThat(chat.status()).isEqualTo(200);
        assertChatStreamFailed(chat, "upstream_closed");
    }

    @Test
    void anUpstreamEventOverTheLimitFailsTheStreamInsteadOfBeingBuffered() {
        BridgeServer small = Bridges.start(responsesUpstream, WireApi.RESPONSES, b -> b.maxEventBytes(1024));
        try {
            // The final response.completed event repeats the whole 2000-character answer: over 1 KiB.
            TestClient.Stream chat = TestClient.of(small, kit).stream("/v1/chat/completions", Json.map("model", "gpt-test", "stream", true,
                    "messages", List.of(Json.map("role", "user", "content", "y".repeat(2000)))));
            assertChatStreamFailed(chat, "upstream_protocol_error");
        } finally {
            small.close();
        }
    }

    @Test
    void aPassedThroughStreamWhoseUpstreamFailsIsCutNotCompleted() {
        TestClient.Stream stream;
        try {
            stream = chatSide.stream("/v1/chat/completions", chatRequest("fault-close-midstream", true));
        } catch (java.io.UncheckedIOException cut) {
            return;   // the client saw the connection end mid-body: what the bridge promises
        }
        assertThat(stream.events()).isNotEmpty();
        assertThat(stream.events().get(stream.events().size() - 1).isDone()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fault-malformed-sse", "fault-malformed-json"})
    void malformedUpstreamStreamsFailTheStream(String model) {
        TestClient.Stream responses = chatSide.stream("/v1/responses", responsesRequest(model, true));
        assertThat(responses.status()).isEqualTo(200);
        List<String> types = responses.types();
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("error", "response.failed");
        assertThat(Json.str(responses.data().get(types.size() - 2), "code")).isEqualTo("upstream_protocol_error");

        TestClient.Stream chat = responsesSide.stream("/v1/chat/completions", chatRequest(model, true));
        assertChatStreamFailed(chat, "upstream_protocol_error");
    }

    @Test
    void malformedUpstreamJsonIs502() {
        TestClient.Reply a = chatSide.post("/v1/responses", responsesRequest("fault-malformed-json", false));
        TestClient.Reply b = responsesSide.post("/v1/chat/completions", chatRequest("fault-malformed-json", false));
        for (TestClient.Reply r : List.of(a, b)) {
            assertThat(r.status()).isEqualTo(502);
            assertThat(Json.str(r.json(), "error.code")).isEqualTo("upstream_protocol_error");
        }
    }

    @Test
    void aStreamThatFailsBeforeAnythingIsAnHttpError() {
        TestClient.Stream responses = chatSide.stream("/v1/responses", responsesRequest("fault-error-first", true));
        TestClient.Stream chat = responsesSide.stream("/v1/chat/completions", chatRequest("fault-error-first", true));
        for (TestClient.Stream s : List.of(responses, chat)) {
            assertThat(s.status()).isEqualTo(500);
            assertThat(s.contentType()).startsWith("application/json");
            assertThat(Json.str(Json.obj(s.errorBody()), "error.code")).isEqualTo("model_overloaded");
            assertThat(Json.str(Json.obj(s.errorBody()), "error.message")).isEqualTo("The model is overloaded. Please try again later.");
        }
    }

    @Test
    void aHangingUpstreamIs504() {
        TestClient.Reply translated = chatSide.post("/v1/responses", responsesRequest("fault-hang", false));
        TestClient.Reply streamed = responsesSide.post("/v1/chat/completions", chatRequest("fault-hang", true));
        TestClient.Reply passedThrough = chatSide.post("/v1/chat/completions", chatRequest("fault-hang", false));
        for (TestClient.Reply r : List.of(translated, streamed, passedThrough)) {
            assertThat(r.status()).isEqualTo(504);
            assertThat(Json.str(r.json(), "error.code")).isEqualTo("upstream_timeout");
        }
    }

    @Test
    void anUpstreamThatHangsMidStreamEndsTheStreamWithAnError() {
        TestClient.Stream responses = chatSide.stream("/v1/responses", responsesRequest("fault-hang-midstream", true));
        List<String> types = responses.types();
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("error", "response.failed");
        assertThat(Json.str(responses.data().get(types.size() - 2), "code")).isEqualTo("upstream_timeout");

        TestClient.Stream chat = responsesSide.stream("/v1/chat/completions", chatRequest("fault-hang-midstream", true));
        assertChatStreamFailed(chat, "upstream_timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/responses", "/v1/chat/completions"})
    void aClientThatHangsUpCancelsTheUpstreamRequest(String path) throws Exception {
        long before = chatUpstream.clientsGone();
        Map<String, Object> body = path.equals("/v1/responses") ? responsesRequest("slow", true) : chatRequest("slow", true);
        try (RawHttp raw = new RawHttp(overChat.port())) {
            raw.post(path, Json.write(body));
            String seen = raw.readUntil("\"E\"");
            assertThat(seen).startsWith("HTTP/1.1 200");
        }
        // The slow stream would take seconds more; the upstream must see its request cancelled well before.
        for (int i = 0; i < 100 && chatUpstream.clientsGone() == before; i++) {
            Thread.sleep(50);
        }
        assertThat(chatUpstream.clientsGone()).isEqualTo(before + 1);
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        String big = "x".repeat(5000);
        TestClient.Reply translated = chatSide.post("/v1/responses", Json.map("model", "gpt-test", "input", big));
        TestClient.Reply passedThrough = chatSide.post("/v1/chat/completions", Json.map("model", "gpt-test",
                "messages", List.of(Json.map("role", "user", "content", big))));
        for (TestClient.Reply r : List.of(translated, passedThrough)) {
            assertThat(r.status()).isEqualTo(413);
            assertThat(Json.str(r.json(), "error.code")).isEqualTo("request_too_large");
        }
        // Without Content-Length, the limit is enforced while the body streams.
        for (String path : List.of("/v1/responses", "/v1/chat/completions")) {
            try (RawHttp raw = new RawHttp(overChat.port())) {
                raw.postChunked(path, 10, 1000);
                assertThat(raw.readUntil("\r\n")).startsWith("HTTP/1.1 413");
            }
        }
    }

    @Test
    void anUnreachableUpstreamIs502() {
        FakeOpenAi gone = kit.chatModel();
        BridgeServer bridge = Bridges.start(gone, WireApi.CHAT_COMPLETIONS);
        gone.close();
        try {
            TestClient.Reply reply = TestClient.of(bridge, kit).post("/v1/responses", responsesRequest("gpt-test", false));
            assertThat(reply.status()).isEqualTo(502);
            assertThat(Json.str(reply.json(), "error.code")).isEqualTo("upstream_unreachable");
        } finally {
            bridge.close();
        }
    }

    @Test
    void unknownRoutesAndMethodsGetOpenAiErrors() {
        TestClient.Reply unknown = chatSide.post("/v1/embeddings", Json.map("model", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(Json.str(unknown.json(), "error.code")).isEqualTo("unknown_url");
        TestClient.Reply wrongMethod = chatSide.get("/v1/chat/completions");
        assertThat(wrongMethod.status()).isEqualTo(405);
        TestClient.Reply health = chatSide.withKey(null).get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "ok");
    }

    private static void assertChatStreamFailed(TestClient.Stream chat, String code) {
        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.events().get(chat.events().size() - 1).isDone()).isTrue();
        Map<String, Object> last = chat.data().get(chat.data().size() - 1);
        assertThat(Json.str(last, "error.code")).isEqualTo(code);
        assertThat(chat.data()).noneSatisfy(c -> assertThat(Json.at(c, "choices[0].finish_reason")).isNotNull());
    }

    private static TestClient.Stream streamOrPost(TestClient client, String path, Map<String, Object> body, boolean stream) {
        if (stream) {
            return client.stream(path, body);
        }
        TestClient.Reply reply = client.post(path, body);
        return new TestClient.Stream(reply.status(), List.of(), reply.header("content-type"), reply.body());
    }
}
