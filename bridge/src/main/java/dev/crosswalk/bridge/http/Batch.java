package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.responses.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * What one step of a translated stream produced: SSE frames to send, or (only before anything was sent) the HTTP
 * error to answer with instead of a stream.
 *
 * @param frames SSE frames, in order, in one buffer (empty when there is nothing to send)
 * @param failure the HTTP error to send instead of a stream, or {@code null}
 * @param terminal whether the stream is over after these frames
 * @param finished the complete Responses object when these frames end a successful Responses stream (to be stored
 *        before the terminal event reaches the client), else {@code null}
 * @param streamError the error these frames report to a client that already has a stream (its code for the access
 *        log, its message for WebSocket clients), else {@code null}
 * @param finishedJson {@code finished} as the frames carry it (its JSON, written once for the terminal event and the
 *        store), or {@code null} when only the record is at hand
 */
record Batch(ByteBuf frames, BridgeException failure, boolean terminal, Response finished, BridgeException streamError,
        String finishedJson) {
    static final Batch EMPTY = new Batch(Unpooled.EMPTY_BUFFER, null, false, null, null, null);

    Batch(ByteBuf frames, BridgeException failure, boolean terminal, Response finished) {
        this(frames, failure, terminal, finished, null, null);
    }

    static Batch failure(BridgeException failure) {
        return new Batch(Unpooled.EMPTY_BUFFER, failure, true, null, null, null);
    }

    /** These frames, marked as reporting {@code error} inside the stream. */
    Batch failedWith(BridgeException error) {
        return new Batch(frames, failure, terminal, finished, error, finishedJson);
    }

    /** Nothing to send: no frames and no failure. */
    boolean isEmpty() {
        return !frames.isReadable() && failure == null;
    }
}
