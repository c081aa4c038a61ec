package dev.crosswalk.benchmarks.load;

import dev.crosswalk.benchmarks.load.LoadGenerator.Outcome;
import dev.crosswalk.benchmarks.load.LoadGenerator.Settings;
import dev.crosswalk.benchmarks.load.LoadGenerator.StreamResult;
import dev.crosswalk.benchmarks.load.LoadGenerator.Window;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The session-3 load generator, kept for one comparison with {@link LoadGenerator}. A closed-loop load generator: {@code clients} concurrent clients, each sending streamed POSTs back to back over
 * keep-alive HTTP/1.1 connections (Reactor Netty: no thread waits on a stream, and reading costs as little CPU as it
 * can on the machine the bridge shares). Each client sends {@code warmup} streams, then {@code measured} streams,
 * then {@code cooldown} streams; the first streams start spread evenly over one stream's duration, so the measured
 * streams all run at full concurrency and arrive at an even rate instead of in one burst.
 *
 * <p>Per stream it records the time from just before the request is sent to the first byte of the response body,
 * and to the body's end, and keeps the body to be checked after the run (checking costs nothing while measuring).
 * Bounded: a fixed number of streams, and a deadline after which open streams are cut and counted as failures.
 */
final class ReactorLoadGenerator {
    private final HttpClient client;
    private final ConnectionProvider pool;
    private final String uri;
    private final byte[] body;
    private final Settings settings;
    private final Window window;
    private final Queue<StreamResult> results = new ConcurrentLinkedQueue<>();
    private final Set<Disposable> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean windowOpened = new AtomicBoolean();
    private final AtomicInteger measuredLeft;
    private final CountDownLatch finished;

    ReactorLoadGenerator(URI uri, byte[] body, Settings settings, Window window) {
        this.pool = ConnectionProvider.builder("load-generator")
                .maxConnections(settings.clients() * 2)
                .pendingAcquireMaxCount(-1)
                .build();
        this.client = HttpClient.create(pool)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + FakeChatUpstream.KEY)
                        .set(HttpHeaderNames.CONTENT_LENGTH, body.length))
                .responseTimeout(Duration.ofSeconds(30));
        this.uri = uri.toString();
        this.body = body;
        this.settings = settings;
        this.window = window;
        this.measuredLeft = new AtomicInteger(settings.clients() * settings.measured());
        this.finished = new CountDownLatch(settings.clients());
    }

    /**
     * Runs every client to its end, or until {@code deadlineNanos} ({@link System#nanoTime()}): then the open
     * streams are cut and no new ones start.
     *
     * @return every stream sent, and whether the run ended before the deadline
     */
    Outcome run(long deadlineNanos) throws InterruptedException {
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-starter");
            t.setDaemon(true);
            return t;
        });
        long spread = settings.streamDuration().toNanos();
        for (int c = 0; c < settings.clients(); c++) {
            int id = c;
            starter.schedule(() -> next(id, 0), spread * c / settings.clients(), TimeUnit.NANOSECONDS);
        }
        boolean inTime = finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!inTime) {
            stopped.set(true);
            for (Disposable d : open) {
                d.dispose();
            }
            finished.await(10, TimeUnit.SECONDS);
        }
        starter.shutdownNow();
        pool.disposeLater().block(Duration.ofSeconds(10));
        return new Outcome(new ArrayList<>(results), inTime);
    }

    private void next(int id, int seq) {
        if (seq >= settings.perClient() || stopped.get()) {
            finished.countDown();
            return;
        }
        boolean measured = seq >= settings.warmup() && seq < settings.warmup() + settings.measured();
        if (measured && windowOpened.compareAndSet(false, true)) {
            window.opened();
        }
        Stream s = new Stream();
        AtomicBoolean recorded = new AtomicBoolean();
        Runnable record = () -> {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            long end = s.endNs != 0 ? s.endNs : System.nanoTime();
            if (s.subscription != null) {
                open.remove(s.subscription);
            }
            byte[] bytes;
            synchronized (s.body) {
                bytes = s.body.toByteArray();
            }
            results.add(new StreamResult(id, seq, measured, s.startNs, s.headersNs, s.firstByteNs, end, s.status, bytes, s.failure));
            if (measured && measuredLeft.decrementAndGet() == 0) {
                window.closed();
            }
            next(id, seq + 1);
        };
        s.startNs = System.nanoTime();
        s.subscription = client.post()
                .uri(uri)
                .send((request, out) -> out.sendByteArray(Mono.just(body)))
                .response((response, content) -> {
                    s.headersNs = System.nanoTime();
                    s.status = response.status().code();
                    return content.doOnNext(s::receive).doOnComplete(() -> s.endNs = System.nanoTime()).then();
                })
                .subscribe(ignored -> {
                }, error -> {
                    s.failure = describe(error);
                    record.run();
                }, record);
        open.add(s.subscription);
        if (stopped.get()) {
            s.subscription.dispose();
        }
    }

    private static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** One response being received: its status, the instant of its first body byte and of its end, and its bytes. */
    private static final class Stream {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        volatile long startNs;
        volatile long headersNs;
        volatile long firstByteNs;
        volatile long endNs;
        volatile int status;
        volatile String failure;
        volatile Disposable subscription;

        void receive(ByteBuf buf) {
            int n = buf.readableBytes();
            if (n == 0) {
                return;
            }
            if (firstByteNs == 0) {
                firstByteNs = System.nanoTime();
            }
            byte[] bytes = new byte[n];
            buf.getBytes(buf.readerIndex(), bytes);
            synchronized (body) {
                body.write(bytes, 0, n);
            }
        }
    }
}
