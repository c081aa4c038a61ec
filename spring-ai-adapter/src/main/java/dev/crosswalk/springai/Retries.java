package dev.crosswalk.springai;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Retries on 429, 5xx and connection failures, honouring the upstream's {@code Retry-After}.
 *
 * <p>Retry-After is honoured inside the retried operation rather than by a special back-off, so that it works with
 * any {@link RetryTemplate} an application supplies: before a new attempt, the operation waits until the time the
 * upstream named, on top of the template's own back-off. Like OpenAI's SDKs, waits of more than a minute are not
 * honoured (the template's back-off applies alone).
 */
final class Retries {

    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private Retries() {
    }

    /** The default template: {@code maxRetries} retries, exponential back-off, only {@link #isTransient} failures. */
    static RetryTemplate template(long maxRetries, Duration delay, double multiplier, Duration maxDelay) {
        return new RetryTemplate(RetryPolicy.builder().maxRetries(maxRetries).delay(delay).multiplier(multiplier)
                .maxDelay(maxDelay).predicate(Retries::isTransient).build());
    }

    /**
     * Whether a new attempt may succeed: 429 and 5xx answers, and failures to connect or exchange. A read timeout is
     * not retried: the upstream was reached, and another wait of the same length rarely ends better.
     */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof CrosswalkApiException e) {
            int status = e.getStatusCode().value();
            return status == 429 || e.getStatusCode().is5xxServerError();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return true;
            }
            if (t instanceof HttpTimeoutException) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code attempt} under {@code template}; rethrows the last failure as it was. */
    static <T> T execute(RetryTemplate template, String name, Supplier<T> attempt) {
        RetryAfterAware<T> retryable = new RetryAfterAware<>(name, attempt);
        try {
            return template.execute(retryable);
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (last instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getMessage(), last);
        }
    }

    /**
     * Retries {@code source} under {@code policy} as long as it has emitted nothing: once an event has gone
     * downstream, a new attempt would repeat it.
     */
    static <T> Flux<T> retryBeforeFirstItem(Flux<T> source, RetryPolicy policy) {
        return Flux.defer(() -> {
            boolean[] emitted = {false};
            BackOffExecution backOff = policy.getBackOff().start();
            return source.doOnNext(item -> emitted[0] = true)
                    .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                        Throwable failure = signal.failure();
                        if (emitted[0] || !policy.shouldRetry(failure)) {
                            return Mono.error(failure);
                        }
                        long next = backOff.nextBackOff();
                        if (next == BackOffExecution.STOP) {
                            return Mono.error(failure);
                        }
                        Duration wait = Duration.ofMillis(next);
                        Duration asked = retryAfter(failure);
                        if (asked != null && asked.compareTo(wait) > 0) {
                            wait = asked;
                        }
                        return Mono.delay(wait);
                    })));
        });
    }

    static @Nullable Duration retryAfter(Throwable failure) {
        if (failure instanceof CrosswalkApiException e) {
            Duration asked = e.getRetryAfter().orElse(null);
            return asked != null && asked.compareTo(MAX_RETRY_AFTER) <= 0 ? asked : null;
        }
        return null;
    }

    /** One operation; a failure's Retry-After delays the next attempt. */
    private static final class RetryAfterAware<T> implements Retryable<T> {
        private final String name;
        private final Supplier<T> attempt;
        private @Nullable Instant notBefore;

        RetryAfterAware(String name, Supplier<T> attempt) {
            this.name = name;
            this.attempt = attempt;
        }

        @Override
        public T execute() throws InterruptedException {
            if (notBefore != null) {
                long wait = Duration.between(Instant.now(), notBefore).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                notBefore = null;
            }
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                Duration asked = retryAfter(e);
                if (asked != null) {
                    notBefore = Instant.now().plus(asked);
                }
                throw e;
            }
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
