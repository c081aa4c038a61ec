package dev.crosswalk.bridge.http;

/**
 * Translates one upstream SSE stream into the client's protocol, step by step as bytes arrive. Single-threaded (the
 * request's pipeline serializes the calls) and never throws: every failure becomes error frames, or an HTTP error
 * while nothing has been sent yet.
 */
interface StreamRelay {

    /** The next bytes of the upstream body, split anywhere. */
    default Batch onBytes(byte[] bytes) {
        return onBytes(bytes, 0, bytes.length);
    }

    /** The next bytes of the upstream body, {@code bytes[offset, offset + length)}, valid only during the call. */
    Batch onBytes(byte[] bytes, int offset, int length);

    /** The upstream body ended. */
    Batch onEnd();

    /** The upstream connection failed (timeout, reset, refused). */
    Batch onError(Throwable error);
}
