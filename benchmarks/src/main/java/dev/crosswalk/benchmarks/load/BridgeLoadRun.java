package dev.crosswalk.benchmarks.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The bridge load run (issue 7, item 3): {@code --clients} concurrent streams straight to a paced fake Chat
 * Completions upstream (the baseline), then through {@code crosswalk serve} passed through (Chat → Chat) and
 * translated (Responses → Chat), all in one run on the loopback interface; then the same at {@code --low-clients}
 * concurrent streams, to show the bridge with CPU to spare. For each: time to first byte and total time (p50, p99,
 * max), throughput, errors, the bridge's peak resident set ({@code VmHWM}) and the CPU time of each side; and what the
 * bridge adds over the baseline at the same concurrency. Writes a markdown section and prints a summary.
 *
 * <pre>{@code
 * mvn -B -q -DskipTests -pl benchmarks,bridge -am package
 * java -cp benchmarks/target/benchmarks.jar dev.crosswalk.benchmarks.load.BridgeLoadRun \
 *     --out benchmarks/results/bridge-load-2026-11-22.md
 * }</pre>
 *
 * Options (defaults in brackets): {@code --jar} [bridge/target/crosswalk.jar], {@code --clients} [200],
 * {@code --low-clients} [50; 0 skips them; run on the warm bridge of the row before], {@code --warmup} /
 * {@code --measured} / {@code --cooldown} streams per client [3 / 5 / 1], {@code --warm-clients} [50] and
 * {@code --warm-max-s} [180] and {@code --warm-quiet} [3] (each fresh bridge is first warmed up at that concurrency,
 * then at {@code --clients}, until its JIT compiler is quiet: in one batch, then in {@code --warm-quiet} batches in a
 * row at full load; session 6: at 60 s and one quiet batch, C2 was still compiling the translated path's hottest
 * methods in the measured window on 2 cores; the load generator's own JVM is warmed the same way first), {@code --chunks} [40], {@code --interval-ms} [25], {@code --bridge-jvm} [{@value #DEFAULT_BRIDGE_JVM}] (the bridge's
 * JVM options, space-separated; see {@link #DEFAULT_BRIDGE_JVM}), {@code --default-heap} [true] (also run the translated scenario with the JVM's default
 * heap), {@code --pass-through} [true] (false: translated rows only, for short runs), {@code --routes} [true] (also run pass-through and translated through a two-route routes file, issue 16),
 * {@code --time-limit-s} [600] (the whole run; streams still open then are cut and counted as errors),
 * {@code --before-jar} [none] (another build of the bridge, e.g. main at a session's start: its pass-through and
 * translated rows, and its two-route rows with {@code --routes true}, marked "[before]", run in the same run against
 * the same baselines, with the same JVM flags unless {@code --before-jvm} gives others (e.g. the launcher's defaults
 * of then); {@code --before-label} says what it is), {@code --compare-jvm} [none] (one more translated row with these bridge
 * JVM flags instead, for each set of flags; sets separated by {@code ;}), {@code --load-threads} [the cores] (event loops of the load generator and the fake upstream, shared). Exits 1
 * when any stream failed or the time limit was hit.
 */
public final class BridgeLoadRun {
    private static final double TTFB_TARGET_MS = 2.0;
    /**
     * The bridge's JVM flags: the heap, and the collector the launcher ({@code bin/crosswalk}, the Docker image,
     * the .deb) picks for a heap that small — what a user who runs {@code CROSSWALK_JAVA_OPTS=-Xmx128m crosswalk serve}
     * gets (session 5: the parallel collector and young sizes, was {@code -XX:+UseSerialGC} alone). {@code --compare-jvm
     * -Xmx128m} adds a row with the JVM's own choice (G1) beside it.
     */
    static final String DEFAULT_BRIDGE_JVM = "-Xmx128m -XX:+UseParallelGC -Xmn80m -XX:SurvivorRatio=3 -XX:-UseAdaptiveSizePolicy"
            + " -XX:MaxTenuringThreshold=2";
    private static final long RSS_TARGET_MIB = 256;
    private static final double NOT_IDLE = 0.10;
    /** A fresh bridge is warm when its JIT compiler threads use at most this share of one core. */
    private static final double JIT_QUIET = 0.05;
    private static final LoadGenerator.Window NO_WINDOW = new LoadGenerator.Window() {
        @Override
        public void opened() {
        }

        @Override
        public void closed() {
        }
    };
    /** Warm-up streams per client at the lower concurrency: the bridge is already warm, only the flow must settle. */
    private static final int LOW_WARMUP = 2;

    private enum Kind {
        BASELINE("/chat/completions", StreamCheck.Protocol.CHAT),
        PASSTHROUGH("/chat/completions", StreamCheck.Protocol.CHAT),
        TRANSLATED("/responses", StreamCheck.Protocol.RESPONSES);

        final String path;
        final StreamCheck.Protocol protocol;

        Kind(String path, StreamCheck.Protocol protocol) {
            this.path = path;
            this.protocol = protocol;
        }
    }

    /**
     * One scenario: {@code warmup} streams per client before the measured ones; {@code reported} is false for the load
     * generator's own warm-up; {@code sameBridge}: runs on the bridge of the scenario before (already warm) instead of a
     * fresh one.
     */
    private record Scenario(String name, Kind kind, int clients, List<String> bridgeJvm, int warmup, boolean reported,
            boolean sameBridge, boolean routed, Path jar) {
        Scenario(String name, Kind kind, int clients, List<String> bridgeJvm, int warmup, boolean reported, boolean sameBridge) {
            this(name, kind, clients, bridgeJvm, warmup, reported, sameBridge, false, null);
        }

        String flags() {
            String flags = kind == Kind.BASELINE ? "—" : bridgeJvm.isEmpty() ? "none (JVM default heap)" : String.join(" ", bridgeJvm);
            return sameBridge ? flags + " (the bridge of the row before, warm)" : flags;
        }
    }

    /** Percentiles by nearest rank over the streams that were complete and right. */
    private record Dist(double p50, double p99, double max) {
        static Dist of(double[] values) {
            if (values.length == 0) {
                return new Dist(Double.NaN, Double.NaN, Double.NaN);
            }
            double[] v = values.clone();
            Arrays.sort(v);
            return new Dist(rank(v, 0.50), rank(v, 0.99), v[v.length - 1]);
        }

        private static double rank(double[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    private record Result(Scenario scenario, int expected, int ok, int errors, int otherErrors, Map<String, Integer> problems,
            Dist ttfb, Dist total, double streamsPerSecond, double eventsPerSecond, double eventsPerStream,
            int upstreamPeakOpen, double machineBusy, double otherCores, Cpu bridgeCpu, Map<String, Double> bridgeThreads, Cpu loadCpu,
            long idleRssKib, long peakRssKib, long endRssKib, boolean inTime, WarmUp warmUp) {
        int allErrors() {
            return errors + otherErrors;
        }
    }

    /** CPU time per stream, in milliseconds: user and system. */
    private record Cpu(double user, double system) {
        static final Cpu NONE = new Cpu(Double.NaN, Double.NaN);

        static Cpu perStream(ProcStat.Ticks ticks, long streams) {
            return new Cpu(ticks.userMillis() / streams, ticks.systemMillis() / streams);
        }

        double total() {
            return user + system;
        }

        String describe() {
            return Double.isNaN(user) ? "—" : String.format(Locale.ROOT, "%.2f ms (%.2f user + %.2f sys)", total(), user, system);
        }
    }

    /** CPU counters when the measured window opens and closes. */
    private static final class Snapshot {
        volatile long nanos;
        volatile ProcStat.Machine machine;
        volatile ProcStat.Ticks bridge;
        volatile ProcStat.Ticks own;
        volatile Map<Long, ProcStat.ThreadTicks> bridgeThreads;

        void take(BridgeProcess process) {
            try {
                nanos = System.nanoTime();
                machine = ProcStat.machine();
                bridge = process == null ? ProcStat.Ticks.ZERO : process.cpu();
                bridgeThreads = process == null ? Map.of() : ProcStat.threads(process.pid());
                own = ProcStat.process(ProcessHandle.current().pid());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Map<String, String> options;
    private final int clients;
    private final int lowClients;
    private final int chunks;
    private final long intervalMillis;
    private final int warmup;
    private final int warmClients;
    private final int warmMaxSeconds;
    private final int warmQuiet;
    private final int measured;
    private final int cooldown;
    private final Duration streamDuration;
    private final int loadThreads;

    private BridgeLoadRun(Map<String, String> options) {
        this.options = options;
        this.clients = intOption("clients", 200);
        this.lowClients = intOption("low-clients", 50);
        this.chunks = intOption("chunks", 40);
        this.intervalMillis = intOption("interval-ms", 25);
        this.warmup = intOption("warmup", 3);
        this.warmClients = intOption("warm-clients", 50);
        this.warmMaxSeconds = intOption("warm-max-s", 180);
        this.warmQuiet = intOption("warm-quiet", 3);
        this.measured = intOption("measured", 5);
        this.cooldown = intOption("cooldown", 1);
        this.streamDuration = Duration.ofMillis((chunks + 1) * intervalMillis);
        this.loadThreads = intOption("load-threads", Runtime.getRuntime().availableProcessors());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: BridgeLoadRun --out FILE.md [--jar bridge/target/crosswalk.jar] [--clients 200]"
                        + " [--low-clients 50] [--warmup 3] [--measured 5] [--cooldown 1] [--warm-clients 50] [--warm-max-s 180] [--warm-quiet 3]"
                        + " [--chunks 40] [--interval-ms 25]"
                        + " [--bridge-jvm '" + DEFAULT_BRIDGE_JVM + "'] [--default-heap true] [--pass-through true] [--routes true] [--time-limit-s 600]"
                        + " [--before-jar OTHER/crosswalk.jar --before-label 'main at abc1234' --before-jvm '-Xmx128m -XX:+UseSerialGC'] [--compare-jvm '-Xmx128m;-Xmx128m -XX:+UseShenandoahGC']");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        if (!options.containsKey("out")) {
            throw new IllegalArgumentException("--out FILE.md is required");
        }
        boolean clean = new BridgeLoadRun(options).run();
        System.exit(clean ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path out = Path.of(options.get("out"));
        Path jar = Path.of(options.getOrDefault("jar", "bridge/target/crosswalk.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it with mvn -B -q -DskipTests -pl benchmarks,bridge -am package");
        }
        List<String> heap = split(options.getOrDefault("bridge-jvm", DEFAULT_BRIDGE_JVM));
        List<String> beforeHeap = options.containsKey("before-jvm") ? split(options.get("before-jvm")) : heap;
        Path before = options.containsKey("before-jar") ? Path.of(options.get("before-jar")) : null;
        if (before != null && !Files.isRegularFile(before)) {
            throw new IllegalArgumentException(before + " not found");
        }
        List<List<String>> compareJvms = new ArrayList<>();
        for (String flags : options.getOrDefault("compare-jvm", "").split(";")) {
            if (!flags.isBlank()) {
                compareJvms.add(split(flags));
            }
        }
        boolean defaultHeap = Boolean.parseBoolean(options.getOrDefault("default-heap", "true"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intOption("time-limit-s", 600));
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        List<Scenario> scenarios = new ArrayList<>();
        String baseline = "baseline: Chat → upstream";
        String passThrough = "pass-through: Chat → bridge → Chat upstream";
        String translated = "translated: Responses → bridge → Chat upstream";
        scenarios.add(new Scenario("load generator warm-up (not reported)", Kind.BASELINE, clients, List.of(), warmup, false, false));
        scenarios.add(new Scenario(baseline, Kind.BASELINE, clients, List.of(), warmup, true, false));
        if (lowClients > 0) {
            scenarios.add(new Scenario(baseline, Kind.BASELINE, lowClients, List.of(), LOW_WARMUP, true, false));
        }
        boolean passThroughRows = Boolean.parseBoolean(options.getOrDefault("pass-through", "true"));
        if (passThroughRows) {
            scenarios.add(new Scenario(passThrough, Kind.PASSTHROUGH, clients, heap, warmup, true, false));
            if (lowClients > 0) {
                scenarios.add(new Scenario(passThrough, Kind.PASSTHROUGH, lowClients, heap, LOW_WARMUP, true, true));
            }
        }
        scenarios.add(new Scenario(translated, Kind.TRANSLATED, clients, heap, warmup, true, false));
        if (lowClients > 0) {
            scenarios.add(new Scenario(translated, Kind.TRANSLATED, lowClients, heap, LOW_WARMUP, true, true));
        }
        if (before != null) {
            if (passThroughRows) {
                scenarios.add(new Scenario(passThrough + " [before]", Kind.PASSTHROUGH, clients, beforeHeap, warmup, true, false, false, before));
                if (lowClients > 0) {
                    scenarios.add(new Scenario(passThrough + " [before]", Kind.PASSTHROUGH, lowClients, beforeHeap, LOW_WARMUP, true, true, false, before));
                }
            }
            scenarios.add(new Scenario(translated + " [before]", Kind.TRANSLATED, clients, beforeHeap, warmup, true, false, false, before));
            if (lowClients > 0) {
                scenarios.add(new Scenario(translated + " [before]", Kind.TRANSLATED, lowClients, beforeHeap, LOW_WARMUP, true, true, false, before));
            }
        }
        for (List<String> compareJvm : compareJvms) {
            scenarios.add(new Scenario("translated, bridge JVM flags " + String.join(" ", compareJvm), Kind.TRANSLATED, clients, compareJvm,
                    warmup, true, false));
        }
        if (defaultHeap && !heap.isEmpty()) {
            scenarios.add(new Scenario("translated, JVM default heap", Kind.TRANSLATED, clients, List.of(), warmup, true, false));
        }
        if (Boolean.parseBoolean(options.getOrDefault("routes", "true"))) {
            String routedPassThrough = "pass-through, two routes: Chat → bridge (routes file) → Chat upstream";
            String routedTranslated = "translated, two routes: Responses → bridge (routes file) → Chat upstream";
            if (passThroughRows) {
                scenarios.add(new Scenario(routedPassThrough, Kind.PASSTHROUGH, clients, heap, warmup, true, false, true, null));
            }
            scenarios.add(new Scenario(routedTranslated, Kind.TRANSLATED, clients, heap, warmup, true, false, true, null));
            if (before != null) {
                if (passThroughRows) {
                    scenarios.add(new Scenario(routedPassThrough + " [before]", Kind.PASSTHROUGH, clients, beforeHeap, warmup, true, false, true, before));
                }
                scenarios.add(new Scenario(routedTranslated + " [before]", Kind.TRANSLATED, clients, beforeHeap, warmup, true, false, true, before));
            }
        }
        scenarios.add(new Scenario("baseline again (run-to-run noise)", Kind.BASELINE, clients, List.of(), warmup, true, false));

        double idle = idleCheck();
        if (idle > NOT_IDLE) {
            System.out.printf("warning: the machine was %.0f %% busy before the run; the figures will be skewed%n", 100 * idle);
        }
        Path logs = Files.createTempDirectory("bridge-load-");
        List<Result> results = new ArrayList<>();
        List<String> bridgeCommand = List.of();
        boolean complete = true;
        BridgeProcess bridge = null;
        WarmUp loadWarmUp = null;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(loadThreads, new DefaultThreadFactory("load", true), NioIoHandler.newFactory());
        try (FakeChatUpstream upstream = new FakeChatUpstream(chunks, intervalMillis, loops)) {
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario s = scenarios.get(i);
                if (System.nanoTime() > deadline) {
                    System.out.printf("time limit reached: skipping %s at %d streams%n", s.name(), s.clients());
                    complete = false;
                    continue;
                }
                System.out.printf("%s, %d streams ...%n", s.name(), s.clients());
                if (i == 0) {
                    loadWarmUp = warmLoad(loops, upstream, deadline);
                    System.out.println("  load generator warm-up: " + loadWarmUp.describe());
                }
                WarmUp warm = null;
                if (!s.sameBridge()) {
                    if (bridge != null) {
                        bridge.close();
                    }
                    bridge = s.kind() == Kind.BASELINE ? null
                            : BridgeProcess.start(s.jar() == null ? jar : s.jar(), s.bridgeJvm(), upstream.base(),
                                    s.routed() ? routesFile(logs, upstream.base()) : null,
                                    logs.resolve("bridge-" + i + ".log"));
                    if (bridge != null) {
                        warm = warmBridge(loops, bridge, s.kind(), deadline);
                        System.out.println("  bridge warm-up: " + warm.describe());
                    }
                }
                if (bridge != null && bridgeCommand.isEmpty() && s.jar() == null) {
                    bridgeCommand = bridge.command();
                }
                Result r = scenario(s, upstream, loops, bridge, warm, deadline);
                if (s.reported()) {
                    results.add(r);
                    System.out.println("  " + summary(r, baselineFor(r, results)));
                }
                System.gc();
                Thread.sleep(1000);
            }
        } finally {
            if (bridge != null) {
                bridge.close();
            }
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        String markdown = markdown(started, results, heap, bridgeCommand, idle, loadWarmUp);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(verdicts(results));
        System.out.println("wrote " + out + " (bridge logs in " + logs + ")");
        return complete && results.stream().allMatch(r -> r.allErrors() == 0 && r.inTime());
    }

    /**
     * The two-route configuration of the routed scenarios: the load's model is an alias (read, routed, renamed, with a
     * fallback configured but not needed) to one upstream; a glob route to a second upstream (the same fake) sits in the
     * table beside it.
     */
    static final String ROUTES = """
            upstreams:
              - {name: primary, url: "%1$s", api: chat}
              - {name: secondary, url: "%1$s", api: chat}
            routes:
              - {model: gpt-4o-mini, upstream: primary, upstreamModel: gpt-4o-mini-2024-07-18, fallbacks: [secondary]}
              - {model: "gpt-*", upstream: secondary}
            """;

    private static Path routesFile(Path dir, String upstreamBase) throws IOException {
        Path file = dir.resolve("crosswalk.yaml");
        Files.writeString(file, ROUTES.formatted(upstreamBase), StandardCharsets.UTF_8);
        return file;
    }

    /** How a fresh bridge was warmed up: batches of streams until its JIT compiler went quiet (or time ran out). */
    private record WarmUp(List<String> stages, double seconds, double jitShare, int failures) {
        String describe() {
            return String.format(Locale.ROOT, "%s; %.0f s; JIT %.0f %% of a core in the last batch%s", String.join(", then ", stages),
                    seconds, 100 * jitShare, failures == 0 ? "" : "; " + failures + " streams failed");
        }
    }

    /**
     * Warms a fresh bridge up, unmeasured: batches of two streams per client, first at {@code --warm-clients}
     * concurrent streams, then at {@code --clients} (see {@link #warm}). At full load on a small machine the compiler
     * starves, and a cold bridge would be measured half-compiled; a long-running bridge is past that.
     */
    private WarmUp warmBridge(EventLoopGroup loops, BridgeProcess bridge, Kind kind, long deadline) throws Exception {
        return warm(loops, URI.create("http://127.0.0.1:" + bridge.port() + "/v1" + kind.path), kind, bridge.pid(),
                List.of(warmClients, clients), deadline);
    }

    /**
     * Warms the load generator and the fake upstream (this JVM) up the same way, straight to the upstream at {@code
     * --clients}, before the first baseline: every row is then measured on warm code on both sides of the bridge.
     */
    private WarmUp warmLoad(EventLoopGroup loops, FakeChatUpstream upstream, long deadline) throws Exception {
        return warm(loops, URI.create(upstream.base() + Kind.BASELINE.path), Kind.BASELINE, ProcessHandle.current().pid(),
                List.of(clients), deadline);
    }

    /**
     * Batches of two streams per client to {@code uri}, at each concurrency in turn, until the JIT compiler threads of
     * process {@code pid} used at most {@value #JIT_QUIET} of a core in one batch (at the lower concurrency) or in
     * {@code --warm-quiet} batches in a row (at {@code --clients}); {@code --warm-max-s} for all.
     */
    private WarmUp warm(EventLoopGroup loops, URI uri, Kind kind, long pid, List<Integer> concurrencies, long deadline) throws Exception {
        byte[] body = (kind == Kind.TRANSLATED ? responsesRequest() : chatRequest()).getBytes(StandardCharsets.UTF_8);
        StreamCheck check = new StreamCheck(kind.protocol, chunks);
        long start = System.nanoTime();
        long until = Math.min(deadline, start + TimeUnit.SECONDS.toNanos(warmMaxSeconds));
        List<String> stages = new ArrayList<>();
        int failures = 0;
        double share = Double.NaN;
        for (int concurrency : concurrencies) {
            LoadGenerator.Settings settings = new LoadGenerator.Settings(concurrency, 2, 0, 0, streamDuration);
            int batches = 0;
            long stageStart = System.nanoTime();
            // At the lower concurrency one quiet batch ends the stage; at full load, warmQuiet batches in a row.
            int needed = concurrency == clients ? warmQuiet : 1;
            int quiet = 0;
            List<String> shares = new ArrayList<>();
            do {
                Map<Long, ProcStat.ThreadTicks> before = ProcStat.threads(pid);
                long t0 = System.nanoTime();
                LoadGenerator.Outcome outcome = new LoadGenerator(loops, uri, body, settings, NO_WINDOW)
                        .run(Math.min(deadline, t0 + TimeUnit.SECONDS.toNanos(60)));
                double wallMillis = (System.nanoTime() - t0) / 1e6;
                share = ProcStat.byThreadKind(before, ProcStat.threads(pid)).get("JIT") / wallMillis;
                shares.add(String.format(Locale.ROOT, "%.0f", 100 * share));
                for (LoadGenerator.StreamResult r : outcome.streams()) {
                    failures += check.check(r).ok() ? 0 : 1;
                }
                batches++;
                quiet = share <= JIT_QUIET ? quiet + 1 : 0;
            } while (quiet < needed && System.nanoTime() < until);
            stages.add(String.format(Locale.ROOT, "%d × %d streams at %d (%.0f s; JIT %% of a core per batch: %s)", batches,
                    2 * concurrency, concurrency, (System.nanoTime() - stageStart) / 1e9, String.join(" ", shares)));
        }
        return new WarmUp(stages, (System.nanoTime() - start) / 1e9, share, failures);
    }

    private Result scenario(Scenario s, FakeChatUpstream upstream, EventLoopGroup loops, BridgeProcess bridge, WarmUp warm, long deadline)
            throws Exception {
        LoadGenerator.Settings settings = new LoadGenerator.Settings(s.clients(), s.warmup(), measured, cooldown, streamDuration);
        String base = bridge == null ? upstream.base() : "http://127.0.0.1:" + bridge.port() + "/v1";
        byte[] body = (s.kind() == Kind.TRANSLATED ? responsesRequest() : chatRequest()).getBytes(StandardCharsets.UTF_8);
        long idleRss = bridge == null ? 0 : bridge.rssKib();
        Snapshot open = new Snapshot();
        Snapshot close = new Snapshot();
        upstream.takePeakOpen();
        LoadGenerator.Window measuredWindow = new LoadGenerator.Window() {
            @Override
            public void opened() {
                open.take(bridge);
            }

            @Override
            public void closed() {
                close.take(bridge);
            }
        };
        URI uri = URI.create(base + s.kind().path);
        long expected = streamDuration.toNanos() * (settings.perClient() + 1);
        long until = Math.min(deadline, System.nanoTime() + 3 * expected + TimeUnit.SECONDS.toNanos(30));
        LoadGenerator.Outcome outcome = new LoadGenerator(loops, uri, body, settings, measuredWindow).run(until);
        int peakOpen = upstream.takePeakOpen();
        long peakRss = bridge == null ? 0 : bridge.peakRssKib();
        long endRss = bridge == null ? 0 : bridge.rssKib();

        StreamCheck check = new StreamCheck(s.kind().protocol, chunks);
        List<Double> ttfb = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        Map<String, Integer> problems = new TreeMap<>();
        boolean windowClosed = close.machine != null && open.machine != null;
        long events = 0;
        long inWindow = 0;
        long eventsInWindow = 0;
        int ok = 0;
        int otherErrors = warm == null ? 0 : warm.failures();
        int measuredSeen = 0;
        for (LoadGenerator.StreamResult r : outcome.streams()) {
            StreamCheck.Verdict v = check.check(r);
            if (!v.ok()) {
                problems.merge(v.problem().replaceAll("\\d+", "N"), 1, Integer::sum);
            } else if (windowClosed && r.endNs() >= open.nanos && r.endNs() <= close.nanos) {
                inWindow++;
                eventsInWindow += v.events();
            }
            if (!r.measured()) {
                otherErrors += v.ok() ? 0 : 1;
                continue;
            }
            measuredSeen++;
            if (v.ok()) {
                ok++;
                events += v.events();
                ttfb.add(r.ttfbMillis());
                total.add(r.totalMillis());
            }
        }
        int expectedMeasured = settings.clients() * settings.measured();
        if (measuredSeen < expectedMeasured) {
            problems.merge("measured streams not finished by the time limit", expectedMeasured - measuredSeen, Integer::sum);
        }
        double window = windowClosed ? (close.nanos - open.nanos) / 1e9 : Double.NaN;
        ProcStat.Ticks own = windowClosed ? close.own.minus(open.own) : null;
        ProcStat.Ticks bridged = windowClosed ? close.bridge.minus(open.bridge) : null;
        // CPU time the machine spent on anything but this JVM and the bridge: another workload would skew every figure.
        Map<String, Double> threads = new LinkedHashMap<>();
        if (bridge != null && windowClosed) {
            for (Map.Entry<String, Double> kind : ProcStat.byThreadKind(open.bridgeThreads, close.bridgeThreads).entrySet()) {
                threads.put(kind.getKey(), kind.getValue() / inWindow);
            }
        }
        double otherCores = windowClosed
                ? (ProcStat.ticksToMillis(close.machine.busy() - open.machine.busy()) - own.millis() - bridged.millis()) / (window * 1000)
                : Double.NaN;
        return new Result(s, expectedMeasured, ok, expectedMeasured - ok, otherErrors, problems,
                Dist.of(ttfb.stream().mapToDouble(Double::doubleValue).toArray()),
                Dist.of(total.stream().mapToDouble(Double::doubleValue).toArray()),
                inWindow / window, eventsInWindow / window, ok == 0 ? 0 : (double) events / ok, peakOpen,
                windowClosed ? close.machine.busySince(open.machine) : Double.NaN, otherCores,
                bridge == null || !windowClosed ? Cpu.NONE : Cpu.perStream(bridged, inWindow), threads,
                windowClosed ? Cpu.perStream(own, inWindow) : Cpu.NONE, idleRss, peakRss, endRss, outcome.inTime(), warm);
    }

    private static String chatRequest() {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"In one paragraph: what makes a crosswalk safe?\"}],"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.7}";
    }

    private static String responsesRequest() {
        return "{\"model\":\"gpt-4o-mini\",\"instructions\":\"You are a concise assistant.\","
                + "\"input\":[{\"role\":\"user\",\"content\":\"In one paragraph: what makes a crosswalk safe?\"}],"
                + "\"stream\":true,\"temperature\":0.7}";
    }

    /** The first baseline at the same concurrency: what the bridge's rows are compared with. */
    private static Result baselineFor(Result r, List<Result> results) {
        for (Result b : results) {
            if (b.scenario().kind() == Kind.BASELINE && b.scenario().clients() == r.scenario().clients()) {
                return b;
            }
        }
        return r;
    }

    private String markdown(Instant started, List<Result> results, List<String> heap, List<String> bridgeCommand, double idle,
            WarmUp loadWarmUp) {
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder();
        md.append("## Bridge load run, ").append(started).append("\n\n");
        md.append("Issue 7, item 3: ").append(clients).append(" concurrent streams")
                .append(lowClients > 0 ? " (and " + lowClients + ")" : "")
                .append(" straight to a paced fake Chat Completions upstream, then through `crosswalk serve` (its own JVM), ")
                .append("all in one run on the loopback interface. Generated by `dev.crosswalk.benchmarks.load.BridgeLoadRun`.\n\n");
        md.append("### Machine\n\n");
        md.append("- CPU: ").append(ProcStat.cpuModel()).append(", ").append(cores).append(" cores; RAM: ").append(memTotalMib())
                .append(" MiB; OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
        md.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(" (load generator, fake upstream and bridge alike)\n");
        md.append("- The load generator and the fake upstream share one JVM (flags: `")
                .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())).append("`); ")
                .append("the bridge runs in another; all of them share the same ").append(cores).append(" cores.\n");
        md.append(String.format(Locale.ROOT, "- Machine busy in the 3 s before the run: %.0f %%%s%n%n", 100 * idle,
                idle > NOT_IDLE ? " (**not idle: every figure below is skewed**)" : " (idle)"));
        md.append("### Settings\n\n");
        md.append("- Fake upstream (plain Netty, minimal HTTP/1.1; the answer encoded once, copied into one buffer per stream with ")
                .append("its id patched in, each event written as a slice of it; paced by one thread that has the event loops send ")
                .append("what is due every 1 ms, so each write goes up to 1 ms after its time, never early): ")
                .append("`POST /v1/chat/completions`, `stream: true` only; role chunk at once, ").append(chunks).append(" text deltas ")
                .append(intervalMillis).append(" ms apart, then finish chunk, usage chunk and `data: [DONE]` one interval later: ")
                .append(streamDuration.toMillis()).append(" ms and ").append(chunks + 4).append(" Chat events per stream, each flushed ")
                .append("on its own (`[DONE]` with the terminal chunk).\n");
        md.append("- Load generator (plain Netty, minimal HTTP/1.1: the request encoded once, the answer parsed just enough to see ")
                .append("its first body byte and its end; one keep-alive connection per client; ").append(loadThreads)
                .append(" event loops shared with the fake upstream): N concurrent clients, each ")
                .append("sending streams back to back: W warm-up, ").append(measured).append(" measured, ")
                .append(cooldown).append(" cool-down (so every measured stream runs with N open); first streams spread over ")
                .append(streamDuration.toMillis()).append(" ms; N × ").append(measured).append(" measured streams per scenario. ")
                .append("W = ").append(warmup).append(" at ").append(clients).append(" streams, ").append(LOW_WARMUP)
                .append(" at ").append(lowClients).append(" (on the bridge of the row before). The load generator first runs one ")
                .append("unreported baseline to warm itself up. Time limit ")
                .append(intOption("time-limit-s", 600)).append(" s for the run.\n");
        md.append("- Time to first byte (TTFB): from sending the request to the first byte of the response body; total: to the ")
                .append("body's end. Percentiles by nearest rank over the measured streams that were complete and right (every ")
                .append("delta, the proper end: `[DONE]` for Chat, `response.completed` with the full text for Responses); any other ")
                .append("stream is an error. Throughput: the complete streams (any phase) that ended in the measured window ")
                .append("(first measured start to last measured end), and their SSE events, per second; the upstream's pace bounds ")
                .append("it at N / ").append(String.format(Locale.ROOT, "%.3f", streamDuration.toMillis() / 1000.0)).append(" s.\n");
        md.append("- Bridge: `").append(bridgeCommand.isEmpty() ? "(not started)" : String.join(" ", redactPaths(bridgeCommand)))
                .append("`: no client keys (it forwards the client's Authorization header), memory store (Responses turns are ")
                .append("stored, the default), default logging (one access line per request). Heap flags: `")
                .append(heap.isEmpty() ? "none" : String.join(" ", heap)).append("`")
                .append(results.stream().anyMatch(r -> r.scenario().kind() != Kind.BASELINE && r.scenario().bridgeJvm().isEmpty())
                        ? ", or none (the JVM's default heap: a quarter of RAM) where the row says so" : "")
                .append(". A fresh bridge per scenario at ").append(clients).append(" streams, first warmed up (unmeasured) in ")
                .append("batches of 2 streams per client, at ").append(warmClients).append(" then ").append(clients)
                .append(" streams, until its JIT compiler threads use at most ")
                .append(String.format(Locale.ROOT, "%.0f", 100 * JIT_QUIET)).append(" % of a core in one batch at ").append(warmClients)
                .append(" and in ").append(warmQuiet).append(" batches in a row at ").append(clients).append(" (at most ").append(warmMaxSeconds)
                .append(" s in all): at full load on 2 cores the compiler starves and a cold bridge would be measured ")
                .append("half-compiled, which a long-running bridge is not. The load generator and fake upstream (one JVM) are warmed ")
                .append("up the same way, straight to the upstream at ").append(clients).append(" streams, before the first baseline")
                .append(loadWarmUp == null ? "" : " (" + loadWarmUp.describe() + ")").append(". ")
                .append("Peak RSS is its `VmHWM` ")
                .append("(`/proc/PID/status`) at the scenario's end (since it started, so it includes the row before on a reused bridge).\n");
        results.stream().filter(r -> r.scenario().jar() != null).findFirst().ifPresent(r -> md.append("- Rows marked [before]: the same ")
                .append(options.containsKey("before-jvm") ? "command with JVM flags `" + options.get("before-jvm") + "` (see the table)"
                        : "command and JVM flags")
                .append(" with another build of the bridge, `").append(r.scenario().jar().getFileName()).append("` (")
                .append(options.getOrDefault("before-label", "given with --before-jar")).append("), in this run, against the same baselines.\n"));
        if (results.stream().anyMatch(r -> r.scenario().routed())) {
            md.append("- Two routes (rows that say so): the same bridge command with `--config crosswalk.yaml` instead of `--upstream`, ")
                    .append("the file below (both upstreams are the one fake). The load's model `gpt-4o-mini` is an exact route that renames ")
                    .append("it, so every request body is read before it is sent, its model looked up and rewritten; metrics are ")
                    .append("recorded for every request, as always.\n\n```yaml\n")
                    .append(ROUTES.formatted("http://127.0.0.1:UPSTREAM_PORT/v1")).append("```\n");
        }
        md.append("\n");

        md.append("### Results\n\n");
        md.append("| scenario | streams | bridge JVM flags | complete / measured | errors | TTFB p50 | TTFB p99 | TTFB max "
                + "| total p50 | total p99 | total max | streams/s | events/s | bridge peak RSS |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d / %d | %d | %s | %s | %s | %s | %s | %s | %.1f | %.0f | %s |%n",
                    r.scenario().name(), r.scenario().clients(), r.scenario().flags(), r.ok(), r.expected(), r.allErrors(),
                    ms(r.ttfb().p50()), ms(r.ttfb().p99()), ms(r.ttfb().max()), ms(r.total().p50()), ms(r.total().p99()),
                    ms(r.total().max()), r.streamsPerSecond(), r.eventsPerSecond(), r.peakRssKib() == 0 ? "—" : mib(r.peakRssKib())));
        }
        md.append("\nTimes in milliseconds. Errors count every stream of the scenario, warm-up and cool-down included.\n\n");
        md.append("### Added by the bridge (scenario − baseline at the same concurrency, same run)\n\n");
        md.append("| scenario | streams | added TTFB p50 | added TTFB p99 | added total p50 | added total p99 |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Result b = baselineFor(r, results);
            if (b == r) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", r.scenario().name(), r.scenario().clients(),
                    added(r.ttfb().p50(), b.ttfb().p50()), added(r.ttfb().p99(), b.ttfb().p99()),
                    added(r.total().p50(), b.total().p50()), added(r.total().p99(), b.total().p99())));
        }
        md.append("\nThe \"baseline again\" row, run after the bridge scenarios, shows how much two identical runs differ.\n\n");
        md.append("### Where the CPU went (measured window)\n\n");
        md.append("| scenario | streams | machine CPU busy | bridge CPU per stream | bridge CPU per stream by thread "
                + "| load generator + upstream CPU per stream | other processes | upstream peak open streams | bridge RSS start → end "
                + "| events per stream | bridge warm-up before the row |\n");
        md.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            StringBuilder threads = new StringBuilder();
            r.bridgeThreads().forEach((kind, millis) -> threads.append(threads.length() == 0 ? "" : ", ")
                    .append(kind).append(String.format(Locale.ROOT, " %.2f", millis)));
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f %% of %d cores | %s | %s | %s | %.2f cores | %d | %s | %.0f | %s |%n",
                    r.scenario().name(), r.scenario().clients(), 100 * r.machineBusy(), cores, r.bridgeCpu().describe(),
                    threads.length() == 0 ? "—" : threads, r.loadCpu().describe(), r.otherCores(), r.upstreamPeakOpen(),
                    r.peakRssKib() == 0 ? "—" : mib(r.idleRssKib()) + " → " + mib(r.endRssKib()), r.eventsPerStream(),
                    r.warmUp() == null ? "—" : r.warmUp().describe()));
        }
        md.append("\nCPU per stream: CPU time in the measured window over the streams that ended in it; system time is the kernel "
                + "working for the process (loopback sockets, wake-ups). By thread (ms): Netty event loops (the bridge's own work: "
                + "HTTP, relaying, translating, storing, logging), JIT compiler, garbage collector, the rest. Other "
                + "processes: the machine's busy time minus this JVM's and the bridge's, in cores; near 0 when nothing else runs.\n\n");
        List<String> problems = new ArrayList<>();
        for (Result r : results) {
            r.problems().forEach((p, n) -> problems.add("- " + r.scenario().name() + ", " + r.scenario().clients() + " streams: " + n + " × " + p));
            if (!r.inTime()) {
                problems.add("- " + r.scenario().name() + ", " + r.scenario().clients() + " streams: hit the time limit; open streams were cut");
            }
        }
        if (!problems.isEmpty()) {
            md.append("### Errors\n\n").append(String.join("\n", problems)).append("\n\n");
        }
        md.append("### Targets (at ").append(clients).append(" concurrent streams)\n\n").append(verdicts(results));
        return md.toString();
    }

    private String verdicts(List<Result> results) {
        StringBuilder v = new StringBuilder();
        for (Result r : results) {
            Result b = baselineFor(r, results);
            if (r.scenario().kind() == Kind.BASELINE || r.scenario().clients() != clients) {
                continue;
            }
            double addedP99 = r.ttfb().p99() - b.ttfb().p99();
            double rss = r.peakRssKib() / 1024.0;
            v.append(String.format(Locale.ROOT, "- %s (heap flags: %s): added p99 TTFB %s ms, %s; peak RSS %.0f MiB, %s%s%n",
                    r.scenario().name(), r.scenario().flags(), signed(addedP99),
                    addedP99 <= TTFB_TARGET_MS ? "target ≤ 2 ms met"
                            : String.format(Locale.ROOT, "target ≤ 2 ms **missed** by %.2f ms", addedP99 - TTFB_TARGET_MS),
                    rss, rss <= RSS_TARGET_MIB ? "target ≤ 256 MiB met"
                            : String.format(Locale.ROOT, "target ≤ 256 MiB **missed** by %.0f MiB", rss - RSS_TARGET_MIB),
                    r.allErrors() == 0 ? "" : "; " + r.allErrors() + " streams in error"));
        }
        return v.toString();
    }

    private static String summary(Result r, Result baseline) {
        return String.format(Locale.ROOT, "%d/%d complete, TTFB p50 %s p99 %s ms (added p99 %s), total p50 %s p99 %s ms, %.1f streams/s, "
                        + "%.0f events/s, CPU/stream: load %.2f ms, bridge %s ms; other %.2f cores%s", r.ok(), r.expected(),
                ms(r.ttfb().p50()), ms(r.ttfb().p99()), signed(r.ttfb().p99() - baseline.ttfb().p99()), ms(r.total().p50()),
                ms(r.total().p99()), r.streamsPerSecond(), r.eventsPerSecond(), r.loadCpu().total(), ms(r.bridgeCpu().total()),
                r.otherCores(), r.peakRssKib() == 0 ? "" : ", bridge peak RSS " + mib(r.peakRssKib()));
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "—" : String.format(Locale.ROOT, "%.2f", millis);
    }

    private static String signed(double millis) {
        return Double.isNaN(millis) ? "—" : String.format(Locale.ROOT, "%+.2f", millis);
    }

    private static String added(double value, double baseline) {
        return signed(value - baseline);
    }

    private static String mib(long kib) {
        return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    /** The java executable's full path and the upstream's random port say nothing useful. */
    private static List<String> redactPaths(List<String> command) {
        List<String> out = new ArrayList<>(command);
        out.set(0, "java");
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("http://127.0.0.1:")) {
                out.set(i, "http://127.0.0.1:UPSTREAM_PORT/v1");
            }
        }
        return out;
    }

    /** The share of the machine's CPU that is busy over three seconds, before anything starts. */
    private static double idleCheck() throws IOException, InterruptedException {
        ProcStat.Machine before = ProcStat.machine();
        Thread.sleep(3000);
        return ProcStat.machine().busySince(before);
    }

    private static long memTotalMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return -1;
    }

    private static List<String> split(String flags) {
        return flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }
}
