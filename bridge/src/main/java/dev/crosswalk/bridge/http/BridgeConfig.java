package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.bridge.store.InMemoryResponseStore;
import dev.crosswalk.bridge.store.ResponseStore;
import dev.crosswalk.translator.TranslatorOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link BridgeServer} needs. Build it with {@link #builder(URI, WireApi)}; every other setting has a default.
 *
 * <pre>{@code
 * BridgeConfig config = BridgeConfig.builder(URI.create("https://api.deepseek.com/v1"), WireApi.CHAT_COMPLETIONS)
 *         .port(8080)
 *         .upstreamKey(Secret.of(System.getenv("DEEPSEEK_API_KEY")))
 *         .clientKeys(ClientKeys.load(Path.of("client-keys.txt")))
 *         .build();
 * }</pre>
 *
 * @param upstream the upstream's API base, as an OpenAI SDK's base URL ({@code https://host/v1})
 * @param upstreamApi the protocol the upstream speaks
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param upstreamKey the bridge's own upstream key, or {@code null} to forward each client's {@code Authorization}
 * @param clientKeys the keys clients must present, or {@code null} to accept any client (only without an upstream key)
 * @param store where Responses turns are kept for {@code previous_response_id} over a Chat upstream
 * @param maxBodyBytes the largest request body accepted (413 above)
 * @param maxEventBytes the largest single SSE event accepted from the upstream
 * @param maxUpstreamBodyBytes the largest non-streaming upstream body read
 * @param upstreamTimeout the longest the upstream may stay silent (no byte read) while a request is open
 * @param connectTimeout the longest a connection to the upstream may take to open
 * @param shutdownGrace how long open requests and streams may take to finish on shutdown
 * @param upstreamMaxConnections the size of the upstream connection pool
 * @param translator how requests, responses and streams are translated (with routes: the defaults each upstream's
 *        translation options apply over)
 * @param routes several upstreams chosen by the client's {@code model} ({@code null}: everything goes to
 *        {@code upstream}); with routes, {@code upstream} and {@code upstreamApi} name the default upstream and
 *        {@code upstreamKey} is unused (each upstream has its own key)
 * @param metricsPort the port of a separate listener for {@code GET /metrics}, or -1 to serve it on {@code port}
 * @param maxInflightBytes the request-body bytes held at once across all requests (503 with Retry-After beyond)
 * @param compactionPrompt the instruction with which the upstream model summarises a conversation for
 *        {@code POST /v1/responses/compact} over a Chat upstream, or {@code null} for the built-in one
 *        (see docs/responses-api.md)
 */
public record BridgeConfig(
        URI upstream,
        WireApi upstreamApi,
        String host,
        int port,
        Secret upstreamKey,
        ClientKeys clientKeys,
        ResponseStore store,
        long maxBodyBytes,
        int maxEventBytes,
        long maxUpstreamBodyBytes,
        Duration upstreamTimeout,
        Duration connectTimeout,
        Duration shutdownGrace,
        int upstreamMaxConnections,
        TranslatorOptions translator,
        RoutesConfig routes,
        int metricsPort,
        long maxInflightBytes,
        String compactionPrompt) {

    public BridgeConfig {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(upstreamApi, "upstreamApi");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(translator, "translator");
        String scheme = upstream.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("the upstream must be an http:// or https:// URL");
        }
        if (upstream.getUserInfo() != null) {
            throw new IllegalArgumentException("the upstream URL must not carry credentials; use --upstream-key-env");
        }
        if (routes != null && routes.holdsKeys() && clientKeys == null) {
            throw new IllegalArgumentException("the routes give the bridge its own upstream keys: client keys are required (--client-keys-file), or it would be an open relay");
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metrics port out of range: " + metricsPort);
        }
        if (upstreamKey != null && clientKeys == null) {
            // Holding a key and accepting anyone would make the bridge an open relay for that key.
            throw new IllegalArgumentException("a bridge that holds its own upstream key must require client keys (--client-keys-file): it would be an open relay");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxInflightBytes", maxInflightBytes);
        positive("maxEventBytes", maxEventBytes);
        positive("maxUpstreamBodyBytes", maxUpstreamBodyBytes);
        positive("upstreamMaxConnections", upstreamMaxConnections);
        positive("upstreamTimeout", upstreamTimeout);
        positive("connectTimeout", connectTimeout);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
    }

    /** A builder with the defaults: 127.0.0.1:8080, memory store, 16 MiB bodies, 10 minutes of upstream silence. */
    public static Builder builder(URI upstream, WireApi upstreamApi) {
        return new Builder(upstream, upstreamApi);
    }

    /**
     * A builder for several upstreams: the routes' default upstream (the {@code "*"} route's, else the first) serves
     * what names no model.
     */
    public static Builder builder(RoutesConfig routes) {
        RoutesConfig.Upstream first = routes.defaultUpstream();
        return new Builder(first.url(), first.api()).routes(routes);
    }

    /** This configuration for one of the routes' upstreams: its URL, protocol and translation, the same limits. */
    BridgeConfig forUpstream(URI url, WireApi api, TranslatorOptions options) {
        return new BridgeConfig(url, api, host, port, null, clientKeys, store, maxBodyBytes, maxEventBytes,
                maxUpstreamBodyBytes, upstreamTimeout, connectTimeout, shutdownGrace, upstreamMaxConnections, options, null, metricsPort,
                maxInflightBytes, compactionPrompt);
    }

    /** The upstream base without a trailing slash, to which {@code /chat/completions} etc. are appended. */
    public String upstreamBase() {
        String base = upstream.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Builds a {@link BridgeConfig}. */
    public static final class Builder {
        /** 16 MiB: room for a long conversation with a few inline images. */
        public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
        /** 64 MiB. */
        public static final long DEFAULT_MAX_UPSTREAM_BODY_BYTES = 64L * 1024 * 1024;

        private final URI upstream;
        private final WireApi upstreamApi;
        private String host = "127.0.0.1";
        private int port = 8080;
        private Secret upstreamKey;
        private ClientKeys clientKeys;
        private ResponseStore store;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private long maxInflightBytes = Runtime.getRuntime().maxMemory() / 16;
        private int maxEventBytes = 8 * 1024 * 1024;
        private long maxUpstreamBodyBytes = DEFAULT_MAX_UPSTREAM_BODY_BYTES;
        private Duration upstreamTimeout = Duration.ofMinutes(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private String compactionPrompt;
        private int upstreamMaxConnections = 512;
        private TranslatorOptions translator;
        private RoutesConfig routes;
        private int metricsPort = -1;

        private Builder(URI upstream, WireApi upstreamApi) {
            this.upstream = upstream;
            this.upstreamApi = upstreamApi;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder upstreamKey(Secret upstreamKey) {
            this.upstreamKey = upstreamKey;
            return this;
        }

        public Builder clientKeys(ClientKeys clientKeys) {
            this.clientKeys = clientKeys;
            return this;
        }

        public Builder store(ResponseStore store) {
            this.store = store;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder maxEventBytes(int maxEventBytes) {
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        public Builder maxUpstreamBodyBytes(long maxUpstreamBodyBytes) {
            this.maxUpstreamBodyBytes = maxUpstreamBodyBytes;
            return this;
        }

        public Builder upstreamTimeout(Duration upstreamTimeout) {
            this.upstreamTimeout = upstreamTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        public Builder upstreamMaxConnections(int upstreamMaxConnections) {
            this.upstreamMaxConnections = upstreamMaxConnections;
            return this;
        }

        public Builder translator(TranslatorOptions translator) {
            this.translator = translator;
            return this;
        }

        /** The summarising instruction for {@code /v1/responses/compact} over a Chat upstream ({@code null}: built in). */
        public Builder compactionPrompt(String compactionPrompt) {
            this.compactionPrompt = compactionPrompt;
            return this;
        }

        /** Several upstreams by model; see {@link BridgeConfig#builder(RoutesConfig)}. */
        public Builder routes(RoutesConfig routes) {
            this.routes = routes;
            return this;
        }

        /**
         * The request-body bytes held at once across all requests (503 with Retry-After beyond it); default: a sixteenth
         * of the maximum heap, since translating a body takes several times its size.
         */
        public Builder maxInflightBytes(long maxInflightBytes) {
            this.maxInflightBytes = maxInflightBytes;
            return this;
        }

        /** Serves {@code GET /metrics} on its own port instead of the bridge's (-1, the default). */
        public Builder metricsPort(int metricsPort) {
            this.metricsPort = metricsPort;
            return this;
        }

        public BridgeConfig build() {
            return new BridgeConfig(upstream, upstreamApi, host, port, upstreamKey, clientKeys,
                    store != null ? store : new InMemoryResponseStore(10_000, Duration.ofHours(24), Clock.systemUTC()),
                    maxBodyBytes, maxEventBytes, maxUpstreamBodyBytes, upstreamTimeout, connectTimeout, shutdownGrace,
                    upstreamMaxConnections,
                    translator != null ? translator : TranslatorOptions.defaults(), routes, metricsPort, maxInflightBytes, compactionPrompt);
        }
    }
}
