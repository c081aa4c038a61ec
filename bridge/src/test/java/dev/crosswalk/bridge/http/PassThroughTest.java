package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseReader;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests in the upstream's own protocol go through unchanged, and streams are not buffered (in either mode). */
class PassThroughTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    FakeOpenAi chatUpstream = kit.chatModel();
    FakeOpenAi responsesUpstream = kit.responsesModel();

    {
        responsesUpstream.model().stored("resp_upstream_owned", "an earlier turn the upstream stored");
    }
    BridgeServer overChat = Bridges.start(chatUpstream, WireApi.CHAT_COMPLETIONS);
    BridgeServer overResponses = Bridges.start(responsesUpstream, WireApi.RESPONSES);

    @AfterEach
    void stop() {
        overChat.close();
        overResponses.close();
        chatUpstream.close();
        responsesUpstream.close();
    }

    @Test
    void chatOverChatIsUnchangedBothWays() {
        Map<String, Object> request = Json.map("model", "gpt-test", "n", 1, "seed", 7, "x_vendor_flag", Json.map("a", 1),
                "messages", List.of(Json.map("role", "user", "content", "Hi")));
        TestClient.Reply reply = TestClient.of(overChat, kit).post("/v1/chat/completions", request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(chatUpstream.last().json()).isEqualTo(request);
        assertThat(chatUpstream.last().header("Authorization")).isEqualTo("Bearer sk-client-test-0001");
        // The upstream's own ids and fields: nothing was re-minted or re-serialized.
        assertThat(reply.json()).containsEntry("id", "chatcmpl-fake1").containsEntry("system_fingerprint", "fp_fake");
        assertThat(reply.json()).isEqualTo(Json.obj(Json.write(chatUpstream.model().unary(request))));
    }

    @Test
    void chatStreamOverChatIsUnchanged() {
        Map<String, Object> request = Json.map("model", "gpt-test", "stream", true, "stream_options", Json.map("include_usage", true),
                "messages", List.of(Json.map("role", "user", "content", "Hi")));
        TestClient.Stream stream = TestClient.of(overChat, kit).stream("/v1/chat/completions", request);

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        List<String> expected = chatUpstream.model().frames(request);
        assertThat(stream.events()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat("data: " + stream.events().get(i).data() + "\n\n").isEqualTo(expected.get(i));
        }
    }

    @Test
    void responsesOverResponsesIsUnchangedIncludingPreviousResponseId() {
        Map<String, Object> request = Json.map("model", "gpt-test", "input", "Hi", "previous_response_id", "resp_upstream_owned",
                "tools", List.of(Json.map("type", "file_search", "vector_store_ids", List.of("vs_1"))));
        TestClient.Reply reply = TestClient.of(overResponses, kit).post("/v1/responses", request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(responsesUpstream.last().json()).isEqualTo(request);
        assertThat(reply.json()).containsEntry("id", "resp_fake1");
    }

    @Test
    void modelsArePassedThrough() {
        TestClient.Reply reply = TestClient.of(overChat, kit).get("/v1/models");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Json.str(reply.json(), "data[0].id")).isEqualTo("gpt-test");
        assertThat(chatUpstream.last().uri()).isEqualTo("/v1/models");
        assertThat(chatUpstream.last().header("Authorization")).isEqualTo("Bearer sk-client-test-0001");
    }

    @Test
    void passThroughStreamsAreNotBuffered() {
        List<SseEvent> events = readGated(overChat, chatUpstream, "/v1/chat/completions",
                Json.map("model", "gated", "stream", true, "messages", List.of(Json.map("role", "user", "content", "Hello"))));
        assertThat(events.get(events.size() - 1).isDone()).isTrue();
    }

    @Test
    void translatedStreamsAreNotBuffered() {
        List<SseEvent> events = readGated(overChat, chatUpstream, "/v1/responses",
                Json.map("model", "gated", "stream", true, "input", "Hello"));
        assertThat(events.get(events.size() - 1).event()).isEqualTo("response.completed");
    }

    /** Reads events the upstream sent before its gate, opens the gate, reads the rest: a buffering bridge would hang. */
    private static List<SseEvent> readGated(BridgeServer bridge, FakeOpenAi upstream, String path, Map<String, Object> body) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            HttpRequest request = TestClient.of(bridge, kit).builder(path).POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
            HttpResponse<InputStream> response = TestClient.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            List<SseEvent> events = new ArrayList<>();
            try (SseReader reader = new SseReader(response.body())) {
                events.add(reader.next());
                events.add(reader.next());
                assertThat(events).doesNotContainNull();
                upstream.model().openGate();
                for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                    events.add(e);
                }
            }
            return events;
        });
    }
}
