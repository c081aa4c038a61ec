package dev.crosswalk.translator.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a {@link TokenSession}'s generator writes: the stream of the event being written, set per event, so that one
 * generator serves a whole stream. With none set, bytes go nowhere (what a broken document leaves behind).
 */
public final class EventTarget extends OutputStream {
    private OutputStream out;

    /** Sends what follows to {@code out}, the current event's stream ({@code null}: nowhere). */
    public void to(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (out != null) {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (out != null) {
            out.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}
