package dev.crosswalk.langchain4j;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A local endpoint that speaks both protocols from a script: each request takes the next scripted reply (JSON, an
 * SSE stream, a stall, a cut) and is recorded with its path, headers and body for assertions.
 */
final class FakeOpenAiServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    /** Counted down when a trickling stream finds the client gone (its write failed). */
    final CountDownLatch clientGone = new CountDownLatch(1);

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    FakeOpenAiServer enqueue(Reply... scripted) {
        replies.addAll(List.of(scripted));
        return this;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded request(int i) {
        return requests.get(i);
    }

    Map<String, Object> body(int i) {
        return requests.get(i).json();
    }

    Recorded last() {
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()))),
                body));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = Reply.json(500, "{\"error\":{\"message\":\"no reply scripted\",\"type\":\"server_error\"}}");
        }
        reply.write(exchange, this);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One recorded request. */
    record Recorded(String method, String path, Map<String, String> headers, String body) {
        Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<>() { });
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** A scripted reply. */
    static final class Reply {
        private final int status;
        private final String contentType;
        private final String body;
        private final List<String> events;
        private Duration delay = Duration.ZERO;
        private int stallAfter = -1;
        private Duration stall;
        private int abortAfter = -1;
        private IntFunction<String> trickle;

        private Reply(int status, String contentType, String body, List<String> events) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            this.events = events;
        }

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, null);
        }

        static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body, null);
        }

        /** A 200 SSE stream of raw event blocks, each ending in a blank line. */
        static Reply sse(List<String> events) {
            return new Reply(200, "text/event-stream", null, events);
        }

        /** Waits before answering at all (no headers). */
        Reply delayed(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** After {@code n} events, goes silent for {@code stall} before the rest. */
        Reply stallAfter(int n, Duration stall) {
            this.stallAfter = n;
            this.stall = stall;
            return this;
        }

        /** After {@code n} events, drops the connection without ending the chunked body. */
        Reply abortAfter(int n) {
            this.abortAfter = n;
            return this;
        }

        /** After the events, keeps sending {@code event(i)} every 50 ms until the client goes away (at most 10 s). */
        Reply thenTrickle(IntFunction<String> event) {
            this.trickle = event;
            return this;
        }

        void write(HttpExchange exchange, FakeOpenAiServer server) throws IOException {
            sleep(delay);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            if (events == null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
                return;
            }
            exchange.sendResponseHeaders(status, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < events.size(); i++) {
                    if (i == abortAfter) {
                        // An exception from the handler makes the JDK server drop the connection mid-body.
                        throw new IOException("scripted cut");
                    }
                    if (i == stallAfter) {
                        sleep(stall);
                    }
                    out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                if (trickle != null) {
                    for (int i = 0; i < 200; i++) {
                        sleep(Duration.ofMillis(50));
                        out.write(trickle.apply(i).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
                out.close();
            } catch (IOException e) {
                if (trickle != null) {
                    server.clientGone.countDown();
                }
                throw e;
            }
        }

        private static void sleep(Duration d) {
            if (d.isZero()) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
