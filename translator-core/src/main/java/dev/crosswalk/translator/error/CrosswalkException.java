package dev.crosswalk.translator.error;

/** Base of every exception Crosswalk throws on purpose; catch this to catch them all. */
public abstract class CrosswalkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CrosswalkException(String message) {
        super(message);
    }

    protected CrosswalkException(String message, Throwable cause) {
        super(message, cause);
    }
}
