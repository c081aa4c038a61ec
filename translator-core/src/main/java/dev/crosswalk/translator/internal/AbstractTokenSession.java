package dev.crosswalk.translator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * When a {@link TokenSession} reuses its generator and when it makes it anew, for both codecs: the generator writes
 * into whichever stream the event goes to, kept only after a document it ended. An event is read by {@link
 * ByteTokens} first, with no parser object (a parser per event was ~0.8 KB of the ~1.1 KB allocated per event, and
 * Jackson 3's 1.6× Jackson 2's time: benchmarks/results/streams-2026-12-04-s4.md); when the reader refuses what that
 * gives, a parser is made over the event's bytes and the reader runs again. Jackson's non-blocking parser, which can
 * be fed one event after another, took 0.9–4.7× the time per event of a new blocking parser each
 * (benchmarks/results/streams-2026-12-04.md). Each codec supplies its own parser and generator.
 */
public abstract class AbstractTokenSession implements TokenSession {
    private final EventTarget target = new EventTarget();
    /** Reads most events; the codec's parser reads what it does not cover. */
    private final ByteTokens bytes = new ByteTokens();
    /** The open generator's output, or {@code null}. */
    private JsonOut out;
    /** A document was started and not ended: the generator's state is unknown. */
    private boolean writing;

    /** Opens a parser over {@code json[offset, offset + length)} with the codec's limits and no duplicate detection. */
    protected abstract JsonTokens openParser(byte[] json, int offset, int length) throws IOException;

    /** Closes the parser {@link #openParser} opened, giving its buffers back. */
    protected abstract void closeParser() throws IOException;

    /** Opens a generator writing UTF-8 into {@code target}, as the codec's mapper writes, nothing between documents. */
    protected abstract JsonOut openGenerator(OutputStream target) throws IOException;

    protected abstract void flushGenerator() throws IOException;

    protected abstract void closeGenerator() throws IOException;

    @Override
    public final boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader) {
        if (reader.test(bytes.reset(json, offset, length))) {
            return true; // what live servers send: read with no parser at all
        }
        try {
            return reader.test(openParser(json, offset, length));
        } catch (IOException | RuntimeException notJson) {
            return false;
        } finally {
            try {
                closeParser();
            } catch (IOException | RuntimeException ignored) {
                // it only gives its buffers back
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
        dropGenerator();
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
