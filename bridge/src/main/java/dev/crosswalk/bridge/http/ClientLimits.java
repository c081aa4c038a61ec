package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.route.RoutesConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Per-client-key limits (issue 16): requests per minute as a token bucket (a key may burst up to the limit, then gets
 * one request every {@code 60s / limit}), and streams open at once. A refused request gets 429 in OpenAI's error
 * shape with {@code Retry-After}. Clients are told apart by the digest of their credential, never the key itself.
 */
final class ClientLimits {
    /** Above this many tracked clients, idle full buckets are forgotten (they hold nothing a new bucket would not). */
    private static final int SWEEP_ABOVE = 10_000;

    private final RoutesConfig.Limits limits;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> streams = new ConcurrentHashMap<>();

    ClientLimits(RoutesConfig.Limits limits, LongSupplier nanos) {
        this.limits = limits;
        this.nanos = nanos;
    }

    static ClientLimits of(RoutesConfig.Limits limits) {
        return new ClientLimits(limits, System::nanoTime);
    }

    RoutesConfig.Limits limits() {
        return limits;
    }

    /** Takes one request from the client's budget, or throws the 429 to answer with. */
    void admit(String client) {
        int perMinute = limits.requestsPerMinute();
        if (perMinute == 0) {
            return;
        }
        if (buckets.size() > SWEEP_ABOVE) {
            long now = nanos.getAsLong();
            buckets.values().removeIf(b -> b.full(now));
        }
        long waitNanos = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, nanos.getAsLong())).take(nanos.getAsLong());
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            throw tooMany("Rate limit reached for requests per minute (RPM) for this key: limit " + perMinute
                    + ". Please try again in " + seconds + "s.", seconds);
        }
    }

    /**
     * Opens a stream for the client, or throws the 429 to answer with.
     *
     * @return what to run when the stream ends
     */
    Runnable openStream(String client) {
        int max = limits.concurrentStreams();
        if (max == 0) {
            return () -> { };
        }
        AtomicInteger open = streams.computeIfAbsent(client, c -> new AtomicInteger());
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw tooMany("Too many concurrent streams for this key: limit " + max + ". Please retry when one has finished.", 1);
        }
        return open::decrementAndGet;
    }

    private static BridgeException tooMany(String message, long retryAfterSeconds) {
        return new BridgeException(429, new dev.crosswalk.translator.error.OpenAiError(message, "requests", null, "rate_limit_exceeded"),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** A token bucket holding up to {@code capacity} requests, refilled at {@code capacity} per minute. */
    private static final class Bucket {
        private final int capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.perNano = capacity / (double) TimeUnit.MINUTES.toNanos(1);
            this.tokens = capacity;
            this.last = now;
        }

        /** Takes a token: 0 if there was one, else how long until there is. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
