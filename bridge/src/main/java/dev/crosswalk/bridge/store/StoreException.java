package dev.crosswalk.bridge.store;

/** A store could not be read or written; the message says what failed, never what was being stored. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
