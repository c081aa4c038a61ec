package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.bridge.route.RoutesFile;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reloading routes and client keys on a running bridge: new requests take the new routes, open streams go on. */
class RouteReloadTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    static String routes(String fastTo, FakeOpenAi chat, FakeOpenAi responses) {
        return """
                upstreams:
                  - {name: chatty, url: %s, api: chat}
                  - {name: resp, url: %s, api: responses}
                routes:
                  - {model: fast, upstream: %s}
                  - {model: gated, upstream: chatty}
                """.formatted(chat.baseUrl(), responses.baseUrl(), fastTo);
    }

    @Test
    void aReloadMovesNewRequestsWithoutCuttingAnOpenStream() throws Exception {
        try (FakeOpenAi chat = kit.chatModel();
                FakeOpenAi responses = kit.responsesModel();
                BridgeServer bridge = RoutedBridges.start(routes("chatty", chat, responses))) {
            TestClient client = TestClient.of(bridge, kit);
            CompletableFuture<TestClient.Stream> open = CompletableFuture.supplyAsync(
                    () -> client.stream("/v1/chat/completions", RoutesTest.chatRequest("gated", true)));
            RoutedBridges.eventually(() -> assertThat(chat.requests()).hasSize(1));
            assertThat(client.post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(200);
            assertThat(chat.last().json().get("model")).isEqualTo("fast");

            bridge.reload(RoutedBridges.routes(routes("resp", chat, responses)), null);

            assertThat(client.post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(200);
            assertThat(responses.last().json().get("model")).isEqualTo("fast");
            // The stream that started on the old routes finishes on its old upstream's connection.
            chat.model().openGate();
            TestClient.Stream stream = open.get();
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.events().get(stream.events().size() - 1).isDone()).isTrue();
            assertThat(client.get("/v1/models").body()).contains("\"fast\"");
        }
    }

    @Test
    void aRefusedReloadKeepsTheRunningRoutes() {
        try (FakeOpenAi chat = kit.chatModel();
                FakeOpenAi responses = kit.responsesModel();
                BridgeServer bridge = RoutedBridges.start(routes("chatty", chat, responses))) {
            // Keys for the bridge without client keys: an open relay, refused.
            RoutesConfig withKey = RoutesFile.parse("next.yaml", """
                    upstreams: [{name: resp, url: %s, api: responses, keyEnv: K}]
                    routes: [{model: fast, upstream: resp}]
                    """.formatted(responses.baseUrl()), Map.of("K", "sk-upstream-secret"));
            assertThatThrownBy(() -> bridge.reload(withKey, null)).hasMessageContaining("open relay");

            assertThat(TestClient.of(bridge, kit).post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(200);
            assertThat(chat.last().json().get("model")).isEqualTo("fast");
            assertThat(responses.requests()).isEmpty();
        }
    }

    @Test
    void aReloadCanChangeTheClientKeys() {
        try (FakeOpenAi chat = kit.chatModel();
                FakeOpenAi responses = kit.responsesModel();
                BridgeServer bridge = RoutedBridges.start(routes("chatty", chat, responses),
                        b -> b.clientKeys(ClientKeys.of(List.of("sk-client-old"))))) {
            TestClient old = TestClient.of(bridge, kit).withKey("sk-client-old");
            TestClient fresh = TestClient.of(bridge, kit).withKey("sk-client-new");
            assertThat(old.post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(200);
            assertThat(fresh.post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(401);

            bridge.reload(RoutedBridges.routes(routes("chatty", chat, responses)), ClientKeys.of(List.of("sk-client-new")));

            assertThat(old.post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(401);
            assertThat(fresh.post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(200);
        }
    }
}
