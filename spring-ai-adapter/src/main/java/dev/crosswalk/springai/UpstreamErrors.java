package dev.crosswalk.springai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.crosswalk.translator.error.CrosswalkException;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/** Turns upstream error answers into {@link CrosswalkApiException}s, with the API key scrubbed from everything. */
final class UpstreamErrors {

    /** Bodies longer than this are cut in messages; the exception keeps the whole (redacted) body. */
    private static final int MAX_MESSAGE_CHARS = 500;

    private final JsonCodec codec;
    private final @Nullable String apiKey;

    UpstreamErrors(JsonCodec codec, @Nullable String apiKey) {
        this.codec = codec;
        // A very short "key" would redact ordinary words; real keys are long.
        this.apiKey = apiKey != null && apiKey.length() >= 8 ? apiKey : null;
    }

    CrosswalkApiException httpError(String summary, HttpStatusCode status, HttpHeaders headers, byte[] body) {
        String text = redact(new String(body, StandardCharsets.UTF_8));
        OpenAiError error = parse(text);
        String message = error != null ? error.message() : text.isBlank() ? null : abbreviate(text);
        return new CrosswalkApiException(summary, status, headers, text.getBytes(StandardCharsets.UTF_8), message,
                error == null ? null : error.type(), error == null ? null : error.code(),
                error == null ? null : error.param(), retryAfter(headers));
    }

    /** The error with the key scrubbed from its message. */
    OpenAiError redact(OpenAiError error) {
        return new OpenAiError(error.message() == null ? null : redact(error.message()), error.type(), error.param(),
                error.code(), error.extra());
    }

    String redact(String text) {
        return apiKey == null ? text : text.replace(apiKey, "***");
    }

    /** The OpenAI error object in {@code body}, or {@code null} if it holds none. */
    @Nullable OpenAiError parse(String body) {
        try {
            Object tree = codec.readTree(body);
            if (tree instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error) {
                return new OpenAiError(string(error.get("message")), string(error.get("type")),
                        string(error.get("param")), string(error.get("code")));
            }
        } catch (CrosswalkException notJson) {
            // Gateways answer errors in HTML or plain text too: the caller falls back to the raw text.
        }
        return null;
    }

    private static @Nullable String string(@Nullable Object value) {
        return value == null ? null : value.toString();
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
