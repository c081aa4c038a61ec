package dev.crosswalk.bridge.store;

/**
 * A store could not be read or written; the message says what failed, never what was being stored. The bridge
 * answers 503 when it happens while serving a request.
 *
 * <pre>{@code
 * try { store.put(turn); } catch (StoreException e) { log.error("{}", e.getMessage()); }
 * }</pre>
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
