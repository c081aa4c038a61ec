package dev.crosswalk.bridge.http;

import dev.crosswalk.testkit.FakeModel;
import dev.crosswalk.testkit.FakeOpenAi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A Responses upstream that speaks the WebSocket mode, as api.openai.com does: a WebSocket front on the testkit's
 * stateful {@link FakeModel} (its store, {@code previous_response_id}, its refusals). Each connection remembers its
 * most recent response only, even with {@code store:false}; a continuation of it that fails forgets it. Every
 * upgrade's {@code Authorization} and every client message are recorded. Plain HTTP requests (compaction, retrieval)
 * go to the {@link FakeOpenAi} the model answers on, whole.
 */
final class WebSocketUpstream implements AutoCloseable {
    final FakeModel model;
    private final FakeOpenAi http;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    WebSocketUpstream(FakeOpenAi http) {
        this.http = http;
        this.model = http.model();
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.ws("/v1/responses", this::connection).route(req -> true, this::forward))
                .bindNow();
    }

    private Publisher<Void> forward(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> HttpClient.create()
                        .headers(h -> h.set(req.requestHeaders()).remove("Host"))
                        .request(req.method()).uri(http.origin() + req.uri())
                        .send(ByteBufFlux.fromString(Mono.just(body)))
                        .responseSingle((r, b) -> b.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                .flatMap(text -> res.status(r.status()).header("Content-Type", String.valueOf(r.responseHeaders().get("Content-Type")))
                                        .sendString(Mono.just(text)).then())));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    private Publisher<Void> connection(WebsocketInbound in, WebsocketOutbound out) {
        authorizations.add(String.valueOf(in.headers().get("Authorization")));
        Connection connection = new Connection();
        return out.sendString(in.aggregateFrames().receive().asString(StandardCharsets.UTF_8)
                .concatMap(text -> Flux.fromIterable(connection.turn(text)), 1), StandardCharsets.UTF_8);
    }

    /** One connection's state: its latest response's id and the conversation up to it. */
    private final class Connection {
        private String latestId;
        private List<Object> latest;

        List<String> turn(String text) {
            Map<String, Object> message = Json.obj(text);
            received.add(message);
            Map<String, Object> body = new LinkedHashMap<>(message);
            if (!"response.create".equals(body.remove("type"))) {
                return List.of(Json.write(Json.map("type", "error", "status", 400, "error", Json.map("type", "invalid_request_error",
                        "code", "unknown_event_type", "message", "Unknown event type.", "param", "type"))));
            }
            Object previous = body.get("previous_response_id");
            boolean fromConnection = previous != null && previous.equals(latestId);
            List<Object> conversation = new ArrayList<>();
            if (fromConnection) {
                conversation.addAll(latest);
                body.remove("previous_response_id");
            }
            conversation.addAll(items(body.get("input")));
            if (fromConnection) {
                body.put("input", conversation);
            }
            try {
                List<Map<String, Object>> events = model.turn(body);
                List<String> out = new ArrayList<>();
                for (Map<String, Object> event : events) {
                    if (fromConnection && event.get("response") instanceof Map<?, ?> response) {
                        cast(response).put("previous_response_id", previous);
                    }
                    out.add(Json.write(event));
                }
                Map<String, Object> completed = cast(events.get(events.size() - 1).get("response"));
                latestId = (String) completed.get("id");
                latest = new ArrayList<>(previous == null || fromConnection ? conversation : List.of());
                latest.addAll(Json.list(completed, "output"));
                return out;
            } catch (FakeModel.Refused refused) {
                if (previous != null && previous.equals(latestId)) {
                    latestId = null;
                    latest = null;
                }
                return List.of(Json.write(Json.map("type", "error", "status", refused.status(), "error", refused.body().get("error"))));
            }
        }

        private List<Object> items(Object input) {
            if (input instanceof String s) {
                return List.of(Json.map("type", "message", "role", "user", "content", s));
            }
            return input instanceof List<?> l ? new ArrayList<>(l) : List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
