package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.OpenAiError;
import java.util.Map;

/**
 * A request that ends in an HTTP error: the status and the OpenAI-shaped error body to send, plus headers worth
 * passing on (such as the upstream's {@code Retry-After}). Messages never contain keys: upstream messages are
 * redacted before they get here.
 *
 * <pre>{@code
 * throw BridgeException.of(404, "invalid_request_error", "previous_response_id", "previous_response_not_found",
 *         "Previous response with id 'resp_1' not found.");
 * }</pre>
 */
public final class BridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient OpenAiError error;
    private final transient Map<String, String> headers;

    public BridgeException(int status, OpenAiError error, Map<String, String> headers) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public BridgeException(int status, OpenAiError error) {
        this(status, error, Map.of());
    }

    /** An error with the given status, type, param, code and message. */
    public static BridgeException of(int status, String type, String param, String code, String message) {
        return new BridgeException(status, new OpenAiError(message, type, param, code));
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The body's {@code error} object. */
    public OpenAiError error() {
        return error;
    }

    /** Response headers to add (for example {@code Retry-After}). */
    public Map<String, String> headers() {
        return headers;
    }
}
