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
 */
record Batch(ByteBuf frames, BridgeException failure, boolean terminal, Response finished) {
    static final Batch EMPTY = new Batch(Unpooled.EMPTY_BUFFER, null, false, null);

    static Batch failure(BridgeException failure) {
        return new Batch(Unpooled.EMPTY_BUFFER, failure, true, null);
    }

    /** Nothing to send: no frames and no failure. */
    boolean isEmpty() {
        return !frames.isReadable() && failure == null;
    }
}
