package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * (passed through) and {@code GET /health}.
 */
public final class BridgeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeServer.class);
    private static final Pattern RESPONSE = Pattern.compile("/v1/responses/([^/]+)");
    private static final Pattern INPUT_ITEMS = Pattern.compile("/v1/responses/([^/]+)/input_items");
    private static final Pattern MODEL = Pattern.compile("/v1/models(/[^/]+)?");

    private final BridgeConfig config;
    private final JsonCodec codec;
    private final ClientAuth auth;
    private final Redactor redactor;
    private final Upstream upstream;
    private final PassThrough passThrough;
    private final ResponsesOverChat responses;
    private final ChatOverResponses chat;
    private final StoredResponses stored;
    private final ChannelGroup connections = new DefaultChannelGroup("crosswalk-bridge", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private DisposableServer server;

    private BridgeServer(BridgeConfig config) {
        this.config = config;
        Translator translator = Crosswalk.translator(config.translator());
        this.codec = translator.options().codec();
        this.auth = new ClientAuth(config.upstreamKey(), config.clientKeys());
        List<String> secrets = new ArrayList<>();
        if (config.upstreamKey() != null) {
            secrets.add(config.upstreamKey().reveal());
        }
        this.redactor = Redactor.of(secrets);
        this.upstream = new Upstream(config);
        UpstreamCalls calls = new UpstreamCalls(upstream, codec, config.maxUpstreamBodyBytes());
        Turns turns = new Turns(config.store(), codec, translator.options().ids(), translator.options().clock());
        this.passThrough = new PassThrough(upstream, config.maxBodyBytes());
        this.responses = new ResponsesOverChat(config, translator, calls, turns);
        this.chat = new ChatOverResponses(config, translator, calls);
        this.stored = new StoredResponses(turns, codec);
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws reactor.netty.ChannelBindException if the address is taken
     */
    public static BridgeServer start(BridgeConfig config) {
        BridgeServer bridge = new BridgeServer(config);
        bridge.server = HttpServer.create()
                .host(config.host())
                .port(config.port())
                .channelGroup(bridge.connections)
                // Idle keep-alive connections cost no thread, but they should not stay open forever.
                .idleTimeout(Duration.ofMinutes(2))
                .handle(bridge::handle)
                .bindNow();
        log.info("listening on {}:{}; upstream speaks {}; store: {}; client keys: {}", config.host(), bridge.port(),
                config.upstreamApi().shortName(), config.store().getClass().getSimpleName(),
                config.clientKeys() == null ? "none (client Authorization forwarded)" : config.clientKeys().size());
        return bridge;
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
            upstream.close();
            config.store().close();
        } finally {
            closed.countDown();
        }
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Exchange ex = new Exchange(request, response, codec, redactor);
        return Mono.defer(() -> route(ex))
                .onErrorResume(t -> ex.error(t))
                .doFinally(ex::log);
    }

    private Mono<Void> route(Exchange ex) {
        String path = ex.path();
        HttpMethod method = ex.request().method();
        if (path.equals("/health")) {
            return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                    ? ex.json(200, Map.of("status", "ok")) : ex.error(notAllowed(method, path));
        }
        if (!path.startsWith("/v1/")) {
            return ex.error(unknown(method, path));
        }
        ClientAuth.Grant grant = auth.check(ex.request().requestHeaders());
        if (grant == null) {
            return ex.error(ClientAuth.refused());
        }
        ex.redactor(redactor.and(grant.clientToken()));
        boolean chatUpstream = config.upstreamApi() == WireApi.CHAT_COMPLETIONS;
        if (path.equals("/v1/chat/completions")) {
            if (!method.equals(HttpMethod.POST)) {
                return ex.error(notAllowed(method, path));
            }
            return chatUpstream ? passThrough.forward(ex, grant, true) : chat.create(ex, grant);
        }
        if (path.equals("/v1/responses")) {
            if (!method.equals(HttpMethod.POST)) {
                return ex.error(notAllowed(method, path));
            }
            return chatUpstream ? responses.create(ex, grant) : passThrough.forward(ex, grant, true);
        }
        if (MODEL.matcher(path).matches()) {
            return method.equals(HttpMethod.GET) ? passThrough.forward(ex, grant, false) : ex.error(notAllowed(method, path));
        }
        if (path.startsWith("/v1/responses/") && !chatUpstream) {
            // A Responses upstream keeps its own responses: retrieving, deleting, cancelling them is its business.
            return passThrough.forward(ex, grant, method.equals(HttpMethod.POST));
        }
        Matcher items = INPUT_ITEMS.matcher(path);
        Matcher response = RESPONSE.matcher(path);
        if (items.matches() || response.matches()) {
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
        return ex.error(unknown(method, path));
    }

    private static BridgeException unknown(HttpMethod method, String path) {
        return BridgeException.of(404, Errors.INVALID_REQUEST, null, "unknown_url",
                "Unknown request URL: " + method.name() + " " + path + ". This bridge serves /v1/chat/completions, /v1/responses, /v1/models and /health.");
    }

    private static BridgeException notAllowed(HttpMethod method, String path) {
        return BridgeException.of(405, Errors.INVALID_REQUEST, null, "method_not_allowed",
                "Method " + method.name() + " is not allowed on " + path + ".");
    }
}
