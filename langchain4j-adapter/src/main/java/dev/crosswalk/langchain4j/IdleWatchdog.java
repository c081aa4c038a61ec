package dev.crosswalk.langchain4j;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * Fires once when a stream has been silent for longer than its timeout. HTTP clients apply their read timeout only
 * until the response headers arrive; without this a stalled stream would hang its handler forever.
 */
final class IdleWatchdog {
    private final long timeoutNanos;
    private final Runnable onIdle;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    private IdleWatchdog(Duration timeout, Runnable onIdle) {
        this.timeoutNanos = timeout.toNanos();
        this.onIdle = onIdle;
    }

    static IdleWatchdog start(Duration timeout, Runnable onIdle) {
        IdleWatchdog watchdog = new IdleWatchdog(timeout, onIdle);
        watchdog.schedule(watchdog.timeoutNanos);
        return watchdog;
    }

    void activity() {
        lastActivity = System.nanoTime();
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void schedule(long delayNanos) {
        if (!stopped) {
            next = Retries.schedule(this::check, Duration.ofNanos(delayNanos));
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle >= timeoutNanos) {
            stopped = true;
            onIdle.run();
        } else {
            schedule(timeoutNanos - idle);
        }
    }
}
