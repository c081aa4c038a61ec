package dev.crosswalk.langchain4j;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RetriableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries of what LangChain4j calls retriable (rate limits, 5xx, timeouts) with exponential backoff and jitter,
 * and the one timer thread streams use for backoff and idle checks.
 */
final class Retries {
    private static final Logger log = LoggerFactory.getLogger(Retries.class);
    private static final long BASE_DELAY_MILLIS = 500;
    private static final long MAX_DELAY_MILLIS = 8_000;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crosswalk-langchain4j-timer");
        t.setDaemon(true);
        return t;
    });

    private Retries() {
    }

    /** Runs {@code call}, mapping what it throws, and runs it again on retriable failures up to {@code maxRetries} times. */
    static <T> T call(Supplier<T> call, int maxRetries, RequestHeaders headers) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                RuntimeException mapped = Errors.map(e, headers);
                if (!(mapped instanceof RetriableException) || attempt >= maxRetries) {
                    throw mapped;
                }
                Duration delay = delay(attempt);
                log.warn("attempt {} of {} failed, retrying in {} ms: {}", attempt + 1, maxRetries + 1, delay.toMillis(), mapped.getMessage());
                sleep(delay);
            }
        }
    }

    /** 0.5 s, 1 s, 2 s … at most 8 s, each with up to 20 % jitter so many clients do not retry in step. */
    static Duration delay(int attempt) {
        long base = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(attempt, 10));
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 5 + 1));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LangChain4jException("interrupted while waiting to retry", e);
        }
    }

    static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
