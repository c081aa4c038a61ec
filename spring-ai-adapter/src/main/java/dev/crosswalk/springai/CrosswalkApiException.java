package dev.crosswalk.springai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClientResponseException;

/**
 * The upstream answered with an HTTP error. Carries its status, headers and body, and the fields of its OpenAI error
 * object ({@code {"error": {"message", "type", "param", "code"}}}) when it sent one. The API key never appears here:
 * wherever the upstream echoed it, it is replaced by {@code ***}.
 *
 * <pre>{@code
 * try {
 *     chatClient.prompt("Hi").call().content();
 * } catch (CrosswalkApiException e) {
 *     if (e.getStatusCode().value() == 401) { ... }
 *     log.warn("upstream refused: {} ({})", e.getErrorMessage(), e.getErrorCode());
 * }
 * }</pre>
 */
public class CrosswalkApiException extends RestClientResponseException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String errorMessage;
    private final @Nullable String errorType;
    private final @Nullable String errorCode;
    private final @Nullable String errorParam;
    private final @Nullable Duration retryAfter;

    /**
     * @param summary what failed, e.g. {@code POST /v1/responses}
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the response body, already redacted
     * @param errorMessage the error object's {@code message}, or {@code null}
     * @param errorType the error object's {@code type}, or {@code null}
     * @param errorCode the error object's {@code code}, or {@code null}
     * @param errorParam the error object's {@code param}, or {@code null}
     * @param retryAfter how long the upstream asked to wait ({@code Retry-After}, {@code retry-after-ms}), or {@code null}
     */
    public CrosswalkApiException(String summary, HttpStatusCode status, HttpHeaders headers, byte[] body,
            @Nullable String errorMessage, @Nullable String errorType, @Nullable String errorCode,
            @Nullable String errorParam, @Nullable Duration retryAfter) {
        super(describe(summary, status, errorMessage, errorType, errorCode, errorParam), status, "", headers, body,
                StandardCharsets.UTF_8);
        this.errorMessage = errorMessage;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.errorParam = errorParam;
        this.retryAfter = retryAfter;
    }

    /** The upstream's error {@code message}, or {@code null} when its body was not an OpenAI error object. */
    public @Nullable String getErrorMessage() {
        return errorMessage;
    }

    /** The upstream's error {@code type}, e.g. {@code invalid_request_error}. */
    public @Nullable String getErrorType() {
        return errorType;
    }

    /** The upstream's error {@code code}, e.g. {@code invalid_api_key} or {@code rate_limit_exceeded}. */
    public @Nullable String getErrorCode() {
        return errorCode;
    }

    /** The upstream's error {@code param}: the request field it objects to. */
    public @Nullable String getErrorParam() {
        return errorParam;
    }

    /** How long the upstream asked the client to wait before retrying, if it said. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String describe(String summary, HttpStatusCode status, @Nullable String message,
            @Nullable String type, @Nullable String code, @Nullable String param) {
        StringBuilder s = new StringBuilder(summary).append(" failed with HTTP ").append(status.value());
        if (message != null) {
            s.append(": ").append(message);
        }
        StringBuilder details = new StringBuilder();
        append(details, "type", type);
        append(details, "code", code);
        append(details, "param", param);
        if (!details.isEmpty()) {
            s.append(" (").append(details).append(')');
        }
        return s.toString();
    }

    private static void append(StringBuilder s, String name, @Nullable String value) {
        if (value != null) {
            s.append(s.isEmpty() ? "" : ", ").append(name).append('=').append(value);
        }
    }
}
