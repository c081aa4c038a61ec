package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bridge holding its own upstream key admits only clients with one of its keys, and sends only its own key upstream. */
class AuthTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static final String UPSTREAM_KEY = "sk-bridge-upstream-secret-9f8e7d";
    static final String CLIENT_KEY = "sk-good-client-key-1234";

    static FakeOpenAi upstream;
    static BridgeServer bridge;

    @BeforeAll
    static void start() {
        upstream = kit.chatModel();
        bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.upstreamKey(Secret.of(UPSTREAM_KEY))
                .clientKeys(ClientKeys.of(List.of(CLIENT_KEY, "sk-other-client-5678"))));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        upstream.close();
    }

    @Test
    void aKnownClientKeyIsAdmittedAndReplacedByTheBridgesKey() {
        TestClient client = TestClient.of(bridge, kit).withKey(CLIENT_KEY);
        for (String path : List.of("/v1/responses", "/v1/chat/completions")) {
            Object body = path.equals("/v1/responses") ? Json.map("model", "gpt-test", "input", "Hi")
                    : Json.map("model", "gpt-test", "messages", List.of(Json.map("role", "user", "content", "Hi")));
            TestClient.Reply reply = client.post(path, body);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        }
    }

    @Test
    void wrongOrMissingKeysAre401AndNeverReachTheUpstream() {
        int before = upstream.requests().size();
        for (String key : new String[] {"sk-wrong-key-0000", null, ""}) {
            for (String path : List.of("/v1/responses", "/v1/chat/completions", "/v1/models", "/v1/responses/resp_1")) {
                TestClient client = TestClient.of(bridge, kit).withKey(key);
                TestClient.Reply reply = path.startsWith("/v1/models") || path.startsWith("/v1/responses/")
                        ? client.get(path) : client.post(path, Json.map("model", "gpt-test", "input", "Hi"));
                assertThat(reply.status()).as(path + " with " + key).isEqualTo(401);
                assertThat(Json.str(reply.json(), "error.code")).isEqualTo("invalid_api_key");
                assertThat(reply.body()).doesNotContain("sk-wrong-key-0000").doesNotContain(UPSTREAM_KEY);
            }
        }
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void theUpstreamQuotingTheBridgesKeyNeverReachesTheClient() {
        TestClient.Reply reply = TestClient.of(bridge, kit).withKey(CLIENT_KEY).post("/v1/responses", Json.map("model", "fault-401", "input", "Hi"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain(UPSTREAM_KEY).doesNotContain("9f8e7d").contains("Incorrect API key provided");
    }

    @Test
    void holdingAKeyWithoutClientKeysIsRefused() {
        assertThatThrownBy(() -> BridgeConfig.builder(URI.create(upstream.baseUrl()), WireApi.CHAT_COMPLETIONS)
                .upstreamKey(Secret.of(UPSTREAM_KEY)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open relay")
                .hasMessageNotContaining(UPSTREAM_KEY);
    }

    @Test
    void keysNeverShowInToString() {
        assertThat(Secret.of(UPSTREAM_KEY).toString()).doesNotContain(UPSTREAM_KEY);
        assertThat(ClientKeys.of(List.of(CLIENT_KEY)).toString()).doesNotContain(CLIENT_KEY);
        BridgeConfig config = BridgeConfig.builder(URI.create(upstream.baseUrl()), WireApi.CHAT_COMPLETIONS)
                .upstreamKey(Secret.of(UPSTREAM_KEY)).clientKeys(ClientKeys.of(List.of(CLIENT_KEY))).build();
        assertThat(config.toString()).doesNotContain(UPSTREAM_KEY).doesNotContain(CLIENT_KEY);
    }
}
