package dev.crosswalk.translator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * When a {@link TokenSession} reuses its parser and generator and when it makes them anew, for both codecs: the
 * parser is a non-blocking one fed each event's bytes in turn, kept only after a document it read to its end (one it
 * stopped inside, or found more after, may have left it anywhere); the generator writes into whichever stream the
 * event goes to, kept only after a document it ended. Each codec supplies its own parser and generator.
 */
public abstract class AbstractTokenSession implements TokenSession {
    private final EventTarget target = new EventTarget();
    /** The open parser's tokens, or {@code null}. */
    private JsonTokens tokens;
    /** The open generator's output, or {@code null}. */
    private JsonOut out;
    /** A document was started and not ended: the generator's state is unknown. */
    private boolean writing;

    /** Opens a non-blocking parser with the codec's limits and no duplicate detection: its tokens. */
    protected abstract JsonTokens openParser() throws IOException;

    /** Hands the open parser {@code json[offset, end)}, all of one document. */
    protected abstract void feed(byte[] json, int offset, int end) throws IOException;

    protected abstract void closeParser() throws IOException;

    /** Opens a generator writing UTF-8 into {@code target}, as the codec's mapper writes, nothing between documents. */
    protected abstract JsonOut openGenerator(OutputStream target) throws IOException;

    protected abstract void flushGenerator() throws IOException;

    protected abstract void closeGenerator() throws IOException;

    @Override
    public final boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader) {
        boolean read = false;
        try {
            if (tokens == null) {
                tokens = openParser();
            }
            feed(json, offset, offset + length);
            read = reader.test(tokens);
            return read;
        } catch (IOException | RuntimeException notJson) {
            return false;
        } finally {
            if (!read) {
                dropParser();
            }
        }
    }

    @Override
    public final JsonOut start(OutputStream destination) {
        if (writing || out == null) {
            dropGenerator();
            try {
                out = openGenerator(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        target.to(destination);
        writing = true;
        return out;
    }

    @Override
    public final void end() {
        try {
            flushGenerator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            target.to(null);
        }
        writing = false;
    }

    @Override
    public final void close() {
        dropParser();
        dropGenerator();
    }

    private void dropParser() {
        if (tokens != null) {
            tokens = null;
            try {
                closeParser();
            } catch (IOException | RuntimeException ignored) {
                // it only gives its buffers back
            }
        }
    }

    private void dropGenerator() {
        if (out != null) {
            out = null;
            writing = false;
            target.to(null); // what a broken document left buffered goes nowhere
            try {
                closeGenerator();
            } catch (IOException | RuntimeException ignored) {
                // a document left open: its buffers are given back all the same
            }
        }
    }

    /** Where the generator writes: the current event's stream, set per event; with none, nowhere. */
    private static final class EventTarget extends OutputStream {
        private OutputStream out;

        void to(OutputStream out) {
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
}
