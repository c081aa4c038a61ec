package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 streams open at the same time through one bridge on loopback, in each translating direction: every one must
 * complete, in order, with its own content and no error. The upstream holds every stream after its first events until
 * all 200 requests have reached it, so all 200 are open through the bridge at once. The
 * run is bounded by a timeout, and nothing measures speed.
 */
class ConcurrencyTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static final int STREAMS = 200;

    static FakeOpenAi chatUpstream;
    static FakeOpenAi responsesUpstream;
    static BridgeServer overChat;
    static BridgeServer overResponses;

    @BeforeAll
    static void start() {
        chatUpstream = kit.chatModel();
        responsesUpstream = kit.responsesModel();
        chatUpstream.model().openGateAfter(STREAMS);
        responsesUpstream.model().openGateAfter(STREAMS);
        overChat = Bridges.start(chatUpstream, WireApi.CHAT_COMPLETIONS);
        overResponses = Bridges.start(responsesUpstream, WireApi.RESPONSES);
    }

    @AfterAll
    static void stop() {
        overChat.close();
        overResponses.close();
        chatUpstream.close();
        responsesUpstream.close();
    }

    @Test
    void twoHundredResponsesStreamsOverAChatUpstream() throws Exception {
        List<List<SseEvent>> results = runAll(overChat, "/v1/responses",
                i -> Json.map("model", "gated", "input", "stream number " + i, "stream", true));
        for (int i = 0; i < STREAMS; i++) {
            List<SseEvent> events = results.get(i);
            assertThat(events.get(events.size() - 1).event()).as("stream %d", i).isEqualTo("response.completed");
            StringBuilder text = new StringBuilder();
            for (int n = 0; n < events.size(); n++) {
                Map<String, Object> data = Json.obj(events.get(n).data());
                assertThat(data.get("sequence_number")).as("stream %d", i).isEqualTo(n);
                assertThat(data.get("type")).isNotIn("error", "response.failed");
                if ("response.output_text.delta".equals(data.get("type"))) {
                    text.append(data.get("delta"));
                }
            }
            assertThat(text.toString()).isEqualTo("Echo: stream number " + i + " (1 messages)");
        }
        assertThat(chatUpstream.requests()).hasSizeGreaterThanOrEqualTo(STREAMS);
    }

    @Test
    void twoHundredChatStreamsOverAResponsesUpstream() throws Exception {
        List<List<SseEvent>> results = runAll(overResponses, "/v1/chat/completions",
                i -> Json.map("model", "gated", "stream", true, "messages", List.of(Json.map("role", "user", "content", "stream number " + i))));
        for (int i = 0; i < STREAMS; i++) {
            List<SseEvent> events = results.get(i);
            assertThat(events.get(events.size() - 1).isDone()).as("stream %d", i).isTrue();
            StringBuilder text = new StringBuilder();
            int finishes = 0;
            for (SseEvent e : events.subList(0, events.size() - 1)) {
                Map<String, Object> chunk = Json.obj(e.data());
                assertThat(chunk).as("stream %d", i).doesNotContainKey("error");
                Object content = Json.at(chunk, "choices[0].delta.content");
                text.append(content == null ? "" : content);
                finishes += Json.at(chunk, "choices[0].finish_reason") != null ? 1 : 0;
            }
            assertThat(text.toString()).isEqualTo("Echo: stream number " + i + " (1 items)");
            assertThat(finishes).isEqualTo(1);
        }
    }

    private static List<List<SseEvent>> runAll(BridgeServer bridge, String path, java.util.function.IntFunction<Object> body) throws Exception {
        TestClient client = TestClient.of(bridge, kit);
        // One thread per stream reader, so that all 200 are open at once; the bridge itself uses its few event loops.
        ExecutorService readers = Executors.newFixedThreadPool(STREAMS);
        try {
            List<CompletableFuture<List<SseEvent>>> futures = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                int n = i;
                HttpRequest request = client.builder(path).POST(HttpRequest.BodyPublishers.ofString(Json.write(body.apply(n)))).build();
                futures.add(CompletableFuture.supplyAsync(() -> read(request), readers));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
            List<List<SseEvent>> results = new ArrayList<>();
            for (CompletableFuture<List<SseEvent>> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            readers.shutdownNow();
        }
    }

    private static List<SseEvent> read(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = TestClient.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + new String(response.body().readAllBytes()));
            }
            List<SseEvent> events = new ArrayList<>();
            try (SseReader reader = new SseReader(response.body())) {
                for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                    events.add(e);
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
