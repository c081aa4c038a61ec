package dev.crosswalk.springai;

import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.error.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * Turns upstream error answers into {@link CrosswalkApiException}s, with credentials scrubbed from everything: the
 * body is read by the core's {@link UpstreamError} and masked by its {@link Redactor} (the API key at any length, and
 * key-shaped tokens).
 */
final class UpstreamErrors {

    /** Bodies longer than this are cut in messages; the exception keeps the whole (redacted) body. */
    private static final int MAX_MESSAGE_CHARS = 500;

    private final JsonCodec codec;
    private final Redactor redactor;

    UpstreamErrors(JsonCodec codec, @Nullable String apiKey) {
        this.codec = codec;
        this.redactor = apiKey == null || apiKey.isEmpty() ? Redactor.patternsOnly() : Redactor.of(apiKey);
    }

    CrosswalkApiException httpError(String summary, HttpStatusCode status, HttpHeaders headers, byte[] body) {
        String text = redact(new String(body, StandardCharsets.UTF_8));
        OpenAiError error = parse(text);
        String message = error != null ? error.message() : text.isBlank() ? null : abbreviate(text);
        return new CrosswalkApiException(summary, status, headers, text.getBytes(StandardCharsets.UTF_8), message,
                error == null ? null : error.type(), error == null ? null : error.code(),
                error == null ? null : error.param(), retryAfter(headers));
    }

    /** The error with credentials scrubbed from every member. */
    OpenAiError redact(OpenAiError error) {
        return redactor.redact(error);
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    Redactor redactor() {
        return redactor;
    }

    /** The upstream's error object in {@code body} (any live shape), or {@code null} if it holds none. */
    @Nullable OpenAiError parse(String body) {
        return UpstreamError.readBody(body.getBytes(StandardCharsets.UTF_8), codec);
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() <= MAX_MESSAGE_CHARS ? t : t.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** {@code retry-after-ms} (OpenAI's, precise), else {@code Retry-After} in seconds or as an HTTP date. */
    static @Nullable Duration retryAfter(HttpHeaders headers) {
        String ms = headers.getFirst("retry-after-ms");
        if (ms != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.trim())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
