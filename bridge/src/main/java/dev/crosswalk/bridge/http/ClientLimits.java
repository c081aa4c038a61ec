package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.route.RoutesConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Per-client-key limits (issue 16): requests per minute as a token bucket (a key may burst up to the limit, then gets
 * one request every {@code 60s / limit}), and streams open at once. A refused request gets 429 in OpenAI's error
 * shape with {@code Retry-After}. Clients are told apart by the digest of their credential, never the key itself.
 *
 * <p>The limits come with each call (the routes file's, or the key's own from the client keys file), so one
 * instance serves the bridge's whole life: a reload changes the limits, not what each client has already used —
 * its open streams still count, its bucket keeps its level.
 */
final class ClientLimits {
    /** Above this many tracked clients, idle full buckets are forgotten (they hold nothing a new bucket would not). */
    private static final int SWEEP_ABOVE = 10_000;
    private static final Runnable NOTHING = () -> { };

    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> streams = new ConcurrentHashMap<>();

    ClientLimits(LongSupplier nanos) {
        this.nanos = nanos;
    }

    static ClientLimits create() {
        return new ClientLimits(System::nanoTime);
    }

    /** Takes one request from the client's budget under {@code limits}, or throws the 429 to answer with. */
    void admit(String client, RoutesConfig.Limits limits) {
        int perMinute = limits.requestsPerMinute();
        if (perMinute == 0) {
            return;
        }
        if (buckets.size() > SWEEP_ABOVE) {
            long now = nanos.getAsLong();
            buckets.values().removeIf(b -> b.full(now));
        }
        long waitNanos = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, nanos.getAsLong())).take(nanos.getAsLong(), perMinute);
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            throw tooMany("Rate limit reached for requests per minute (RPM) for this key: limit " + perMinute
                    + ". Please try again in " + seconds + "s.", seconds);
        }
    }

    /**
     * Opens a stream for the client under {@code limits}, or throws the 429 to answer with.
     *
     * @return what to run when the stream ends
     */
    Runnable openStream(String client, RoutesConfig.Limits limits) {
        int max = limits.concurrentStreams();
        if (max == 0) {
            return NOTHING;
        }
        boolean[] admitted = new boolean[1];
        streams.compute(client, (c, open) -> {
            int now = open == null ? 0 : open;
            admitted[0] = now < max;
            return admitted[0] ? now + 1 : open;
        });
        if (!admitted[0]) {
            throw tooMany("Too many concurrent streams for this key: limit " + max + ". Please retry when one has finished.", 1);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                streams.computeIfPresent(client, (c, open) -> open <= 1 ? null : open - 1);
            }
        };
    }

    /** Streams the client holds open (tests). */
    int openStreams(String client) {
        return streams.getOrDefault(client, 0);
    }

    private static BridgeException tooMany(String message, long retryAfterSeconds) {
        return new BridgeException(429, new dev.crosswalk.translator.error.OpenAiError(message, "requests", null, "rate_limit_exceeded"),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** A token bucket refilled at its limit per minute and holding up to it; the limit may change between calls. */
    private static final class Bucket {
        private int capacity;
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
        }

        /** Takes a token: 0 if there was one, else how long until there is. */
        synchronized long take(long now, int limit) {
            refill(now);
            if (limit != capacity) {
                // A reload changed the key's limit: a higher one gives the difference at once, a lower one caps the level.
                tokens = limit > capacity ? tokens + (limit - capacity) : Math.min(tokens, limit);
                capacity = limit;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano());
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private double perNano() {
            return capacity / (double) TimeUnit.MINUTES.toNanos(1);
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano());
            last = now;
        }
    }
}
