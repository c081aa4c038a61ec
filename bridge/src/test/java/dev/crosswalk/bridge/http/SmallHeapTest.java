package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10 (3): a bridge in its own JVM with a small heap ({@code -Xmx256m}, the default budgets) gets eight concurrent
 * 15 MB bodies; every one is answered with HTTP (200, or 503 with Retry-After when the in-flight budget is spent),
 * none with a dropped connection, and the bridge still serves afterwards.
 */
class SmallHeapTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    private static final int BODIES = 8;
    private static final int BODY_CHARS = 15 * 1024 * 1024;

    @Test
    void concurrentLargeBodiesAreAllAnswered() throws Exception {
        try (FakeOpenAi upstream = kit.chatModel()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process bridge = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "dev.crosswalk.bridge.Main", "serve", "--upstream", upstream.baseUrl(), "--upstream-api", "chat",
                    "--host", "127.0.0.1", "--port", "0")
                    .redirectErrorStream(true).start();
            try {
                int port = port(bridge);
                String big = "{\"model\":\"gpt-test\",\"store\":false,\"input\":\"" + "a".repeat(BODY_CHARS) + "\"}";
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < BODIES; i++) {
                    answers.add(TestClient.HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/responses"))
                            .timeout(Duration.ofMinutes(3)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString()));
                }
                int ok = 0;
                for (CompletableFuture<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get(4, TimeUnit.MINUTES); // a dropped connection fails here
                    assertThat(r.statusCode()).as(r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isIn(200, 503);
                    if (r.statusCode() == 503) {
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    } else {
                        ok++;
                    }
                }
                assertThat(ok).as("at least one large body was served").isPositive();
                HttpResponse<String> after = TestClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/responses"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-test\",\"input\":\"hi\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(bridge.isAlive()).isTrue();
            } finally {
                bridge.destroy();
                if (!bridge.waitFor(20, TimeUnit.SECONDS)) {
                    bridge.destroyForcibly();
                }
            }
        }
    }

    /** Reads the bridge's output until it says where it listens. */
    private static int port(Process bridge) throws Exception {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = listening.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("the bridge exited before listening"));
            } catch (java.io.IOException e) {
                port.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }
}
