package dev.crosswalk.bridge.http;

import static dev.crosswalk.bridge.http.RoutedBridges.eventually;
import static dev.crosswalk.bridge.http.RoutedBridges.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-client-key limits: requests per minute and concurrent streams, refused with 429, Retry-After, OpenAI's shape. */
class RouteLimitsTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    @Test
    void aKeyOverItsRequestsPerMinuteGets429WithRetryAfterAndOtherKeysDoNot() {
        try (FakeOpenAi chat = kit.chatModel();
                BridgeServer bridge = RoutedBridges.start("""
                        upstreams: [{name: chatty, url: %s, api: chat}]
                        routes: [{model: "*", upstream: chatty}]
                        limits: {requestsPerMinute: 3}
                        """.formatted(chat.baseUrl()))) {
            TestClient a = TestClient.of(bridge, kit).withKey("sk-client-a");
            for (int i = 0; i < 3; i++) {
                assertThat(a.post("/v1/chat/completions", RoutesTest.chatRequest("m", false)).status()).isEqualTo(200);
            }
            TestClient.Reply refused = a.post("/v1/chat/completions", RoutesTest.chatRequest("m", false));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Json.str(refused.json(), "error.code")).isEqualTo("rate_limit_exceeded");
            assertThat(Json.str(refused.json(), "error.type")).isEqualTo("requests");
            assertThat(Json.str(refused.json(), "error.message")).contains("limit 3").doesNotContain("sk-client-a");
            // One request comes back every 20 s: the wait is at most that, and at least a second.
            assertThat(Integer.parseInt(refused.header("retry-after"))).isBetween(1, 20);
            // Every endpoint counts, and the upstream never saw the refused request.
            assertThat(a.get("/v1/models").status()).isEqualTo(429);
            assertThat(chat.requests()).hasSize(3);

            TestClient b = TestClient.of(bridge, kit).withKey("sk-client-b");
            assertThat(b.post("/v1/chat/completions", RoutesTest.chatRequest("m", false)).status()).isEqualTo(200);
            eventually(() -> assertThat(sample(TestClient.of(bridge, kit).get("/metrics").body(), "crosswalk_limits_rejected_total",
                    Map.of("limit", "requests_per_minute"))).isEqualTo(2));
        }
    }

    @Test
    void aKeyHoldingItsConcurrentStreamsGets429UntilOneEnds() throws Exception {
        try (FakeOpenAi chat = kit.chatModel();
                BridgeServer bridge = RoutedBridges.start("""
                        upstreams: [{name: chatty, url: %s, api: chat}]
                        routes: [{model: "*", upstream: chatty}]
                        limits: {concurrentStreams: 1}
                        """.formatted(chat.baseUrl()))) {
            TestClient a = TestClient.of(bridge, kit).withKey("sk-client-a");
            CompletableFuture<TestClient.Stream> held = CompletableFuture.supplyAsync(
                    () -> a.stream("/v1/chat/completions", RoutesTest.chatRequest("gated", true)));
            eventually(() -> assertThat(chat.requests()).hasSize(1));

            TestClient.Stream second = a.stream("/v1/chat/completions", RoutesTest.chatRequest("m", true));
            assertThat(second.status()).isEqualTo(429);
            assertThat(Json.str(Json.obj(second.errorBody()), "error.code")).isEqualTo("rate_limit_exceeded");
            assertThat(Json.str(Json.obj(second.errorBody()), "error.message")).contains("concurrent streams");
            // A request that does not stream, and another key's stream, are not held back.
            assertThat(a.post("/v1/chat/completions", RoutesTest.chatRequest("m", false)).status()).isEqualTo(200);
            assertThat(TestClient.of(bridge, kit).withKey("sk-client-b").stream("/v1/chat/completions", RoutesTest.chatRequest("m", true))
                    .status()).isEqualTo(200);

            chat.model().openGate();
            assertThat(held.get().status()).isEqualTo(200);
            eventually(() -> assertThat(a.stream("/v1/chat/completions", RoutesTest.chatRequest("m", true)).status()).isEqualTo(200));
        }
    }
}
