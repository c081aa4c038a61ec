package dev.crosswalk.bridge.http;

import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JDK's HTTP client, pointed at a bridge: JSON calls and SSE streams read to the end. */
final class TestClient {
    /** A JSON answer. */
    record Reply(int status, Map<String, Object> json, String body, HttpResponse<?> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A streamed answer: the status and every event read (or the error body). */
    record Stream(int status, List<SseEvent> events, String contentType, String errorBody) {
        /** The parsed JSON of each event's data, [DONE] excluded. */
        List<Map<String, Object>> data() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (SseEvent e : events) {
                if (!e.isDone()) {
                    out.add(Json.obj(e.data()));
                }
            }
            return out;
        }

        List<String> types() {
            return data().stream().map(d -> String.valueOf(d.get("type"))).toList();
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String key;
    private final FakeOpenAiExtension kit;

    TestClient(String base, String key) {
        this(base, key, null);
    }

    private TestClient(String base, String key, FakeOpenAiExtension kit) {
        this.base = base;
        this.key = key;
        this.kit = kit;
    }

    static TestClient of(BridgeServer server) {
        return new TestClient("http://127.0.0.1:" + server.port(), "sk-client-test-0001");
    }

    /** A client over the bridge whose 200 streams are registered with the kit, which checks them after the test. */
    static TestClient of(BridgeServer server, FakeOpenAiExtension kit) {
        return of(server).checkedBy(kit);
    }

    TestClient withKey(String key) {
        return new TestClient(base, key, kit);
    }

    /** The same client; the Chat and Responses streams it reads with status 200 are checked by the kit. */
    TestClient checkedBy(FakeOpenAiExtension kit) {
        return new TestClient(base, key, kit);
    }

    private Stream checked(String path, Object body, Stream stream) {
        if (kit == null || stream.status() != 200 || stream.errorBody() != null) {
            return stream;
        }
        StringBuilder sse = new StringBuilder();
        for (SseEvent e : stream.events()) {
            if (e.event() != null) {
                sse.append("event: ").append(e.event()).append('\n');
            }
            for (String line : e.data().split("\n", -1)) {
                sse.append("data: ").append(line).append('\n');
            }
            sse.append('\n');
        }
        if (path.startsWith("/v1/chat/completions")) {
            Map<String, Object> request = body instanceof String s ? Json.obj(s) : Json.obj(Json.write(body));
            kit.emittedChat(sse.toString(), Boolean.TRUE.equals(Json.at(request, "stream_options.include_usage")));
        } else if (path.startsWith("/v1/responses")) {
            kit.emittedResponses(sse.toString());
        }
        return stream;
    }

    Reply post(String path, Object body) {
        return send(builder(path).POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body))).build());
    }

    Reply get(String path) {
        return send(builder(path).GET().build());
    }

    Reply delete(String path) {
        return send(builder(path).DELETE().build());
    }

    Stream stream(String path, Object body) {
        HttpRequest request = builder(path).header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("content-type").orElse("");
            try (InputStream in = response.body()) {
                if (!type.startsWith("text/event-stream")) {
                    return new Stream(response.statusCode(), List.of(), type, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
                List<SseEvent> events = new ArrayList<>();
                try (SseReader reader = new SseReader(in)) {
                    for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                        events.add(e);
                    }
                }
                return checked(path, body, new Stream(response.statusCode(), events, type, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            Map<String, Object> json = body != null && body.startsWith("{") ? Json.obj(body) : null;
            return new Reply(response.statusCode(), json, body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
