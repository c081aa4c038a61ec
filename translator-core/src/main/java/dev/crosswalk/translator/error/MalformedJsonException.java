package dev.crosswalk.translator.error;

/**
 * The input is not JSON, or not of the shape the protocol defines (a string where an object belongs, ...).
 * {@link #path()} says where, as a JSON path; {@link #getMessage()} also gives line and column when known.
 */
public final class MalformedJsonException extends CrosswalkException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public MalformedJsonException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** Where the problem is, for example {@code $.messages[2].content}; {@code $} for the document itself. */
    public String path() {
        return path;
    }

    /** This error in OpenAI's error shape. */
    public OpenAiError toOpenAiError() {
        return new OpenAiError(getMessage(), "invalid_request_error", OpenAiError.param(path), "invalid_json");
    }
}
