package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.responses.Response;
import java.util.List;

/**
 * What one step of a translated stream produced: SSE frames to send, or (only before anything was sent) the HTTP
 * error to answer with instead of a stream.
 *
 * @param frames SSE frames, in order
 * @param failure the HTTP error to send instead of a stream, or {@code null}
 * @param terminal whether the stream is over after these frames
 * @param finished the complete Responses object when these frames end a successful Responses stream (to be stored
 *        before the terminal event reaches the client), else {@code null}
 * @param streamError the error these frames report to a client that already has a stream (its code for the access
 *        log, its message for WebSocket clients), else {@code null}
 */
record Batch(List<byte[]> frames, BridgeException failure, boolean terminal, Response finished, BridgeException streamError) {
    static final Batch EMPTY = new Batch(List.of(), null, false, null, null);

    Batch(List<byte[]> frames, BridgeException failure, boolean terminal, Response finished) {
        this(frames, failure, terminal, finished, null);
    }

    static Batch failure(BridgeException failure) {
        return new Batch(List.of(), failure, true, null, null);
    }

    /** These frames, marked as reporting {@code error} inside the stream. */
    Batch failedWith(BridgeException error) {
        return new Batch(frames, failure, terminal, finished, error);
    }

    /** Nothing to send: no frames and no failure. */
    boolean isEmpty() {
        return frames.isEmpty() && failure == null;
    }
}
