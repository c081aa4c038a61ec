package dev.crosswalk.langchain4j;

import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.io.IOException;
import java.io.InputStream;

/**
 * The handle of one open stream: cancelling it (from a handler callback or any other thread) closes the HTTP body,
 * which stops the read and lets the connection go. Also what the idle watchdog pulls when the stream stalls.
 */
final class StreamControl implements ServerSentEventParsingHandle, StreamingHandle {
    private final InputStream body;
    private volatile boolean cancelled;
    private volatile boolean timedOut;

    StreamControl(InputStream body) {
        this.body = body;
    }

    @Override
    public void cancel() {
        cancelled = true;
        close();
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** Stops the stream because it stalled; unlike {@link #cancel()} this is reported as a timeout. */
    void timeOut() {
        timedOut = true;
        close();
    }

    boolean timedOut() {
        return timedOut;
    }

    private void close() {
        try {
            body.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing is how we abort the read; a body that fails to close has nothing left for us to read.
        }
    }
}
