package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.bridge.store.InMemoryResponseStore;
import dev.crosswalk.bridge.store.ResponseStore;
import dev.crosswalk.bridge.store.StoreException;
import dev.crosswalk.bridge.store.StoredResponse;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10 (4), (6), (7) at the bridge: nothing reported as kept that was not, bad input is a 4xx, a broken upstream
 * a 502, stored responses belong to the key (not to the spelling of the header), HTTP/1.0 gets a close-delimited body.
 */
class ReliabilityTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    /** A store whose writes fail once {@link #broken} is set (a database that went away). */
    static final class FlakyStore implements ResponseStore {
        final ResponseStore delegate = new InMemoryResponseStore(100, Duration.ofHours(1), Clock.systemUTC());
        final AtomicBoolean broken = new AtomicBoolean();

        @Override
        public void put(StoredResponse response) {
            if (broken.get()) {
                throw new StoreException("connection refused", null);
            }
            delegate.put(response);
        }

        @Override
        public Optional<StoredResponse> get(String id) {
            return delegate.get(id);
        }

        @Override
        public boolean delete(String id) {
            return delegate.delete(id);
        }
    }

    @Test
    void aStreamedTurnThatCannotBeStoredEndsFailedNotCompleted() {
        FlakyStore store = new FlakyStore();
        store.broken.set(true);
        try (FakeOpenAi upstream = kit.chatModel(); BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.store(store))) {
            TestClient.Stream stream = TestClient.of(bridge, kit).stream("/v1/responses", Json.map("model", "gpt-test", "input", "hi", "stream", true));
            assertThat(stream.status()).isEqualTo(200);
            List<String> types = stream.types();
            assertThat(types).doesNotContain("response.completed").endsWith("error", "response.failed");
            Map<String, Object> error = stream.data().get(types.size() - 2);
            assertThat(error).containsEntry("code", "store_unavailable");
            Map<String, Object> failed = stream.data().get(types.size() - 1);
            assertThat(Json.str(failed, "response.status")).isEqualTo("failed");
            assertThat(Json.str(failed, "response.error.code")).isEqualTo("store_unavailable");
            // Sequence numbers stay consecutive through the replaced end.
            for (int i = 0; i < types.size(); i++) {
                assertThat(((Number) stream.data().get(i).get("sequence_number")).intValue()).isEqualTo(i);
            }

            // Not asked to store: the same failure does not matter, the stream completes.
            TestClient.Stream unstored = TestClient.of(bridge, kit).stream("/v1/responses",
                    Json.map("model", "gpt-test", "input", "hi", "stream", true, "store", false));
            assertThat(unstored.types()).endsWith("response.completed");

            // The store is back: stored before response.completed, so chaining on it works at once.
            store.broken.set(false);
            TestClient.Stream stored = TestClient.of(bridge, kit).stream("/v1/responses", Json.map("model", "gpt-test", "input", "hi", "stream", true));
            assertThat(stored.types()).endsWith("response.completed");
            String id = Json.str(stored.data().get(stored.data().size() - 1), "response.id");
            assertThat(TestClient.of(bridge, kit).get("/v1/responses/" + id).status()).isEqualTo(200);
        }
    }

    @Test
    void aNulInPreviousResponseIdIs400() {
        try (FakeOpenAi upstream = kit.chatModel(); BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS)) {
            TestClient.Reply reply = TestClient.of(bridge, kit).post("/v1/responses",
                    Json.map("model", "gpt-test", "input", "hi", "previous_response_id", "resp_\u0000x"));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(Json.str(reply.json(), "error.param")).isEqualTo("previous_response_id");
            assertThat(upstream.requests()).isEmpty();
        }
    }

    @Test
    void wrongTypedScalarsAre400WithTheirPath() {
        try (FakeOpenAi upstream = kit.chatModel(); BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS)) {
            TestClient.Reply reply = TestClient.of(bridge, kit).post("/v1/responses", "{\"model\":\"gpt-test\",\"input\":\"hi\",\"stream\":\"true\"}");
            assertThat(reply.status()).isEqualTo(400);
            // OpenAI writes param without the JSON path's "$.".
            assertThat(Json.str(reply.json(), "error.param")).isEqualTo("stream");
            assertThat(upstream.requests()).isEmpty();
        }
    }

    @Test
    void aTruncatedUpstreamHeaderBlockIs502() throws Exception {
        try (ServerSocket broken = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                while (!broken.isClosed()) {
                    try (Socket s = broken.accept()) {
                        s.getInputStream().read(new byte[65536]);
                        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: appl".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            try (BridgeServer bridge = BridgeServer.start(BridgeConfig.builder(URI.create("http://127.0.0.1:" + broken.getLocalPort() + "/v1"), WireApi.CHAT_COMPLETIONS)
                    .host("127.0.0.1").port(0).upstreamTimeout(Duration.ofSeconds(10)).build())) {
                TestClient client = TestClient.of(bridge, kit);
                assertThat(client.post("/v1/responses", Json.map("model", "gpt-test", "input", "hi")).status()).isEqualTo(502);
                assertThat(client.stream("/v1/responses", Json.map("model", "gpt-test", "input", "hi", "stream", true)).status()).isEqualTo(502);
                assertThat(client.post("/v1/chat/completions", Json.map("model", "gpt-test",
                        "messages", List.of(Json.map("role", "user", "content", "hi")))).status()).isEqualTo(502);
            }
        }
    }

    @Test
    void storedResponsesBelongToTheKeyNotToTheHeadersSpelling() {
        try (FakeOpenAi upstream = kit.chatModel(); BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS)) {
            TestClient.Reply created = TestClient.of(bridge, kit).post("/v1/responses", Json.map("model", "gpt-test", "input", "hi"));
            String id = Json.str(created.json(), "id");
            for (String spelling : List.of("bearer  sk-client-test-0001", "BEARER sk-client-test-0001", "Bearer\tsk-client-test-0001 ")) {
                java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + "/v1/responses/" + id))
                        .header("Authorization", spelling).GET().build();
                assertThat(send(request).statusCode()).as(spelling).isEqualTo(200);
            }
            assertThat(TestClient.of(bridge, kit).withKey("sk-someone-else-0002").get("/v1/responses/" + id).status()).isEqualTo(404);
        }
    }

    @Test
    void http10ClientsGetACloseDelimitedBody() throws IOException {
        try (FakeOpenAi upstream = kit.chatModel(); BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS);
             Socket socket = new Socket("127.0.0.1", bridge.port())) {
            socket.setSoTimeout(20_000);
            byte[] body = Json.write(Json.map("model", "gpt-test", "input", "hi", "stream", true)).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/responses HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer sk-client-test-0001\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            // readAllBytes returns only because the bridge closes the connection at the end of the body.
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            String rest = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThat(head).startsWith("http/1.").contains(" 200 ").doesNotContain("transfer-encoding");
            assertThat(rest).startsWith("event: response.created").contains("event: response.completed");
        }
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return TestClient.HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
