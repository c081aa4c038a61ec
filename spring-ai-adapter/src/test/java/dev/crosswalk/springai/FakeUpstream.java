package dev.crosswalk.springai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.crosswalk.translator.json.JsonCodec;

/**
 * A local endpoint that speaks both protocols from a script: each POST to a path takes the next reply queued for
 * it (JSON, an SSE stream, an error, a slow answer). It records every request it receives, headers and body.
 */
final class FakeUpstream implements AutoCloseable {

    static final String CHAT = "/v1/chat/completions";
    static final String RESPONSES = "/v1/responses";

    private final HttpServer server;
    private final Map<String, ConcurrentLinkedQueue<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

    FakeUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues {@code reply} for the next request to {@code path}. */
    FakeUpstream enqueue(String path, Reply reply) {
        replies.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(reply);
        return this;
    }

    List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    Recorded request(int index) {
        return requests().get(index);
    }

    Recorded last() {
        List<Recorded> all = requests();
        return all.get(all.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        requests.add(new Recorded(path, exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
        ConcurrentLinkedQueue<Reply> queue = replies.get(path);
        Reply reply = queue == null ? null : queue.poll();
        if (reply == null) {
            reply = Reply.json(500, "{\"error\":{\"message\":\"no scripted reply for " + path
                    + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
        }
        try {
            reply.write(exchange);
        } catch (IOException clientWentAway) {
            // A client that timed out closes its end: nothing left to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request as received. */
    record Recorded(String path, Headers headers, String body) {

        /** The body as plain Java values (maps, lists, strings, numbers). */
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) JsonCodec.jackson3().readTree(body);
        }
    }

    /** A scripted answer. */
    static final class Reply {
        private final int status;
        private final Map<String, String> headers = new java.util.LinkedHashMap<>();
        private final String body;
        private final List<String> events;
        private Duration delay = Duration.ZERO;

        private Reply(int status, String body, List<String> events) {
            this.status = status;
            this.body = body;
            this.events = events;
        }

        static Reply json(int status, String body) {
            return new Reply(status, body, null).header("Content-Type", "application/json");
        }

        /** An SSE stream of these raw events (each ends with a blank line), written and flushed one by one. */
        static Reply sse(List<String> events) {
            return new Reply(200, null, events).header("Content-Type", "text/event-stream");
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Waits this long before answering. */
        Reply delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        void write(HttpExchange exchange) throws IOException {
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
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
            for (String event : events) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.close();
        }
    }
}
