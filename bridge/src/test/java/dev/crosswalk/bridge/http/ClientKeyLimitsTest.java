package dev.crosswalk.bridge.http;

import static dev.crosswalk.bridge.http.RoutedBridges.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Limits of a client key's own, from the client keys file ({@code KEY requestsPerMinute=N concurrentStreams=N}): they
 * replace the routes file's {@code limits} for that key, field by field, with routes and with one upstream, and a
 * reload changes the limits without forgetting what each key has used.
 */
class ClientKeyLimitsTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final String KEYS = """
            # team a: a tighter budget than the bridge's
            sk-client-a   requestsPerMinute=2
            sk-client-b
            sk-client-c concurrentStreams=1   # one stream at a time
            sk-client-d requestsPerMinute=0   # no limit at all
            """;

    @Test
    void theKeysFileGivesKeysLimitsOfTheirOwnAndTheOthersKeepTheBridges() {
        ClientKeys keys = ClientKeys.parse("client-keys.txt", KEYS);
        RoutesConfig.Limits bridge = new RoutesConfig.Limits(3, 5);
        assertThat(keys.size()).isEqualTo(4);
        assertThat(keys.withOwnLimits()).isEqualTo(3);
        assertThat(keys.find("sk-client-a").limits(bridge)).isEqualTo(new RoutesConfig.Limits(2, 5));
        assertThat(keys.find("sk-client-b").limits(bridge)).isEqualTo(bridge);
        assertThat(keys.find("sk-client-c").limits(bridge)).isEqualTo(new RoutesConfig.Limits(3, 1));
        assertThat(keys.find("sk-client-d").limits(bridge)).isEqualTo(new RoutesConfig.Limits(0, 5));
        assertThat(keys.find("sk-client-a requestsPerMinute=2")).isNull();
        assertThat(keys.find("sk-client-e")).isNull();
        // The old format (one key per line) reads as before.
        assertThat(ClientKeys.parse("k.txt", "sk-1\n\n# c\nsk-2\n").find("sk-2").limits(bridge)).isEqualTo(bridge);
    }

    @Test
    void aWrongLineIsNamedByFileAndLineAndNeverShowsTheKey() {
        for (String[] c : new String[][] {
                {"sk-ok\nsk-secret-1 rpm=5\n", "keys.txt:2: unknown setting 'rpm' (known: requestsPerMinute, concurrentStreams)"},
                {"sk-secret-1 requestsPerMinute=-1", "keys.txt:1: requestsPerMinute must be a whole number, 0 or more, got '-1'"},
                {"sk-secret-1 requestsPerMinute=ten", "keys.txt:1: requestsPerMinute must be a whole number, 0 or more, got 'ten'"},
                {"sk-secret-1 requestsPerMinute=1 requestsPerMinute=2", "keys.txt:1: requestsPerMinute is given twice"},
                {"sk-secret-1 other words", "keys.txt:1: after the key, only settings like requestsPerMinute=60 may follow (a key has no spaces)"},
                {"sk-secret-1\n# again\nsk-secret-1 concurrentStreams=2", "keys.txt:3: this key is listed twice"},
                {"# nothing\n\n", "keys.txt: the file lists no client key"}}) {
            assertThatThrownBy(() -> ClientKeys.parse("keys.txt", c[0])).as(c[0]).hasMessage(c[1])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-secret"));
        }
    }

    @Test
    void withRoutesAKeysOwnRequestsPerMinuteReplacesTheBridgesAndAReloadKeepsWhatWasUsed() {
        FakeOpenAi chat = kit.upstream();
        chat.otherwise(r -> Reply.json(completion()));
        String yaml = """
                upstreams: [{name: chatty, url: '%s', api: chat}]
                routes: [{model: "*", upstream: chatty}]
                limits: {requestsPerMinute: 3}
                """.formatted(chat.baseUrl());
        try (BridgeServer bridge = RoutedBridges.start(yaml, b -> b.clientKeys(ClientKeys.parse("keys.txt", KEYS)))) {
            TestClient a = TestClient.of(bridge, kit).withKey("sk-client-a");
            TestClient b = TestClient.of(bridge, kit).withKey("sk-client-b");
            TestClient d = TestClient.of(bridge, kit).withKey("sk-client-d");
            assertThat(statuses(a, 3)).containsExactly(200, 200, 429);
            assertThat(statuses(b, 4)).containsExactly(200, 200, 200, 429);
            assertThat(statuses(d, 6)).containsOnly(200);
            TestClient.Reply refused = a.post(FakeOpenAi.CHAT, chatRequest(false));
            assertThat(Json.str(refused.json(), "error.message")).contains("limit 2").doesNotContain("sk-client");

            // The same keys again: what a key used this minute still counts.
            bridge.reload(RoutedBridges.routes(yaml), ClientKeys.parse("keys.txt", KEYS));
            assertThat(statuses(a, 1)).containsExactly(429);
            // A higher limit gives the key the difference at once; a key removed is refused.
            bridge.reload(RoutedBridges.routes(yaml), ClientKeys.parse("keys.txt", "sk-client-a requestsPerMinute=4\n"));
            assertThat(statuses(a, 3)).containsExactly(200, 200, 429);
            assertThat(statuses(b, 1)).containsExactly(401);
        }
    }

    @Test
    void withOneUpstreamAKeysOwnLimitsApplyToo() throws Exception {
        FakeOpenAi chat = kit.upstream();
        CountDownLatch gate = new CountDownLatch(1);
        chat.enqueue(Reply.chatStream(chunks()).gateAfter(1, gate));
        chat.otherwise(r -> r.streaming() ? Reply.chatStream(chunks()) : Reply.json(completion()));
        BridgeConfig config = BridgeConfig.builder(URI.create(chat.baseUrl()), WireApi.CHAT_COMPLETIONS).host("127.0.0.1").port(0)
                .translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build())
                .clientKeys(ClientKeys.parse("keys.txt", KEYS)).build();
        try (BridgeServer bridge = BridgeServer.start(config)) {
            TestClient c = TestClient.of(bridge, kit).withKey("sk-client-c");
            CompletableFuture<TestClient.Reply> held = CompletableFuture.supplyAsync(() -> c.post(FakeOpenAi.CHAT, chatRequest(true)));
            eventually(() -> assertThat(chat.requests()).hasSize(1));
            TestClient.Reply second = c.post(FakeOpenAi.CHAT, chatRequest(true));
            assertThat(second.status()).isEqualTo(429);
            assertThat(Json.str(second.json(), "error.message")).contains("concurrent streams").contains("limit 1");
            // Not a stream, or another key's stream: not held back.
            assertThat(c.post(FakeOpenAi.CHAT, chatRequest(false)).status()).isEqualTo(200);
            assertThat(TestClient.of(bridge, kit).withKey("sk-client-b").post(FakeOpenAi.CHAT, chatRequest(true)).status()).isEqualTo(200);
            gate.countDown();
            assertThat(held.get().status()).isEqualTo(200);
            eventually(() -> assertThat(c.post(FakeOpenAi.CHAT, chatRequest(true)).status()).isEqualTo(200));

            TestClient a = TestClient.of(bridge, kit).withKey("sk-client-a");
            assertThat(statuses(a, 3)).containsExactly(200, 200, 429);
            // A bridge with one upstream reloads its client keys too.
            bridge.reload(null, ClientKeys.of(List.of("sk-client-new")));
            assertThat(statuses(TestClient.of(bridge, kit).withKey("sk-client-new"), 1)).containsExactly(200);
            assertThat(statuses(TestClient.of(bridge, kit).withKey("sk-client-b"), 1)).containsExactly(401);
        }
    }

    private static List<Integer> statuses(TestClient client, int n) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(client.post(FakeOpenAi.CHAT, chatRequest(false)).status());
        }
        return out;
    }

    private static java.util.Map<String, Object> chatRequest(boolean stream) {
        return Json.map("model", "m", "stream", stream, "messages", List.of(Json.map("role", "user", "content", "hi")));
    }

    private static String completion() {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}]}";
    }

    private static List<String> chunks() {
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\",";
        return List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
    }
}
