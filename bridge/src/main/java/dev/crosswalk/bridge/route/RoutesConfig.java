package dev.crosswalk.bridge.route;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.bridge.http.Secret;
import dev.crosswalk.translator.TranslatorOptions;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Several upstreams behind one bridge: which upstreams there are, which client {@code model} goes to which of them
 * (with fallbacks), and the per-client-key limits. Read from YAML by {@link RoutesFile}, or built in code:
 *
 * <pre>{@code
 * RoutesConfig routes = new RoutesConfig(
 *         List.of(new RoutesConfig.Upstream("deepseek", URI.create("https://api.deepseek.com/v1"), WireApi.CHAT_COMPLETIONS,
 *                 Secret.of(System.getenv("DEEPSEEK_API_KEY")), o -> o.reasoningContent(true))),
 *         List.of(new RoutesConfig.Route("fast", List.of(new RoutesConfig.Target("deepseek", "deepseek-chat")))),
 *         RoutesConfig.Limits.NONE);
 * }</pre>
 *
 * @param upstreams the upstreams, by unique name
 * @param routes the routes, in the order globs are tried (exact names always win over globs)
 * @param limits the limits applied to each client key
 */
public record RoutesConfig(List<Upstream> upstreams, List<Route> routes, Limits limits) {

    public RoutesConfig {
        upstreams = List.copyOf(upstreams);
        routes = List.copyOf(routes);
        Objects.requireNonNull(limits, "limits");
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("at least one upstream is needed");
        }
        for (int i = 0; i < upstreams.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (upstreams.get(i).name().equals(upstreams.get(j).name())) {
                    throw new IllegalArgumentException("two upstreams are named '" + upstreams.get(i).name() + "'");
                }
            }
        }
        for (Route route : routes) {
            for (Target target : route.targets()) {
                if (upstream(upstreams, target.upstream()) == null) {
                    throw new IllegalArgumentException("route '" + route.model() + "' names an unknown upstream '" + target.upstream() + "'");
                }
            }
        }
    }

    /** The upstream with this name, or {@code null}. */
    public Upstream upstream(String name) {
        return upstream(upstreams, name);
    }

    /** Whether any upstream holds a key of the bridge's own (then client keys are required: no open relay). */
    public boolean holdsKeys() {
        return upstreams.stream().anyMatch(u -> u.key() != null);
    }

    /**
     * The upstream for requests that name no model ({@code GET /v1/responses/{id}} and the like): the primary of the
     * {@code "*"} route if there is one, else the first upstream listed.
     */
    public Upstream defaultUpstream() {
        for (Route route : routes) {
            if (route.model().equals("*")) {
                return upstream(route.targets().get(0).upstream());
            }
        }
        return upstreams.get(0);
    }

    private static Upstream upstream(List<Upstream> upstreams, String name) {
        for (Upstream u : upstreams) {
            if (u.name().equals(name)) {
                return u;
            }
        }
        return null;
    }

    /**
     * One upstream.
     *
     * @param name how routes, logs and metrics name it
     * @param url its API base, as an OpenAI SDK's base URL
     * @param api the protocol it speaks
     * @param key the bridge's key for it, or {@code null} to forward the client's {@code Authorization} (only without
     *        client keys)
     * @param translation how requests to it are translated (applied over the bridge's defaults)
     */
    public record Upstream(String name, URI url, WireApi api, Secret key, UnaryOperator<TranslatorOptions.Builder> translation) {
        public Upstream {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(api, "api");
            translation = translation == null ? UnaryOperator.identity() : translation;
        }

        @Override
        public String toString() {
            return "Upstream[" + name + ", " + api.shortName() + "]";
        }
    }

    /**
     * A route: the client's model name or glob, and the upstreams to try in order.
     *
     * @param model an exact model name, or a glob ({@code *} any run of characters, {@code ?} one)
     * @param targets the primary, then the fallbacks
     */
    public record Route(String model, List<Target> targets) {
        public Route {
            Objects.requireNonNull(model, "model");
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("route '" + model + "' has no upstream");
            }
        }

        /** Whether {@link #model()} is a glob rather than an exact name. */
        public boolean isGlob() {
            return model.indexOf('*') >= 0 || model.indexOf('?') >= 0;
        }
    }

    /**
     * Where a route sends a request.
     *
     * @param upstream the upstream's name
     * @param model the model id to send instead of the client's, or {@code null} to keep the client's
     */
    public record Target(String upstream, String model) {
        public Target {
            Objects.requireNonNull(upstream, "upstream");
        }
    }

    /**
     * Limits per client key; 0 means none.
     *
     * @param requestsPerMinute requests a key may make per minute (a token bucket: bursts up to this many)
     * @param concurrentStreams streams a key may hold open at once
     */
    public record Limits(int requestsPerMinute, int concurrentStreams) {
        public static final Limits NONE = new Limits(0, 0);

        public Limits {
            if (requestsPerMinute < 0 || concurrentStreams < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }

        public boolean any() {
            return requestsPerMinute > 0 || concurrentStreams > 0;
        }
    }
}
