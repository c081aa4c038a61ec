package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crosswalk.bridge.store.ResponseStores;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys never reach a log line: this test runs the requests most likely to leak them (accepted, refused, an upstream
 * quoting the key it rejected, a failing stream, a database URL with a password), with the bridge's loggers at debug,
 * then reads back every line the test run logged so far (the build sends slf4j-simple's output to one file).
 */
class SecretsInLogsTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static final String UPSTREAM_KEY = "sk-upstream-log-secret-7777";
    static final String CLIENT_KEY = "sk-client-log-secret-8888";
    static final String WRONG_KEY = "sk-wrong-log-secret-9999";
    static final String DB_PASSWORD = "db-log-secret-6666";

    @Test
    void noKeyEverReachesTheLog() throws Exception {
        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(logFile).as("the build routes logs to a file").isNotBlank().isNotEqualTo("System.err");

        try (FakeOpenAi upstream = kit.chatModel();
             BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.upstreamKey(Secret.of(UPSTREAM_KEY))
                     .clientKeys(ClientKeys.of(List.of(CLIENT_KEY))))) {
            TestClient good = TestClient.of(bridge, kit).withKey(CLIENT_KEY);
            assertThat(good.post("/v1/responses", Json.map("model", "gpt-test", "input", "hi")).status()).isEqualTo(200);
            assertThat(good.post("/v1/responses", Json.map("model", "fault-401", "input", "hi")).status()).isEqualTo(401);
            assertThat(good.stream("/v1/responses", Json.map("model", "fault-close-midstream", "input", "hi", "stream", true)).status())
                    .isEqualTo(200);
            assertThat(good.post("/v1/chat/completions", Json.map("model", "fault-401",
                    "messages", List.of(Json.map("role", "user", "content", "hi")))).status()).isEqualTo(401);
            assertThat(TestClient.of(bridge, kit).withKey(WRONG_KEY).post("/v1/responses", Json.map("model", "gpt-test", "input", "hi")).status())
                    .isEqualTo(401);
        }
        Throwable storeFailure = catchThrowable(() -> ResponseStores.open("jdbc:postgresql://127.0.0.1:1/db?password=" + DB_PASSWORD,
                "bridge", DB_PASSWORD, 10, Duration.ofMinutes(1), Clock.systemUTC()));
        assertThat(storeFailure).isNotNull();
        assertThat(storeFailure.getMessage()).doesNotContain(DB_PASSWORD);

        String log = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
        assertThat(log).contains("status=401").contains("mode=responses>chat");
        for (String secret : List.of(UPSTREAM_KEY, CLIENT_KEY, WRONG_KEY, DB_PASSWORD, "sk-client-test-0001")) {
            assertThat(log).as("the log mentions %s", secret).doesNotContain(secret);
            assertThat(log).doesNotContain(secret.substring(secret.length() - 8));
        }
    }
}
