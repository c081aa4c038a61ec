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
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
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
        String authorization = String.valueOf(in.headers().get("Authorization"));
        authorizations.add(authorization);
        Connection connection = new Connection(authorization);
        // The close goes in line after the turn's messages (the inbound stays subscribed: cancelling it would drop
        // the connection before they are sent). A reset flushes what was written, then drops the TCP connection
        // (SO_LINGER 0: an RST, no close frame).
        return out.sendObject(in.aggregateFrames().receive().asString(StandardCharsets.UTF_8)
                .concatMap(text -> Flux.fromIterable(connection.turn(text)), 1)
                .concatMap(text -> RESET.equals(text) ? Mono.<Object>fromRunnable(() -> out.withConnection(c -> {
                            c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                            c.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                        }))
                        : Mono.just(CUT.equals(text) ? new CloseWebSocketFrame(1011, "fault-close-midstream") : new TextWebSocketFrame(text)), 1));
    }

    /** Not a message: the connection is closed here, mid-turn ({@code fault-close-midstream}). */
    private static final String CUT = "\u0000cut";
    /** Not a message: the TCP connection is dropped here, mid-turn, with no close frame ({@code fault-reset-midstream}). */
    private static final String RESET = "\u0000reset";

    /** One connection's state: its latest response's id and the conversation up to it. */
    private final class Connection {
        private String latestId;
        private List<Object> latest;
        private final String authorization;

        Connection(String authorization) {
            this.authorization = authorization;
        }

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
                List<String> broken = fault(String.valueOf(body.get("model")), out);
                if (broken != null) {
                    return broken;
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

        /**
         * The turn as the model's {@code fault-*} streams break it (see {@link FakeModel}), here on a WebSocket:
         * {@code fault-error-midstream}(-{@code live}) four events then the error event, no terminal, the connection
         * open; {@code fault-error-midstream-then-rest} the same, then the rest of the turn anyway (up to its
         * {@code response.completed}); {@code fault-error-midstream-echoing-key} an error quoting the key the
         * connection was opened with, as OpenAI's 401 does; {@code fault-close-midstream} three events then the socket closed
         * ({@code fault-reset-midstream}: the TCP connection dropped, no close frame).
         * {@code null}: not a fault.
         */
        private List<String> fault(String name, List<String> events) {
            return switch (name) {
                case "fault-error-midstream" -> with(events.subList(0, 4), data(model.errorFrame(4)));
                case "fault-error-midstream-live" -> with(events.subList(0, 4), data(model.liveErrorFrame(4)));
                case "fault-error-midstream-then-rest" -> {
                    List<String> out = with(events.subList(0, 4), data(model.errorFrame(4)));
                    out.addAll(events.subList(4, events.size()));
                    yield out;
                }
                case "fault-error-midstream-echoing-key" -> with(events.subList(0, 4), Json.write(Json.map("type", "error",
                        "sequence_number", 4, "code", "invalid_api_key", "param", null,
                        "message", "Incorrect API key provided: " + authorization.replaceFirst("^Bearer ", "") + ".")));
                case "fault-close-midstream" -> with(events.subList(0, 3), CUT);
                case "fault-reset-midstream" -> with(events.subList(0, 3), RESET);
                default -> null;
            };
        }

        private List<String> with(List<String> head, String last) {
            List<String> out = new ArrayList<>(head);
            out.add(last);
            return out;
        }

        /** The JSON of an SSE frame's {@code data:} line. */
        private String data(String frame) {
            return frame.lines().filter(line -> line.startsWith("data: ")).findFirst().orElseThrow().substring("data: ".length());
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
