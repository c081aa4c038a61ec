package dev.crosswalk.translator.error;

/**
 * An error response body, {@code {"error": {"message", "type", "param", "code"}}}, as both protocols send it.
 *
 * @param error the error
 */
public record ErrorResponse(OpenAiError error) {
}
