package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.route.RouteTable;
import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.translator.error.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One generation of the bridge's routing: the upstreams with their pools and handlers, the route table, who may call
 * and how often. A reload builds a new generation and retires the old one, whose pools close once the last request
 * that started on it has finished — open streams are never cut by a reload.
 */
final class Routing {
    private final RoutesConfig routes;
    private final RouteTable table;
    private final Map<String, UpstreamHandlers> upstreams;
    private final UpstreamHandlers defaultUpstream;
    private final ClientAuth auth;
    private final RoutesConfig.Limits limits;
    private final Redactor redactor;
    /** Requests using this generation, plus one while it is the current one. */
    private final AtomicInteger users = new AtomicInteger(1);

    private Routing(RoutesConfig routes, Map<String, UpstreamHandlers> upstreams, UpstreamHandlers defaultUpstream,
            ClientAuth auth, RoutesConfig.Limits limits, List<String> secrets) {
        this.routes = routes;
        this.table = routes == null ? null : new RouteTable(routes.routes());
        this.upstreams = upstreams;
        this.defaultUpstream = defaultUpstream;
        this.auth = auth;
        this.limits = limits;
        this.redactor = Redactor.of(secrets);
    }

    /**
     * The single upstream of {@code config} (no routes file): everything goes there, as before routes existed.
     *
     * @param clientKeys who may call (a reload may change them), or {@code null} for anyone
     */
    static Routing single(BridgeConfig config, ClientKeys clientKeys, Turns turns) {
        UpstreamHandlers only = new UpstreamHandlers("default", config, config.upstreamKey(), turns);
        List<String> secrets = new ArrayList<>();
        if (config.upstreamKey() != null) {
            secrets.add(config.upstreamKey().reveal());
        }
        if (config.upstreamKey() != null && clientKeys == null) {
            throw new IllegalArgumentException("the bridge holds its own upstream key: client keys are required, or it would be an open relay");
        }
        return new Routing(null, Map.of(only.name(), only), only, new ClientAuth(config.upstreamKey(), clientKeys),
                RoutesConfig.Limits.NONE, secrets);
    }

    /** The upstreams and routes of a routes file, over the bridge's other settings. */
    static Routing of(BridgeConfig config, RoutesConfig routes, ClientKeys clientKeys, Turns turns) {
        if (routes.holdsKeys() && clientKeys == null) {
            throw new IllegalArgumentException("the routes give the bridge its own upstream keys: client keys are required (--client-keys-file), or it would be an open relay");
        }
        Map<String, UpstreamHandlers> upstreams = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        for (RoutesConfig.Upstream u : routes.upstreams()) {
            BridgeConfig own = config.forUpstream(u.url(), u.api(), u.translation().apply(config.translator().toBuilder()).build());
            upstreams.put(u.name(), new UpstreamHandlers(u.name(), own, u.key(), turns));
            if (u.key() != null) {
                secrets.add(u.key().reveal());
            }
        }
        return new Routing(routes, upstreams, upstreams.get(routes.defaultUpstream().name()), new ClientAuth(null, clientKeys),
                routes.limits(), secrets);
    }

    /** Whether this is the single-upstream form (no routes: no model is read to route). */
    boolean single() {
        return routes == null;
    }

    RoutesConfig routes() {
        return routes;
    }

    RouteTable table() {
        return table;
    }

    UpstreamHandlers upstream(String name) {
        return upstreams.get(name);
    }

    /** The upstream for requests that name no model. */
    UpstreamHandlers defaultUpstream() {
        return defaultUpstream;
    }

    ClientAuth auth() {
        return auth;
    }

    /** The limits of a client key that has none of its own ({@code limits:} of the routes file). */
    RoutesConfig.Limits limits() {
        return limits;
    }

    /** Removes every upstream key of this generation from upstream text. */
    Redactor redactor() {
        return redactor;
    }

    /** Starts a request on this generation; false if it was retired meanwhile (take the current one instead). */
    boolean acquire() {
        for (int n = users.get(); n > 0; n = users.get()) {
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Ends a request (or, once, the generation's own hold); the last one out closes the pools. */
    void release() {
        if (users.decrementAndGet() == 0) {
            upstreams.values().forEach(h -> h.upstream().closeLater());
        }
    }

    /** Closes every pool now (bridge shutdown). */
    void close() {
        upstreams.values().forEach(h -> h.upstream().close());
    }
}
