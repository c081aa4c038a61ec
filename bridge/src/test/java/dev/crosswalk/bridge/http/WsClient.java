package dev.crosswalk.bridge.http;

import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket-mode client for tests, on the JDK's own WebSocket client (independent of the bridge's Reactor Netty):
 * sends client messages, reads server messages one turn at a time. Every turn it reads that started a response
 * ({@code response.created}) is handed to the kit, whose {@code ResponsesStreamChecker} checks it after the test, as
 * {@code TestClient.of(bridge, kit)} does for SSE streams. A turn the upstream breaks is no exception: the bridge must
 * still end it well-formed, with {@code error} and {@code response.failed}.
 */
final class WsClient implements AutoCloseable {
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.failed", "response.incomplete");

    private final WebSocket socket;
    private final BlockingQueue<String> source;
    private final FakeOpenAiExtension kit;

    private final CompletableFuture<Integer> closed;

    private WsClient(WebSocket socket, BlockingQueue<String> source, FakeOpenAiExtension kit, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.source = source;
        this.kit = kit;
        this.closed = closed;
    }

    /** A client whose turns are checked by the kit after the test. */
    static WsClient connect(BridgeServer bridge, String key, FakeOpenAiExtension kit) {
        StringBuilder partial = new StringBuilder();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    queue.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        };
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        try {
            WebSocket ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + bridge.port() + "/v1/responses"), listener).join();
            return new WsClient(ws, queue, kit, closed);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                throw new IllegalStateException("upgrade refused: HTTP " + h.getResponse().statusCode() + " " + h.getResponse().body(), h);
            }
            throw e;
        }
    }

    void send(Map<String, Object> message) {
        socket.sendText(Json.write(message), true).join();
    }

    /** The next message; fails the test when none comes within a generous safety limit (not a timing assertion). */
    Map<String, Object> next() {
        try {
            String text = source.poll(30, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no WebSocket message within 30 s");
            }
            return Json.obj(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The messages of one turn: up to its terminal event, or a single {@code error} message with a {@code status}
     * (an error before the response started).
     */
    List<Map<String, Object>> turn() {
        List<Map<String, Object>> out = new ArrayList<>();
        while (true) {
            Map<String, Object> m = next();
            out.add(m);
            if (TERMINAL.contains(m.get("type")) || ("error".equals(m.get("type")) && m.containsKey("status"))) {
                if ("response.created".equals(out.get(0).get("type"))) {
                    kit.emittedResponses(out);
                }
                return out;
            }
        }
    }

    /** The status code of the server's close; fails the test when it does not close within a safety limit. */
    int closeCode() {
        try {
            return closed.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the server did not close the WebSocket within 30 s");
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (closed.isDone()) {
            // the server closed first (its TCP side may be gone already): release the socket, nothing to send
            socket.abort();
            return;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
