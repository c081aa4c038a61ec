package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.sse.SseParser;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * WebSocket mode on {@code /v1/responses} (issue 11): the client sends {@code response.create} messages (a create body
 * with {@code "type":"response.create"}; {@code stream} is implicit) and receives the response's stream events, each
 * as one text message, one response after the other on the same connection.
 *
 * <ul>
 *   <li>Continuation: {@code previous_response_id} is looked up first in the connection's own cache of its latest
 *       responses ({@value #CACHED} at most), which works with {@code store:false}, then in the store.</li>
 *   <li>{@code response.append} ({@code {"type":"response.append","input":[...]}}) continues the connection's latest
 *       response with more input and the same settings (model, instructions, tools, ...).</li>
 *   <li>An unknown {@code previous_response_id} is an {@code error} message with {@code status} 400 and code
 *       {@code previous_response_not_found}; the connection stays open. A continuation that fails evicts the response
 *       it continued from the cache (as the live API does), so a client must resend full context.</li>
 *   <li>Over a Chat upstream every turn is translated and streamed from the upstream over HTTP, as for SSE clients.
 *       A Responses upstream that accepts a WebSocket on its {@code /responses} gets the connection passed through
 *       (messages both ways as they are; keys masked in what comes back); one that refuses the upgrade gets each turn
 *       on its HTTP SSE endpoint, with cached turns expanded into {@code input} (so {@code store:false} chains work
 *       even where the upstream keeps nothing).</li>
 * </ul>
 * Authentication is that of the upgrade request, checked exactly as on HTTP before the upgrade.
 */
final class ResponsesWebSocket {
    static final int CACHED = 8;
    private static final Logger log = LoggerFactory.getLogger(ResponsesWebSocket.class);

    private final BridgeConfig config;
    private final JsonCodec codec;
    private final ResponsesOverChat overChat;
    private final UpstreamCalls calls;

    private final Upstream upstream;

    ResponsesWebSocket(BridgeConfig config, JsonCodec codec, ResponsesOverChat overChat, UpstreamCalls calls, Upstream upstream) {
        this.config = config;
        this.upstream = upstream;
        this.codec = codec;
        this.overChat = overChat;
        this.calls = calls;
    }

    Mono<Void> serve(Exchange ex, ClientAuth.Grant grant) {
        ex.mode(config.upstreamApi() == WireApi.CHAT_COMPLETIONS ? "websocket>chat" : "websocket>responses");
        int maxFrame = (int) Math.min(Integer.MAX_VALUE, config.maxBodyBytes());
        return ex.response().sendWebsocket((in, out) -> {
            Flux<String> texts = in.aggregateFrames(maxFrame).receiveFrames()
                    .filter(TextWebSocketFrame.class::isInstance)
                    .map(frame -> ((TextWebSocketFrame) frame).text());
            if (config.upstreamApi() == WireApi.CHAT_COMPLETIONS) {
                return terminate(ex, grant, texts, out);
            }
            // A Responses upstream that takes WebSockets gets the connection as it is; one that refuses the upgrade
            // gets each turn over HTTP SSE instead.
            return upstream.websocket(WireApi.RESPONSES.path(), grant.upstreamAuthorization(), maxFrame)
                    .handle((upIn, upOut) -> {
                        ex.mode("websocket>passthrough");
                        Mono<Void> up = upOut.sendString(texts, StandardCharsets.UTF_8).then();
                        Mono<Void> down = out.sendString(upIn.aggregateFrames(maxFrame).receiveFrames()
                                .filter(TextWebSocketFrame.class::isInstance)
                                .map(frame -> ex.redactor().redact(((TextWebSocketFrame) frame).text())), StandardCharsets.UTF_8).then();
                        return Flux.merge(up, down);
                    })
                    .then()
                    .onErrorResume(e -> isRefusedUpgrade(e), e -> {
                        log.debug("request {}: the upstream takes no WebSocket ({}); turns go over HTTP SSE", ex.id(), e.toString());
                        return terminate(ex, grant, texts, out);
                    });
        }, WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame).build());
    }

    /** The bridge ends the WebSocket and runs each turn over HTTP (translated over Chat, SSE over Responses). */
    private Mono<Void> terminate(Exchange ex, ClientAuth.Grant grant, Flux<String> texts, reactor.netty.http.websocket.WebsocketOutbound out) {
        Connection connection = new Connection(ex, grant);
        // One response at a time, in order: the next message waits for the previous response's end.
        return out.sendString(texts.concatMap(connection::handle, 1), StandardCharsets.UTF_8).then();
    }

    /** The upstream answered the upgrade with something other than 101 (it serves no WebSocket there). */
    private static boolean isRefusedUpgrade(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.netty.handler.codec.http.websocketx.WebSocketHandshakeException) {
                return true;
            }
        }
        return false;
    }

    /** One client connection: its cache of recent turns and its latest request. */
    private final class Connection {
        private final Exchange ex;
        private final ClientAuth.Grant grant;
        private final Map<String, Turns.Turn> cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Turns.Turn> eldest) {
                return size() > CACHED;
            }
        };
        private Map<String, Object> lastBody;
        private String lastId;

        Connection(Exchange ex, ClientAuth.Grant grant) {
            this.ex = ex;
            this.grant = grant;
        }

        Flux<String> handle(String text) {
            Map<String, Object> message;
            try {
                message = codec.readTree(text) instanceof Map<?, ?> m ? cast(m) : null;
            } catch (RuntimeException e) {
                message = null;
            }
            if (message == null) {
                return Flux.just(error(BridgeException.of(400, Errors.INVALID_REQUEST, null, "invalid_json",
                        "Each message must be a JSON object with a type.")));
            }
            Map<String, Object> body = new LinkedHashMap<>(message);
            Object type = body.remove("type");
            if ("response.append".equals(type)) {
                if (lastBody == null) {
                    return Flux.just(error(BridgeException.of(400, Errors.INVALID_REQUEST, "type", "no_response_to_append_to",
                            "response.append continues this connection's latest response; there is none yet.")));
                }
                Map<String, Object> continued = new LinkedHashMap<>(lastBody);
                continued.put("previous_response_id", lastId);
                continued.put("input", body.getOrDefault("input", List.of()));
                body = continued;
            } else if (!"response.create".equals(type)) {
                return Flux.just(error(BridgeException.of(400, Errors.INVALID_REQUEST, "type", "unknown_event_type",
                        "Unknown message type '" + type + "': send response.create or response.append.")));
            }
            if (Boolean.TRUE.equals(body.get("background"))) {
                return Flux.just(error(BridgeException.of(400, Errors.INVALID_REQUEST, "background", "unsupported_parameter",
                        "background is not supported over WebSocket.")));
            }
            body.put("stream", true);
            String previousId = body.get("previous_response_id") instanceof String s ? s : null;
            Map<String, Object> request = body;
            Flux<Batch> batches = Flux.defer(() -> config.upstreamApi() == WireApi.CHAT_COMPLETIONS ? overChat(request) : overResponses(request));
            boolean[] failed = {false};
            return batches
                    .concatMap(batch -> Flux.fromIterable(messages(batch, failed)))
                    .onErrorResume(t -> {
                        failed[0] = true;
                        return Flux.just(error(Errors.of(t, ex.id())));
                    })
                    .doOnComplete(() -> {
                        if (failed[0] && previousId != null) {
                            cache.remove(previousId);
                        }
                        if (!failed[0]) {
                            Map<String, Object> kept = new LinkedHashMap<>(request);
                            kept.remove("input");
                            kept.remove("previous_response_id");
                            lastBody = kept;
                        }
                    });
        }

        private Flux<Batch> overChat(Map<String, Object> body) {
            ResponsesRequest request = overChat.readRequest(codec.writeBytes(body));
            return overChat.prepare(ex, request, grant, cache::get).flatMapMany(turn -> overChat.batches(ex, turn, grant)
                    .doOnNext(batch -> {
                        if (batch.finished() != null) {
                            remember(batch.finished(), turn.context());
                        }
                    }));
        }

        private Flux<Batch> overResponses(Map<String, Object> body) {
            Map<String, Object> sent = new LinkedHashMap<>(body);
            String previousId = body.get("previous_response_id") instanceof String s ? s : null;
            List<ResponseItem> context = new ArrayList<>();
            Turns.Turn cached = previousId == null ? null : cache.get(previousId);
            if (cached != null) {
                // The upstream may keep nothing (store:false): the connection's own turn goes as input instead.
                context.addAll(cached.input());
                context.addAll(cached.response().output());
                sent.remove("previous_response_id");
            }
            ResponsesRequest own = overChat.readRequest(codec.writeBytes(body));
            context.addAll(ResponsesOverChat.inputItems(own));
            if (cached != null) {
                sent.put("input", codec.readTree(codec.write(ResponsesInput.of(context))));
            }
            Passing relay = new Passing(config.maxEventBytes(), response -> remember(response, context));
            return calls.stream(ex, WireApi.RESPONSES.path(), codec.writeBytes(sent), grant.upstreamAuthorization(), relay);
        }

        private void remember(Response response, List<ResponseItem> context) {
            cache.put(response.id(), new Turns.Turn(response, List.copyOf(context)));
            lastId = response.id();
        }

        /** A batch as WebSocket messages: each SSE event's data, or the failure as one {@code error} message. */
        private List<String> messages(Batch batch, boolean[] failed) {
            if (batch.failure() != null) {
                failed[0] = true;
                return List.of(error(batch.failure()));
            }
            if (batch.streamError() != null) {
                failed[0] = true;
            }
            List<String> out = new ArrayList<>();
            // Each message may carry upstream text: the request's redactor masks keys in it, as on the SSE path.
            SseParser parser = new SseParser(Integer.MAX_VALUE, e -> {
                if (!e.isDone()) {
                    out.add(new String(ex.redactor().redact(e.data().getBytes(StandardCharsets.UTF_8), true), StandardCharsets.UTF_8));
                }
            });
            byte[] frames = io.netty.buffer.ByteBufUtil.getBytes(batch.frames());
            parser.feed(frames, 0, frames.length);
            parser.finish();
            return out;
        }

        /**
         * An error before any event of a response, as the live WebSocket mode sends it: {@code type}, {@code status}
         * and the nested {@code error}; the spec's top-level {@code code}/{@code message}/{@code param} as well.
         */
        private String error(BridgeException e) {
            log.debug("request {}: websocket turn failed: {}", ex.id(), e.error().code());
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "error");
            event.put("status", e.status());
            event.put("code", e.error().code());
            event.put("message", e.error().message());
            event.put("param", e.error().param());
            event.put("error", codec.readTree(codec.write(e.error())));
            return codec.write(event);
        }
    }

    /**
     * A Responses upstream's SSE body, relayed as it is (WebSocket messages are its events), noting the completed
     * response for the connection's cache and whether the stream failed.
     */
    private final class Passing implements StreamRelay {
        private final SseParser parser;
        private final java.util.function.Consumer<Response> completed;
        private final java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
        private boolean sent;
        private BridgeException streamError;

        Passing(int maxEventBytes, java.util.function.Consumer<Response> completed) {
            this.completed = completed;
            this.parser = new SseParser(maxEventBytes, e -> {
                if (e.isDone()) {
                    return;
                }
                frames.writeBytes(LiveErrorEvents.frame(e.event(), e.data()));
                if (e.data().contains("\"response.completed\"") || e.data().contains("\"error\"") || e.data().contains("\"response.failed\"")) {
                    inspect(e.data());
                }
            });
        }

        private void inspect(String data) {
            if (!(codec.readTree(data) instanceof Map<?, ?> event)) {
                return;
            }
            Object type = event.get("type");
            if ("response.completed".equals(type)) {
                completed.accept(codec.read(codec.write(event.get("response")), Response.class));
            } else if ("error".equals(type) || "response.failed".equals(type)) {
                streamError = BridgeException.of(502, Errors.SERVER_ERROR, null, "upstream_stream_failed", "The upstream stream failed.");
            }
        }

        @Override
        public Batch onBytes(byte[] bytes) {
            parser.feed(bytes, 0, bytes.length);
            return drain(false);
        }

        @Override
        public Batch onEnd() {
            parser.finish();
            return drain(true);
        }

        @Override
        public Batch onError(Throwable error) {
            BridgeException e = Errors.upstreamTransport(error);
            BridgeException failure = e != null ? e : Errors.upstreamProtocol("an unreadable stream");
            return sent ? new Batch(io.netty.buffer.Unpooled.EMPTY_BUFFER, null, true, null, failure) : Batch.failure(failure);
        }

        private Batch drain(boolean end) {
            if (frames.size() == 0 && !end) {
                return Batch.EMPTY;
            }
            byte[] out = frames.toByteArray();
            frames.reset();
            sent |= out.length > 0;
            Batch batch = new Batch(io.netty.buffer.Unpooled.wrappedBuffer(out), null, end, null);
            return streamError != null ? batch.failedWith(streamError) : batch;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
