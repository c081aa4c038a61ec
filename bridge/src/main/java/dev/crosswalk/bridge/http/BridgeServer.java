package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.metrics.BridgeMetrics;
import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.bridge.store.ResponseStore;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The bridge's HTTP server: both OpenAI endpoints over one upstream that speaks one of them (issue 6). Runs on
 * Reactor Netty, so an open stream holds no thread while it waits for the upstream.
 *
 * <pre>{@code
 * BridgeConfig config = BridgeConfig.builder(URI.create("http://127.0.0.1:11434/v1"), WireApi.CHAT_COMPLETIONS).port(8080).build();
 * try (BridgeServer server = BridgeServer.start(config)) {
 *     // POST http://127.0.0.1:8080/v1/responses now works over the Chat-only upstream
 *     server.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST /v1/chat/completions}, {@code POST /v1/responses} (the one the upstream speaks passes through,
 * the other is translated), {@code GET|DELETE /v1/responses/{id}} and {@code GET /v1/responses/{id}/input_items}
 * (from the bridge's store over a Chat upstream, passed through to a Responses upstream), {@code GET /v1/models[/{id}]}
 * (passed through), {@code GET /health}; WebSocket mode on {@code /v1/responses} ({@link ResponsesWebSocket}, each
 * turn routed by its model) and {@code POST /v1/responses/compact} ({@link Compactions}; passed through to a Responses upstream).
 *
 * <p>With {@link BridgeConfig#routes()}, one bridge serves several upstreams: each create request goes where its
 * {@code model}'s route says (with fallbacks), {@code GET /v1/models} lists the routed models, and
 * {@link #reload(RoutesConfig, ClientKeys)} swaps the routes without cutting open streams. {@code GET /metrics} serves
 * Prometheus metrics (see {@link BridgeMetrics}).
 */
public final class BridgeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeServer.class);
    private static final Pattern RESPONSE = Pattern.compile("/v1/responses/([^/]+)");
    private static final Pattern INPUT_ITEMS = Pattern.compile("/v1/responses/([^/]+)/input_items");
    private static final Pattern MODEL = Pattern.compile("/v1/models(/[^/]+)?");

    private final BridgeConfig config;
    private final JsonCodec codec;
    private final Turns turns;
    private final AtomicReference<Routing> routing = new AtomicReference<>();
    private final Dispatcher dispatcher;
    private final ModelList models;
    private final BridgeMetrics metrics;
    /** Access lines leave the event loops here (see {@link AccessLog}). */
    private final AccessLog accessLog = new AccessLog(LoggerFactory.getLogger("dev.crosswalk.bridge.access"));
    private final StoredResponses stored;
    private final ResponsesWebSocket webSocket;
    private final ChannelGroup connections = new DefaultChannelGroup("crosswalk-bridge", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final InflightBudget inflight;
    private final ClientLimits limits = ClientLimits.create();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile java.util.function.Consumer<OutOfMemory.Stage> faults = OutOfMemory.NONE;
    private DisposableServer server;
    private DisposableServer metricsServer;

    private BridgeServer(BridgeConfig config) {
        this.config = config;
        this.inflight = new InflightBudget(config.maxInflightBytes());
        Translator translator = Crosswalk.translator(config.translator());
        this.codec = translator.options().codec();
        this.turns = new Turns(config.store(), codec, translator.options().ids(), translator.options().clock());
        this.routing.set(config.routes() == null ? Routing.single(config, config.clientKeys(), turns)
                : Routing.of(config, config.routes(), config.clientKeys(), turns));
        this.metrics = BridgeMetrics.create();
        ResponseStore store = config.store();
        if (store.usage().isPresent()) {
            metrics.storeSize(() -> store.usage().map(ResponseStore.Usage::entries).orElse(null),
                    () -> store.usage().map(ResponseStore.Usage::bytes).orElse(null));
        }
        this.dispatcher = new Dispatcher(config.maxBodyBytes(), metrics, limits);
        this.models = new ModelList(translator.options().clock().instant().getEpochSecond());
        this.stored = new StoredResponses(turns, codec);
        this.webSocket = new ResponsesWebSocket(codec, config.maxBodyBytes(), metrics, limits);
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws reactor.netty.ChannelBindException if the address is taken
     */
    public static BridgeServer start(BridgeConfig config) {
        BridgeServer bridge = new BridgeServer(config);
        byte[] overloaded = bridge.codec.writeBytes(OutOfMemory.error().error().toResponse());
        bridge.server = HttpServer.create()
                .host(config.host())
                .port(config.port())
                .channelGroup(bridge.connections)
                // An OutOfMemoryError in Reactor Netty's own decoding is answered too, not left to drop the connection.
                .doOnChannelInit((observer, channel, remote) -> DecodeGuard.install(channel.pipeline(), overloaded, () -> bridge.faults))
                // Idle keep-alive connections cost no thread, but they should not stay open forever.
                .idleTimeout(Duration.ofMinutes(2))
                .handle(bridge::handle)
                .bindNow();
        if (config.metricsPort() >= 0) {
            try {
                bridge.metricsServer = HttpServer.create().host(config.host()).port(config.metricsPort())
                        .route(r -> r.get("/metrics", (req, res) -> res.header("Content-Type", BridgeMetrics.contentType())
                                .sendString(Mono.fromCallable(bridge.metrics::scrape))))
                        .bindNow();
            } catch (RuntimeException e) {
                bridge.server.disposeNow();
                throw e;
            }
        }
        log.info("listening on {}:{}; {}; store: {}; client keys: {}; metrics: {}", config.host(), bridge.port(),
                config.routes() == null ? "upstream speaks " + config.upstreamApi().shortName()
                        : config.routes().upstreams().size() + " upstreams, " + config.routes().routes().size() + " routes",
                config.store().getClass().getSimpleName(),
                config.clientKeys() == null ? "none (client Authorization forwarded)" : config.clientKeys().size(),
                bridge.metricsServer == null ? "/metrics" : "/metrics on port " + bridge.metricsServer.port());
        return bridge;
    }

    /**
     * Replaces the routes and client keys. Requests already running (open streams included) finish on the old
     * upstreams, whose connections close once they are done; new requests take the new routes. What clients have used
     * of their limits (open streams, requests this minute) carries over.
     *
     * @param routes the new routes; {@code null} for a bridge started without routes (one upstream), whose client
     *        keys alone are replaced
     * @throws IllegalArgumentException if routes are given to a bridge started without them (or the reverse), or the
     *         new configuration is refused (the old one stays)
     */
    public void reload(RoutesConfig routes, ClientKeys clientKeys) {
        if ((config.routes() == null) != (routes == null)) {
            throw new IllegalArgumentException(config.routes() == null
                    ? "this bridge serves one upstream (no routes file): only its client keys can be reloaded"
                    : "this bridge serves routes: a reload needs them");
        }
        Routing next = routes == null ? Routing.single(config, clientKeys, turns) : Routing.of(config, routes, clientKeys, turns);
        Routing previous = routing.getAndSet(next);
        previous.release();
        log.info("reloaded: {}, client keys: {}", routes == null ? "one upstream"
                        : routes.upstreams().size() + " upstreams, " + routes.routes().size() + " routes",
                clientKeys == null ? "none" : clientKeys.size() + " (" + clientKeys.withOwnLimits() + " with limits of their own)");
    }

    /**
     * Test seam: {@code faults} runs at each {@link OutOfMemory.Stage} of every request from now on (a test throws an
     * {@link OutOfMemoryError} there to see it answered).
     */
    void faults(java.util.function.Consumer<OutOfMemory.Stage> faults) {
        this.faults = faults;
        turns.faults(faults);
    }

    /** The body bytes counted in the in-flight budget now (requests and upstream answers being held). */
    long inflightBytes() {
        return inflight.used();
    }

    /** The meters this bridge records (to add one's own, or read them in tests). */
    public BridgeMetrics metrics() {
        return metrics;
    }

    /** The port {@code GET /metrics} is served on: its own, or the bridge's. */
    public int metricsPort() {
        return metricsServer != null ? metricsServer.port() : port();
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** The address the server listens on. */
    public String host() {
        return config.host();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    /**
     * Graceful shutdown: stops accepting connections, lets open requests and streams finish for up to
     * {@link BridgeConfig#shutdownGrace()}, then closes what is left, the upstream pool and the store.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            log.info("shutting down; open requests get up to {}", config.shutdownGrace());
            try {
                server.disposeNow(config.shutdownGrace().isZero() ? Duration.ofMillis(1) : config.shutdownGrace());
            } catch (IllegalStateException timedOut) {
                log.warn("{} connections still open after {}; closing them", connections.size(), config.shutdownGrace());
                connections.close().awaitUninterruptibly(5_000);
            }
            if (metricsServer != null) {
                metricsServer.disposeNow(Duration.ofSeconds(1));
            }
            routing.get().close();
            config.store().close();
            metrics.close();
            accessLog.close();
        } finally {
            closed.countDown();
        }
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Routing current = acquireRouting();
        Exchange ex = new Exchange(request, response, codec, current.redactor());
        ex.metrics(metrics);
        ex.accessLog(accessLog);
        ex.budget(inflight);
        ex.faults(faults);
        return Mono.defer(() -> {
                    try {
                        return route(ex, current);
                    } catch (OutOfMemoryError e) {
                        return Mono.error(OutOfMemory.answer(ex.id(), null));
                    }
                })
                .onErrorResume(t -> ex.error(t))
                .doFinally(signal -> {
                    ex.releaseBudget();
                    ex.log(signal);
                    ex.record();
                    current.release();
                });
    }

    /** The current routing generation, held for one request (a reload may retire it meanwhile). */
    private Routing acquireRouting() {
        while (true) {
            Routing current = routing.get();
            if (current.acquire()) {
                return current;
            }
        }
    }

    private Mono<Void> route(Exchange ex, Routing routes) {
        if (ex.targetError() != null) {
            // Not one of the endpoints (a dot segment, an encoded slash, an unknown path or query parameter):
            // answered here, before any upstream call.
            return ex.error(ex.targetError());
        }
        String path = ex.path();
        HttpMethod method = ex.request().method();
        // Until a route below says otherwise, the bridge answers this request itself (404, 405, 401, health).
        ex.mode("bridge");
        if (path.equals("/health")) {
            ex.mode("health");
            return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                    ? ex.json(200, Map.of("status", "ok")) : ex.error(notAllowed(method, path));
        }
        if (path.equals("/metrics") && metricsServer == null) {
            return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                    ? ex.bytes(200, metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", BridgeMetrics.contentType()))
                    : ex.error(notAllowed(method, path));
        }
        if (!path.startsWith("/v1/")) {
            return ex.error(unknown(method, path));
        }
        ClientAuth.Grant grant = routes.auth().check(ex.request().requestHeaders());
        if (grant == null) {
            return ex.error(ClientAuth.refused());
        }
        ex.redactor(routes.redactor().and(grant.clientToken()));
        try {
            limits.admit(grant.owner(), grant.limits(routes.limits()));
        } catch (BridgeException limited) {
            metrics.limited("requests_per_minute");
            return ex.error(limited);
        }
        UpstreamHandlers main = routes.defaultUpstream();
        PassThrough passThrough = main.passThrough();
        ClientAuth.Grant mainGrant = grant.forUpstream(main.key());
        boolean chatUpstream = main.api() == WireApi.CHAT_COMPLETIONS;
        if (path.equals("/v1/chat/completions")) {
            if (!method.equals(HttpMethod.POST)) {
                return ex.error(notAllowed(method, path));
            }
            return dispatcher.create(ex, grant, WireApi.CHAT_COMPLETIONS, routes);
        }
        if (path.equals("/v1/responses") && method.equals(HttpMethod.GET)
                && "websocket".equalsIgnoreCase(ex.request().requestHeaders().get(io.netty.handler.codec.http.HttpHeaderNames.UPGRADE))) {
            // WebSocket mode: one upgrade, many responses, each routed by its model.
            return webSocket.serve(ex, grant, routes);
        }
        if (path.equals("/v1/responses/compact") && chatUpstream) {
            return method.equals(HttpMethod.POST) ? main.compact(ex, mainGrant) : ex.error(notAllowed(method, path));
        }
        if (path.equals("/v1/responses")) {
            if (!method.equals(HttpMethod.POST)) {
                return ex.error(notAllowed(method, path));
            }
            return dispatcher.create(ex, grant, WireApi.RESPONSES, routes);
        }
        Matcher model = MODEL.matcher(path);
        if (model.matches()) {
            if (!method.equals(HttpMethod.GET)) {
                return ex.error(notAllowed(method, path));
            }
            if (routes.single()) {
                return passThrough.forward(ex, mainGrant, false);
            }
            return model.group(1) == null ? models.list(ex, grant, routes) : models.get(ex, routes, model.group(1).substring(1));
        }
        Matcher items = INPUT_ITEMS.matcher(path);
        Matcher response = RESPONSE.matcher(path);
        if (path.startsWith("/v1/responses/") && !chatUpstream) {
            if (!routes.single() && !method.equals(HttpMethod.POST) && (items.matches() || response.matches())) {
                // With routes, the turns of Chat upstreams are in the bridge's store; any other id is the default upstream's.
                String id = items.matches() ? items.group(1) : response.group(1);
                return turns.findRaw(id, grant.owner()).flatMap(found -> found.isPresent()
                        ? fromStore(ex, grant, method, path, items, response) : passThrough.forward(ex, mainGrant, false));
            }
            // A Responses upstream keeps its own responses: retrieving, deleting, cancelling them is its business.
            return passThrough.forward(ex, mainGrant, method.equals(HttpMethod.POST));
        }
        if (items.matches() || response.matches()) {
            return fromStore(ex, grant, method, path, items, response);
        }
        return ex.error(unknown(method, path));
    }

    /** {@code GET}/{@code DELETE /v1/responses/{id}} and {@code GET .../input_items} from the bridge's store. */
    private Mono<Void> fromStore(Exchange ex, ClientAuth.Grant grant, HttpMethod method, String path, Matcher items, Matcher response) {
        if (items.matches()) {
            return method.equals(HttpMethod.GET) ? stored.inputItems(ex, grant, items.group(1)) : ex.error(notAllowed(method, path));
        }
        if (method.equals(HttpMethod.GET)) {
            return stored.get(ex, grant, response.group(1));
        }
        if (method.equals(HttpMethod.DELETE)) {
            return stored.delete(ex, grant, response.group(1));
        }
        return ex.error(notAllowed(method, path));
    }

    private static BridgeException unknown(HttpMethod method, String path) {
        return RequestTarget.unknown(method.name(), path);
    }

    private static BridgeException notAllowed(HttpMethod method, String path) {
        return BridgeException.of(405, Errors.INVALID_REQUEST, null, "method_not_allowed",
                "Method " + method.name() + " is not allowed on " + path + ".");
    }
}
