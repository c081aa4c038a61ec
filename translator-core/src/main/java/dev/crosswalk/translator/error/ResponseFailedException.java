package dev.crosswalk.translator.error;

/**
 * The response being translated did not succeed ({@code status} {@code failed} or {@code cancelled}, or a
 * stream that broke off): there is no completion to produce, only the upstream's error.
 */
public final class ResponseFailedException extends CrosswalkException {
    private static final long serialVersionUID = 1L;
    private final transient OpenAiError error;

    public ResponseFailedException(OpenAiError error) {
        super(error.message() == null ? "the response failed" : error.message());
        this.error = error;
    }

    /** The error to report, in OpenAI's shape. */
    public OpenAiError error() {
        return error;
    }
}
