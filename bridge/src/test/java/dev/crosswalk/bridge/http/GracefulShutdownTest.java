package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shutdown stops taking connections, lets open streams finish within the grace period, and cuts them after it. */
class GracefulShutdownTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    FakeOpenAi upstream = kit.chatModel();

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void openStreamsFinishAndNewConnectionsAreRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.shutdownGrace(Duration.ofSeconds(20)));
            List<SseEvent> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> reading = readSlowStream(bridge.port(), events);
            awaitEvents(events, 3);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(bridge::close);
            awaitRefused(bridge.port());
            reading.get(20, TimeUnit.SECONDS);
            closing.get(20, TimeUnit.SECONDS);

            assertThat(events.get(events.size() - 1).event()).isEqualTo("response.completed");
        });
    }

    @Test
    void streamsStillOpenAfterTheGraceAreCut() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            BridgeServer bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.shutdownGrace(Duration.ofMillis(200)));
            List<SseEvent> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> reading = readSlowStream(bridge.port(), events);
            awaitEvents(events, 3);

            bridge.close();
            reading.handle((ok, error) -> null).get(20, TimeUnit.SECONDS);

            assertThat(events).extracting(SseEvent::event).doesNotContain("response.completed");
        });
    }

    @Test
    void sigtermLetsTheServeCommandFinishItsStreams() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.crosswalk.bridge.Main",
                    "serve", "--upstream", upstream.baseUrl(), "--upstream-api", "chat", "--port", "0", "--shutdown-grace", "20s")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String banner = out.readLine();
                Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/v1").matcher(String.valueOf(banner));
                assertThat(port.find()).as(banner).isTrue();
                List<SseEvent> events = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> reading = readSlowStream(Integer.parseInt(port.group(1)), events);
                awaitEvents(events, 3);

                process.destroy();   // SIGTERM
                reading.get(30, TimeUnit.SECONDS);
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isEqualTo(143);
                assertThat(events.get(events.size() - 1).event()).isEqualTo("response.completed");
            } finally {
                process.destroyForcibly();
            }
        });
    }

    private static CompletableFuture<Void> readSlowStream(int port, List<SseEvent> events) {
        TestClient client = new TestClient("http://127.0.0.1:" + port, "sk-client-test-0001");
        HttpRequest request = client.builder("/v1/responses")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.map("model", "slow", "input", "Hello", "stream", true)))).build();
        return CompletableFuture.runAsync(() -> {
            try {
                HttpResponse<InputStream> response = TestClient.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (SseReader reader = new SseReader(response.body())) {
                    for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                        events.add(e);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void awaitEvents(List<SseEvent> events, int count) throws InterruptedException {
        for (int i = 0; i < 400 && events.size() < count; i++) {
            Thread.sleep(25);
        }
        assertThat(events.size()).isGreaterThanOrEqualTo(count);
    }

    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                new Socket("127.0.0.1", port).close();
                Thread.sleep(25);
            } catch (IOException refused) {
                break;
            }
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
