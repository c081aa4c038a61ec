package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.metrics.BridgeMetrics;
import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.sse.SseParser;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * WebSocket mode on {@code /v1/responses} (issue 11): the client sends {@code response.create} messages (a create body
 * with {@code "type":"response.create"}; {@code stream} is implicit) and receives the response's stream events, each
 * as one text message, one response after the other on the same connection.
 *
 * <ul>
 *   <li>Continuation: {@code previous_response_id} is looked up first in the connection's memory, which holds its
 *       most recent response only (as the live API's connection-local cache does) and works with
 *       {@code store:false}, then in the store.</li>
 *   <li>{@code response.append} ({@code {"type":"response.append","input":[...]}}) continues the connection's latest
 *       response with more input and the same settings (model, instructions, tools, ...).</li>
 *   <li>{@code generate:false} warms up: a response with no output, no model call, that the next turn continues.</li>
 *   <li>An unknown {@code previous_response_id} is an {@code error} message with {@code status} 400 and code
 *       {@code previous_response_not_found}; the connection stays open. A continuation that fails evicts the response
 *       it continued from the connection's memory (as the live API does), so a client must resend full context.</li>
 *   <li>Each turn goes where its {@code model}'s route says, with the route's fallbacks while nothing of the turn was
 *       sent ({@link WebSocketTurns} over each upstream). With a single Responses upstream that accepts WebSockets on
 *       its {@code /responses}, the connection is passed through instead (messages both ways as they are; keys
 *       masked in what comes back); one that refuses the upgrade gets each turn on its HTTP SSE endpoint.</li>
 * </ul>
 * Authentication is that of the upgrade request, checked exactly as on HTTP before the upgrade. The connection keeps
 * the routes it started with until it closes.
 */
final class ResponsesWebSocket {
    private static final Logger log = LoggerFactory.getLogger(ResponsesWebSocket.class);

    private final JsonCodec codec;
    private final long maxBodyBytes;
    private final BridgeMetrics metrics;
    private final ClientLimits limits;

    ResponsesWebSocket(JsonCodec codec, long maxBodyBytes, BridgeMetrics metrics, ClientLimits limits) {
        this.codec = codec;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.limits = limits;
    }

    Mono<Void> serve(Exchange ex, ClientAuth.Grant grant, Routing routing) {
        UpstreamHandlers main = routing.defaultUpstream();
        boolean passThrough = routing.single() && main.api() == WireApi.RESPONSES;
        ex.mode(!routing.single() ? "websocket>routed" : passThrough ? "websocket>responses" : "websocket>chat");
        int maxFrame = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
        // sendWebsocket completes once the upgrade is done; the request (its access log line, the routes it holds)
        // lasts until the connection closes.
        Sinks.Empty<Void> closed = Sinks.empty();
        return ex.response().sendWebsocket((in, out) -> connection(ex, grant, routing, main, passThrough, maxFrame, in, out)
                        .doFinally(signal -> closed.tryEmitEmpty()),
                WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame).build())
                .then(closed.asMono());
    }

    /** One upgraded connection: passed through to a WebSocket upstream, or ended here. */
    private Mono<Void> connection(Exchange ex, ClientAuth.Grant grant, Routing routing, UpstreamHandlers main, boolean passThrough,
            int maxFrame, reactor.netty.http.websocket.WebsocketInbound in, WebsocketOutbound out) {
        Flux<String> texts = in.aggregateFrames(maxFrame).receiveFrames()
                .filter(TextWebSocketFrame.class::isInstance)
                .map(frame -> ((TextWebSocketFrame) frame).text());
        if (!passThrough) {
            return terminate(ex, grant, routing, texts, out);
        }
        // A Responses upstream that takes WebSockets gets the connection as it is; one that refuses the upgrade
        // gets each turn over HTTP SSE instead.
        PassedTurns turns = new PassedTurns(ex);
        // The client's messages are read by a subscription that outlives the upstream's connection: Reactor Netty
        // cancels the upstream connection's handler when that socket closes, and cancelling the client's inbound
        // would drop the client's connection before the end of its open turn is sent.
        Flux<String> fromClient = texts.doOnTerminate(turns::clientDone).publish(1).autoConnect();
        AtomicBoolean upgraded = new AtomicBoolean();
        Sinks.Empty<Void> ended = Sinks.empty();
        return main.upstream().websocket(WireApi.RESPONSES.path(), grant.forUpstream(main.key()).upstreamAuthorization(), maxFrame)
                .handle((upIn, upOut) -> {
                    ex.mode("websocket>passthrough");
                    upgraded.set(true);
                    // Whichever side closes first, the other is closed too (and the request ends). The send to the
                    // upstream also ends when the upstream's socket closes: only the client's end ends the connection
                    // from this side (else the events that end an open turn could be cut off).
                    Mono<Void> up = upOut.sendString(fromClient, StandardCharsets.UTF_8).then()
                            .onErrorResume(e -> turns.clientGone() ? Mono.<Void>error(e) : Mono.<Void>never())
                            .then(Mono.defer(() -> turns.clientGone() ? upOut.sendClose() : Mono.<Void>never()));
                    Flux<String> messages = upIn.aggregateFrames(maxFrame).receiveFrames()
                            .filter(TextWebSocketFrame.class::isInstance)
                            .concatMapIterable(frame -> turns.relay(((TextWebSocketFrame) frame).text()))
                            .onErrorResume(e -> {
                                turns.upstreamBroke(e);
                                return Flux.empty();
                            });
                    Mono<Void> down = out.sendString(messages.map(text -> redacted(ex, text)), StandardCharsets.UTF_8).then();
                    // This handler is cancelled when the upstream's socket closes, and with it any send still under
                    // way: the end of the connection (an open turn ended with error + response.failed, then the
                    // client's close) is therefore sent on a subscription of its own, which the connection waits for.
                    return Mono.firstWithSignal(up, down)
                            .doFinally(signal -> out.sendString(Flux.fromIterable(turns.lost()).map(text -> redacted(ex, text)),
                                            StandardCharsets.UTF_8).then()
                                    .then(Mono.defer(() -> turns.cut() ? out.sendClose(1011, "upstream connection lost")
                                            : out.sendClose()))
                                    .doFinally(s -> ended.tryEmitEmpty())
                                    .subscribe(null, e -> log.debug("request {}: closing the client's WebSocket: {}", ex.id(), e.toString())));
                })
                .then()
                .onErrorResume(e -> !upgraded.get() && isRefusedUpgrade(e), e -> {
                    log.debug("request {}: the upstream takes no WebSocket ({}); turns go over HTTP SSE", ex.id(), e.toString());
                    return terminate(ex, grant, routing, fromClient, out);
                })
                .onErrorResume(e -> upgraded.get(), e -> {
                    log.debug("request {}: the upstream WebSocket ended with {}", ex.id(), e.toString());
                    return Mono.empty();
                })
                // The connection lasts until its end was sent (the events that end an open turn, then the close).
                .then(Mono.defer(() -> upgraded.get() ? ended.asMono() : Mono.<Void>empty()));
    }

    /**
     * The upstream's messages on a passed-through connection, as they came (an {@code error} inside a turn completed
     * to both shapes, as on every other path), each turn the upstream breaks ended by the bridge ({@link OpenTurn}):
     * an {@code error} inside a turn ends it at once with {@code response.failed} (on a WebSocket nothing else would
     * tell the client the turn is over), and what the upstream still sends of that turn is dropped up to the next
     * {@code response.created} or refusal; a socket that goes away mid-turn ends it too.
     */
    private final class PassedTurns {
        private final Exchange ex;
        private final OpenTurn turn = new OpenTurn(codec);
        /** The bridge ended the current turn: the upstream's rest of it is dropped. */
        private boolean endedHere;
        private volatile boolean clientGone;
        private Throwable broke;
        private boolean ended;
        private boolean cut;

        PassedTurns(Exchange ex) {
            this.ex = ex;
        }

        synchronized List<String> relay(String text) {
            if (endedHere) {
                if (!startsOrRefuses(text)) {
                    log.debug("request {}: dropped an upstream message of a turn the bridge already ended", ex.id());
                    return List.of();
                }
                endedHere = false;
            }
            boolean inTurn = turn.open();
            String data = inTurn ? LiveErrorEvents.inBothShapes(codec, text) : text;
            turn.note(data);
            if (!inTurn || !turn.lastWasError()) {
                return List.of(data);
            }
            endedHere = true;
            List<String> out = new ArrayList<>(List.of(data));
            turn.fail(turn.failure()).forEach(event -> out.add(codec.write(event)));
            return out;
        }

        /** The client's messages ended (it closed or went away): an open turn then has nobody to be ended for. */
        void clientDone() {
            clientGone = true;
        }

        boolean clientGone() {
            return clientGone;
        }

        /** The upstream's messages broke (its socket reset, or a message that cannot be read) instead of ending. */
        synchronized void upstreamBroke(Throwable error) {
            broke = error;
        }

        /**
         * The connection is ending: the open turn, if any, ends as failed (the upstream's socket went away mid-turn),
         * and the client's connection is then closed with 1011. Once: later calls return nothing.
         */
        synchronized List<String> lost() {
            if (ended) {
                return List.of();
            }
            ended = true;
            Throwable error = broke;
            cut = !clientGone && (error != null || turn.open());
            if (clientGone || !turn.open()) {
                return List.of();
            }
            BridgeException transport = error == null ? null : Errors.upstreamTransport(error);
            BridgeException why = transport != null ? transport
                    : error != null && !connectionLost(error) ? Errors.upstreamProtocol("an unreadable message")
                    : BridgeException.of(502, Errors.SERVER_ERROR, null, "upstream_closed",
                            "The upstream closed its WebSocket before the response ended.");
            log.debug("request {}: upstream WebSocket ended mid-response ({})", ex.id(), why.error().code());
            List<String> out = new ArrayList<>();
            turn.fail(why).forEach(event -> out.add(codec.write(event)));
            ex.streamFailed(why);
            return out;
        }

        private static boolean connectionLost(Throwable error) {
            for (Throwable c = error; c != null; c = c.getCause()) {
                if (c instanceof java.io.IOException || c instanceof reactor.netty.channel.AbortedException) {
                    return true;
                }
            }
            return false;
        }

        /** The upstream socket went away mid-turn or broke: the client's is closed with 1011, not a normal close. */
        synchronized boolean cut() {
            return cut;
        }

        /** The message starts a response or refuses one before it started ({@code error} with a {@code status}). */
        private boolean startsOrRefuses(String text) {
            return (text.contains("\"response.created\"") || text.contains("\"status\""))
                    && codec.readTree(text) instanceof Map<?, ?> m
                    && ("response.created".equals(m.get("type")) || "error".equals(m.get("type")) && m.containsKey("status"));
        }
    }

    private static String redacted(Exchange ex, String text) {
        return new String(ex.redactor().redact(text.getBytes(StandardCharsets.UTF_8), true), StandardCharsets.UTF_8);
    }

    /** The bridge ends the WebSocket and runs each turn over HTTP (translated over Chat, SSE over Responses). */
    private Mono<Void> terminate(Exchange ex, ClientAuth.Grant grant, Routing routing, Flux<String> texts, WebsocketOutbound out) {
        Connection connection = new Connection(ex, grant, routing);
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

    /**
     * A connection's memory: its most recent response and the context it saw. The live API keeps exactly this one
     * ("connection-local cache" of the WebSocket mode guide): an older id of the connection is found only if stored.
     */
    static final class Latest {
        private String id;
        private Turns.Turn turn;

        synchronized Turns.Turn find(String responseId) {
            return responseId.equals(id) ? turn : null;
        }

        /** {@code stored}: the bridge's store holds the response (a continuation may then store a reference to it). */
        synchronized void remember(Response response, List<ResponseItem> context, boolean stored) {
            id = response.id();
            turn = new Turns.Turn(response, List.copyOf(context), stored);
        }

        /** Drops the response if it is the one held (a continuation of it failed). */
        synchronized void forget(String responseId) {
            if (responseId.equals(id)) {
                id = null;
                turn = null;
            }
        }

        synchronized String id() {
            return id;
        }
    }

    /** One client connection: its memory, its latest request's settings, the routes it was opened with. */
    private final class Connection {
        private final Exchange ex;
        private final ClientAuth.Grant grant;
        private final Routing routing;
        private final Latest latest = new Latest();
        private volatile Map<String, Object> lastBody;
        /** Turns started: the upgrade was admitted as the first one. */
        private int turns;

        Connection(Exchange ex, ClientAuth.Grant grant, Routing routing) {
            this.ex = ex;
            this.grant = grant;
            this.routing = routing;
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
                String lastId = latest.id();
                if (lastBody == null || lastId == null) {
                    return Flux.just(error(BridgeException.of(400, Errors.INVALID_REQUEST, "type", "no_response_to_append_to",
                            "response.append continues this connection's latest response; there is none.")));
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
            boolean[] failed = {false};
            Runnable[] streamEnded = {() -> { }};
            long[] mark = {-1};
            return Flux.defer(() -> {
                        // The turn's bodies (its message, an upstream error body) count in the in-flight budget while
                        // it runs, as an HTTP request's do, and are given back when it ends: the connection stays.
                        mark[0] = ex.held();
                        if (!ex.hold(Math.max(1, text.length()))) {
                            throw InflightBudget.overloaded();
                        }
                        // Per-key limits hold per turn, as for HTTP requests (the upgrade counted as the first).
                        String limit = "requests_per_minute";
                        RoutesConfig.Limits applied = grant.limits(routing.limits());
                        try {
                            if (turns++ > 0) {
                                limits.admit(grant.owner(), applied);
                            }
                            limit = "concurrent_streams";
                            streamEnded[0] = limits.openStream(grant.owner(), applied);
                        } catch (BridgeException limited) {
                            metrics.limited(limit);
                            throw limited;
                        }
                        return dispatch(request);
                    })
                    .doFinally(signal -> {
                        streamEnded[0].run();
                        if (mark[0] >= 0) {
                            ex.releaseTo(mark[0]);
                        }
                    })
                    .concatMap(batch -> Flux.fromIterable(messages(batch, failed)))
                    .onErrorResume(t -> {
                        failed[0] = true;
                        return Flux.just(error(t instanceof Fallback f ? f.failure() : Errors.of(t, ex.id())));
                    })
                    .doOnComplete(() -> {
                        if (failed[0] && previousId != null) {
                            latest.forget(previousId);
                        }
                        if (!failed[0]) {
                            Map<String, Object> kept = new LinkedHashMap<>(request);
                            kept.remove("input");
                            kept.remove("previous_response_id");
                            kept.remove("generate");
                            lastBody = kept;
                        }
                    });
        }

        /** The turn over the upstream its model routes to (the only one without routes). */
        private Flux<Batch> dispatch(Map<String, Object> request) {
            String model = request.get("model") instanceof String s ? s : null;
            ex.model(model);
            if (routing.single()) {
                UpstreamHandlers only = routing.defaultUpstream();
                ex.route("*");
                ex.beginAttempt(only.name(), Dispatcher.protocol(WireApi.RESPONSES, only.api()), false);
                return only.webSocketTurns().turn(ex, grant.forUpstream(only.key()), request, latest);
            }
            RoutesConfig.Route route = routing.table().find(model);
            if (route == null) {
                return Flux.error(Dispatcher.modelNotFound(model));
            }
            ex.route(route.model());
            return attempt(route, 0, request);
        }

        /**
         * The route's target {@code index}; a retryable failure (429, 5xx, a broken connection) before the turn's
         * first event moves to the next target, as over HTTP.
         */
        private Flux<Batch> attempt(RoutesConfig.Route route, int index, Map<String, Object> request) {
            RoutesConfig.Target target = route.targets().get(index);
            UpstreamHandlers upstream = routing.upstream(target.upstream());
            boolean more = index + 1 < route.targets().size();
            Map<String, Object> sent = request;
            if (target.model() != null) {
                sent = new LinkedHashMap<>(request);
                sent.put("model", target.model());
            }
            ex.beginAttempt(upstream.name(), Dispatcher.protocol(WireApi.RESPONSES, upstream.api()), more);
            if (target.model() != null && request.get("model") instanceof String asked && !target.model().equals(asked)) {
                // The route renamed the client's model: its events say the name it asked for (as over HTTP).
                ex.alias(asked);
            }
            Flux<Batch> batches = upstream.webSocketTurns().turn(ex, grant.forUpstream(upstream.key()), sent, latest);
            if (!more) {
                return batches;
            }
            return batches.switchOnFirst((first, flux) -> {
                String kind = first.hasValue() && first.get().failure() != null && Fallback.retryable(first.get().failure())
                        ? Fallback.retryKind(new Fallback(first.get().failure()))
                        : first.isOnError() ? Fallback.retryKind(first.getThrowable()) : null;
                if (kind == null) {
                    return flux;
                }
                String next = route.targets().get(index + 1).upstream();
                ex.attemptFailed(kind);
                metrics.upstreamError(upstream.name(), kind);
                metrics.fallback(route.model(), upstream.name(), next);
                log.info("request {}: websocket turn on upstream {} failed ({}) before its first event; trying {}", ex.id(),
                        upstream.name(), kind, next);
                return attempt(route, index + 1, request);
            });
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
            String alias = ex.alias();
            // Each message may carry upstream text: the request's redactor masks keys in it, as on the SSE path.
            SseParser parser = new SseParser(Integer.MAX_VALUE, e -> {
                if (!e.isDone()) {
                    byte[] data = e.data().getBytes(StandardCharsets.UTF_8);
                    if (alias != null) {
                        data = ModelRewrite.of(alias, false).feed(data);
                    }
                    out.add(new String(ex.redactor().redact(data, true), StandardCharsets.UTF_8));
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
