package dev.crosswalk.bridge.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the bridge holds at once, across all requests: a body that would go beyond the budget
 * is refused with 503 and {@code Retry-After} before it is read, instead of letting concurrent large bodies exhaust
 * the heap (where the JVM's answer is an {@code OutOfMemoryError} and a dropped connection). A body of unknown length
 * (chunked) is counted at the largest size accepted.
 *
 * <pre>{@code
 * InflightBudget budget = new InflightBudget(64L << 20);
 * if (budget.tryReserve(n)) { try { ... } finally { budget.release(n); } }
 * }</pre>
 */
final class InflightBudget {
    private final long max;
    private final AtomicLong used = new AtomicLong();

    InflightBudget(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("the in-flight budget must be positive, was " + max);
        }
        this.max = max;
    }

    /** Takes {@code bytes} from the budget if they fit; a single body larger than the whole budget fits only alone. */
    boolean tryReserve(long bytes) {
        return tryReserve(bytes, 0);
    }

    /**
     * Like {@link #tryReserve(long)} for a request that already holds {@code held} bytes: a request whose bodies
     * together exceed the whole budget still fits when it is the only one holding any.
     */
    boolean tryReserve(long bytes, long held) {
        while (true) {
            long now = used.get();
            if (now - held > 0 && now + bytes > max) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The bytes reserved now. */
    long used() {
        return used.get();
    }

    static BridgeException overloaded() {
        return new BridgeException(503, new dev.crosswalk.translator.error.OpenAiError(
                "The bridge is holding as many request bytes as its memory allows (--max-inflight-bytes); retry shortly.",
                Errors.SERVER_ERROR, null, "overloaded"), java.util.Map.of("Retry-After", "1"));
    }
}
