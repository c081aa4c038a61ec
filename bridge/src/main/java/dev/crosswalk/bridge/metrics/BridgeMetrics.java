package dev.crosswalk.bridge.metrics;

import dev.crosswalk.translator.error.Redactor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the bridge tells an operator, as Micrometer meters scraped in Prometheus' text format at {@code GET /metrics}.
 * Tags carry only names the operator configured (routes, upstreams), fixed vocabularies (endpoints, protocols,
 * statuses, error kinds) and model names that pass a strict shape check and a cardinality cap; never a key, a header
 * or a body.
 *
 * <table>
 *   <caption>Meters (Prometheus names)</caption>
 *   <tr><td>{@code crosswalk_requests_seconds}</td><td>histogram of request durations by endpoint, route, upstream,
 *       protocol ({@code client>upstream}), status</td></tr>
 *   <tr><td>{@code crosswalk_time_to_first_byte_seconds}</td><td>histogram of the time until the answer started</td></tr>
 *   <tr><td>{@code gen_ai_client_token_usage}</td><td>tokens by {@code gen_ai_token_type} (input|output),
 *       {@code gen_ai_request_model}, {@code crosswalk_upstream} (OpenTelemetry's GenAI convention)</td></tr>
 *   <tr><td>{@code crosswalk_translation_problems_total}</td><td>fields dropped (warning) or refused (rejection)</td></tr>
 *   <tr><td>{@code crosswalk_upstream_errors_total}</td><td>failed upstream attempts by upstream and kind</td></tr>
 *   <tr><td>{@code crosswalk_limits_rejected_total}</td><td>requests refused by a per-key limit</td></tr>
 *   <tr><td>{@code crosswalk_config_reloads_total}</td><td>reloads of the routes and keys files by trigger and result</td></tr>
 *   <tr><td>{@code crosswalk_streams_open}, {@code crosswalk_store_entries},
 *       {@code crosswalk_store_bytes}</td><td>gauges</td></tr>
 * </table>
 *
 * <pre>{@code
 * BridgeMetrics metrics = BridgeMetrics.create();
 * metrics.request(new BridgeMetrics.Request("/v1/responses", "gpt-*", "openai", "responses>responses", 200), total, ttfb);
 * String text = metrics.scrape();
 * }</pre>
 */
public final class BridgeMetrics implements AutoCloseable {
    /** Distinct model names (and field paths) kept as tag values; others are counted as {@code other}. */
    static final int MAX_MODELS = 200;
    private static final Pattern MODEL_SHAPE = Pattern.compile("[A-Za-z0-9._:/@+-]{1,128}");
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576};

    /**
     * What one finished request is counted by.
     *
     * @param endpoint the endpoint's template ({@code /v1/responses}, {@code /v1/responses/{id}}, ...)
     * @param route the route's model pattern, or {@code -}
     * @param upstream the upstream that answered (the last tried), or {@code -}
     * @param protocol the client's protocol and the upstream's, {@code responses>chat}, or {@code -}
     * @param status the HTTP status sent, 0 when the connection was cut before one
     */
    public record Request(String endpoint, String route, String upstream, String protocol, int status) {
    }

    /** Key-shaped text (a client may send anything as a model name): never a tag value. */
    private static final Redactor KEY_SHAPED = Redactor.patternsOnly();

    private final PrometheusMeterRegistry registry;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Set<String> fields = ConcurrentHashMap.newKeySet();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Request, Timer[]> requestTimers = new ConcurrentHashMap<>();
    private final Map<List<String>, DistributionSummary> tokenSummaries = new ConcurrentHashMap<>();

    private BridgeMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("crosswalk.streams.open", openStreams, AtomicInteger::get)
                .description("Streams being relayed to clients now").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A fresh registry in Prometheus' format. */
    public static BridgeMetrics create() {
        return new BridgeMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** The Micrometer registry, to add meters of one's own. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /** Counts a finished request: its total duration, and its time to first byte if it sent one ({@code < 0}: none). */
    public void request(Request r, long durationNanos, long firstByteNanos) {
        // Meters are looked up once per distinct tag set (bounded: every tag value is), not built per request.
        Timer[] timers = requestTimers.computeIfAbsent(r, this::requestTimers);
        timers[0].record(durationNanos, TimeUnit.NANOSECONDS);
        if (firstByteNanos >= 0) {
            timers[1].record(firstByteNanos, TimeUnit.NANOSECONDS);
        }
    }

    private Timer[] requestTimers(Request r) {
        Tags tags = Tags.of("endpoint", r.endpoint(), "route", r.route(), "upstream", r.upstream(),
                "protocol", r.protocol(), "status", Integer.toString(r.status()));
        Timer total = Timer.builder("crosswalk.requests").description("Requests served, by the time they took")
                .serviceLevelObjectives(BUCKETS).tags(tags).register(registry);
        Timer firstByte = Timer.builder("crosswalk.time.to.first.byte").description("Time until the answer's first byte was sent")
                .serviceLevelObjectives(BUCKETS)
                .tags("endpoint", r.endpoint(), "route", r.route(), "upstream", r.upstream(), "protocol", r.protocol())
                .register(registry);
        return new Timer[] {total, firstByte};
    }

    /** Counts the tokens of one answer, from its {@code usage}. */
    public void tokens(String model, String upstream, long input, long output) {
        String m = model(model);
        if (input >= 0) {
            tokenSummary(m, upstream, "input").record(input);
        }
        if (output >= 0) {
            tokenSummary(m, upstream, "output").record(output);
        }
    }

    private DistributionSummary tokenSummary(String model, String upstream, String type) {
        return tokenSummaries.computeIfAbsent(List.of(model, upstream, type), k -> DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens used, from the answers' usage")
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .tags("gen_ai.operation.name", "chat", "gen_ai.request.model", model, "gen_ai.token.type", type,
                        "crosswalk.upstream", upstream)
                .register(registry));
    }

    /**
     * Counts a field the translation dropped ({@code warning}) or refused ({@code rejection}). Array indexes are
     * removed from the path ({@code $.input[3].foo} → {@code $.input[].foo}) so the tag stays bounded.
     */
    public void translationProblem(String kind, String path) {
        Counter.builder("crosswalk.translation.problems").description("Fields dropped or refused by the translation")
                .tags("kind", kind, "field", field(path)).register(registry).increment();
    }

    /** Counts a failed upstream attempt: {@code status_429}, {@code status_5xx}, {@code unreachable}, {@code timeout}... */
    public void upstreamError(String upstream, String kind) {
        Counter.builder("crosswalk.upstream.errors").description("Failed upstream attempts, by kind")
                .tags("upstream", upstream, "kind", kind).register(registry).increment();
    }

    /** Counts an attempt that was retried on the route's next upstream. */
    public void fallback(String route, String from, String to) {
        Counter.builder("crosswalk.fallbacks").description("Requests moved to a route's next upstream before the first byte")
                .tags("route", route, "from", from, "to", to).register(registry).increment();
    }

    /** Counts a request refused by a per-client-key limit ({@code requests_per_minute} or {@code concurrent_streams}). */
    public void limited(String limit) {
        Counter.builder("crosswalk.limits.rejected").description("Requests refused by a per-client-key limit")
                .tags("limit", limit).register(registry).increment();
    }

    /**
     * Counts a reload of the routes and client keys files by what set it off ({@code sighup}, {@code watch}) and
     * whether the new configuration took effect ({@code ok}) or was refused ({@code failed}, the old one stays).
     */
    public void configReload(String trigger, boolean ok) {
        Counter.builder("crosswalk.config.reloads").description("Reloads of the routes and client keys files")
                .tags("trigger", trigger, "result", ok ? "ok" : "failed").register(registry).increment();
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    /**
     * Publishes the response store's size (only stores that know it cheaply: a database store's figures are its latest
     * periodic count). A supplier may answer {@code null} when it cannot tell (the gauge reads NaN).
     */
    public void storeSize(Supplier<Number> entries, Supplier<Number> bytes) {
        Gauge.builder("crosswalk.store.entries", entries).description("Responses turns kept by the bridge's store").register(registry);
        Gauge.builder("crosswalk.store.bytes", bytes).description("What the kept turns count against the store's byte budget")
                .baseUnit("bytes").register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** A model name as a tag value: the name if it looks like one and the cap allows, else {@code other}. */
    String model(String model) {
        if (model == null || model.isEmpty()) {
            return "-";
        }
        return MODEL_SHAPE.matcher(model).matches() && !keyShaped(model) ? bounded(models, model) : "other";
    }

    /** A field path as a tag value; client-chosen keys can appear in paths, so the set of values is capped too. */
    String field(String path) {
        if (path == null) {
            return "-";
        }
        String f = path.replaceAll("\\[\\d+\\]", "[]");
        return f.length() > 120 || !f.chars().allMatch(c -> c > 32 && c < 127) || keyShaped(f) ? "other" : bounded(fields, f);
    }

    private static boolean keyShaped(String value) {
        return !KEY_SHAPED.redact(value).equals(value);
    }

    private static String bounded(Set<String> seen, String value) {
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= MAX_MODELS) {
            return "other";
        }
        seen.add(value);
        return value;
    }
}
