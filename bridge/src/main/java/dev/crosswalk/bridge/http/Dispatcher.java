package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.bridge.metrics.BridgeMetrics;
import dev.crosswalk.bridge.route.RoutesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Sends a create request ({@code POST /v1/chat/completions} or {@code /v1/responses}) where its route says: reads the
 * client's {@code model}, finds the route, renames the model for the target, and tries the route's upstreams in
 * order while an attempt fails with 429, 5xx or a broken connection before anything reached the client. Once the
 * first byte is out, a failure is the client's to see, as with a single upstream.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final long maxBodyBytes;
    private final BridgeMetrics metrics;
    private final ClientLimits limits;

    Dispatcher(long maxBodyBytes, BridgeMetrics metrics, ClientLimits limits) {
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.limits = limits;
    }

    Mono<Void> create(Exchange ex, ClientAuth.Grant grant, WireApi client, Routing routing) {
        RoutesConfig.Limits applied = grant.limits(routing.limits());
        if (routing.single()) {
            UpstreamHandlers only = routing.defaultUpstream();
            ex.route("*");
            ex.beginAttempt(only.name(), protocol(client, only.api()), false);
            if (applied.concurrentStreams() == 0) {
                // One upstream, every model, no stream limit: nothing to choose, so the body streams through unread.
                return only.create(ex, grant.forUpstream(only.key()), client);
            }
            // The client's key has a stream limit: whether this is a stream is in the body.
            return ex.body(maxBodyBytes).flatMap(bytes -> {
                boolean stream = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> RequestPeek.of(bytes)).stream();
                Runnable streamEnded;
                try {
                    streamEnded = openStream(ex, grant, applied, stream);
                } catch (BridgeException limited) {
                    return ex.error(limited);
                }
                return only.create(ex, grant.forUpstream(only.key()), client).doFinally(signal -> streamEnded.run());
            });
        }
        return ex.body(maxBodyBytes).flatMap(bytes -> {
            RequestPeek peek = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> RequestPeek.of(bytes));
            ex.model(peek.model());
            ex.stream(peek.stream());
            RoutesConfig.Route route = routing.table().find(peek.model());
            if (route == null) {
                return ex.error(modelNotFound(peek.model()));
            }
            ex.route(route.model());
            Runnable streamEnded;
            try {
                streamEnded = openStream(ex, grant, applied, peek.stream());
            } catch (BridgeException limited) {
                return ex.error(limited);
            }
            return attempt(ex, grant, client, routing, route, 0, bytes, peek.model()).doFinally(signal -> streamEnded.run());
        });
    }

    private Mono<Void> attempt(Exchange ex, ClientAuth.Grant grant, WireApi client, Routing routing, RoutesConfig.Route route,
            int index, byte[] original, String asked) {
        RoutesConfig.Target target = route.targets().get(index);
        UpstreamHandlers upstream = routing.upstream(target.upstream());
        boolean more = index + 1 < route.targets().size();
        ex.beginAttempt(upstream.name(), protocol(client, upstream.api()), more);
        if (target.model() != null && !target.model().equals(asked)) {
            // The answer gives the client back the name it asked for (the route's alias), not the upstream's id.
            ex.alias(asked);
        }
        // This attempt's body, set where its handler reads (and drops) it. The client's bytes are kept for the next
        // attempt only if there is one: otherwise nothing holds them beside their translation during the call.
        ex.body(target.model() == null ? original
                : OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> RequestPeek.rename(original, target.model())));
        byte[] retry = more ? original : null;
        return Mono.defer(() -> upstream.create(ex, grant.forUpstream(upstream.key()), client))
                .onErrorResume(e -> {
                    String kind = Fallback.retryKind(e);
                    if (kind == null || !more || ex.response().hasSentHeaders()) {
                        return Mono.error(e instanceof Fallback f ? f.failure() : e);
                    }
                    String next = route.targets().get(index + 1).upstream();
                    ex.attemptFailed(kind);
                    metrics.upstreamError(upstream.name(), kind);
                    metrics.fallback(route.model(), upstream.name(), next);
                    log.info("request {}: upstream {} failed ({}) before the first byte; trying {}", ex.id(), upstream.name(), kind, next);
                    return attempt(ex, grant, client, routing, route, index + 1, retry, asked);
                });
    }

    /** Counts a stream against the client's limit (or throws the 429, counted in the metrics); returns its end. */
    private Runnable openStream(Exchange ex, ClientAuth.Grant grant, RoutesConfig.Limits applied, boolean stream) {
        if (!stream) {
            return () -> { };
        }
        try {
            return limits.openStream(grant.owner(), applied);
        } catch (BridgeException limited) {
            metrics.limited("concurrent_streams");
            throw limited;
        }
    }

    /** {@code client>upstream}, as in the access log's mode and the metrics' protocol tag. */
    static String protocol(WireApi client, WireApi upstream) {
        return client.shortName() + ">" + upstream.shortName();
    }

    static BridgeException modelNotFound(String model) {
        if (model == null) {
            return BridgeException.of(400, Errors.INVALID_REQUEST, "model", "missing_required_parameter",
                    "You must provide a model parameter.");
        }
        return BridgeException.of(404, Errors.INVALID_REQUEST, "model", "model_not_found",
                "The model `" + printable(model) + "` does not exist or you do not have access to it.");
    }

    private static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
