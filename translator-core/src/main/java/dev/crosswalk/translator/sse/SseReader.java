package dev.crosswalk.translator.sse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Pull-style reader of a Server-Sent Events stream from a blocking {@code InputStream} (UTF-8) or
 * {@code Reader}, built on {@link SseParser} and sharing its rules and limits.
 *
 * <pre>{@code
 * try (SseReader events = new SseReader(connection.getInputStream())) {
 *     for (SseEvent e; (e = events.next()) != null && !e.isDone(); ) {
 *         handle(e);
 *     }
 * }
 * // or: try (Stream<SseEvent> s = new SseReader(in).stream()) { s.forEach(this::handle); }
 * }</pre>
 *
 * <p>It reads only when no parsed event is waiting, and then takes whatever one {@code read} call returns
 * (at most 8 KiB), so on a live connection {@link #next()} returns as soon as the event has arrived rather
 * than waiting for a buffer to fill.
 *
 * <p>When a chunk holds complete events followed by a malformed or oversized line, those events are returned
 * first; the {@link SseFormatException} or {@link SseLimitExceededException} comes with the call after them,
 * and again with every later call.
 *
 * <p>Not thread-safe.
 */
public final class SseReader implements Closeable {

    private static final int CHUNK_SIZE = 8 * 1024;

    private final Closeable source;
    private final Pump pump;
    private final SseParser parser;
    private final ArrayDeque<SseEvent> pending = new ArrayDeque<>();
    private RuntimeException failure;
    private boolean endOfInput;
    private boolean closed;

    /** Reads UTF-8 from {@code in}, with the {@linkplain SseParser#DEFAULT_MAX_EVENT_BYTES default limit}. */
    public SseReader(InputStream in) {
        this(in, SseParser.DEFAULT_MAX_EVENT_BYTES);
    }

    /** Reads UTF-8 from {@code in}; a line or event larger than {@code maxEventBytes} is an error. */
    public SseReader(InputStream in, int maxEventBytes) {
        this(Objects.requireNonNull(in, "in"), new BytePump(in), maxEventBytes);
    }

    /** Reads text from {@code in}, with the {@linkplain SseParser#DEFAULT_MAX_EVENT_BYTES default limit}. */
    public SseReader(Reader in) {
        this(in, SseParser.DEFAULT_MAX_EVENT_BYTES);
    }

    /** Reads text from {@code in}; a line or event larger than {@code maxEventBytes} bytes of UTF-8 is an error. */
    public SseReader(Reader in, int maxEventBytes) {
        this(Objects.requireNonNull(in, "in"), new CharPump(in), maxEventBytes);
    }

    private SseReader(Closeable source, Pump pump, int maxEventBytes) {
        this.source = source;
        this.pump = pump;
        this.parser = new SseParser(maxEventBytes, pending::add);
    }

    /**
     * The next event, blocking until it has arrived, or {@code null} at the end of the stream.
     *
     * @throws IOException               if reading fails or this reader is closed
     * @throws SseFormatException        if the stream is not well-formed text
     * @throws SseLimitExceededException if a line or event exceeds the limit
     */
    public SseEvent next() throws IOException {
        if (closed) {
            throw new IOException("SseReader is closed");
        }
        while (pending.isEmpty() && failure == null && !endOfInput) {
            try {
                if (!pump.pumpInto(parser)) {
                    endOfInput = true;
                    parser.finish();
                }
            } catch (SseFormatException | SseLimitExceededException e) {
                failure = e;
            }
        }
        SseEvent event = pending.poll();
        if (event == null && failure != null) {
            throw failure;
        }
        return event;
    }

    /**
     * The remaining events as a lazy, sequential stream that reads as it is consumed. I/O errors surface as
     * {@link UncheckedIOException}; closing the stream closes this reader.
     */
    public Stream<SseEvent> stream() {
        Iterator<SseEvent> events = new Iterator<>() {
            private SseEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = SseReader.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public SseEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SseEvent event = next;
                next = null;
                return event;
            }
        };
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Closes the underlying stream or reader. */
    @Override
    public void close() throws IOException {
        closed = true;
        source.close();
    }

    /** Moves one read's worth of input into the parser; false at the end of input. */
    private interface Pump {
        boolean pumpInto(SseParser parser) throws IOException;
    }

    private static final class BytePump implements Pump {
        private final InputStream in;
        private final byte[] buffer = new byte[CHUNK_SIZE];

        BytePump(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean pumpInto(SseParser parser) throws IOException {
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            parser.feed(buffer, 0, n);
            return true;
        }
    }

    // Encoding to UTF-8 lets one parser, and one byte limit, serve both kinds of source.
    private static final class CharPump implements Pump {
        private final Reader in;
        private final CharBuffer chars = CharBuffer.allocate(CHUNK_SIZE);
        // UTF-8 needs at most 3 bytes per char (a surrogate pair: 4 bytes for 2 chars), so this never overflows.
        private final ByteBuffer bytes = ByteBuffer.allocate(3 * CHUNK_SIZE);
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();

        CharPump(Reader in) {
            this.in = in;
        }

        @Override
        public boolean pumpInto(SseParser parser) throws IOException {
            int n = in.read(chars);
            boolean endOfInput = n < 0;
            chars.flip();
            CoderResult result = encoder.encode(chars, bytes, endOfInput);
            if (endOfInput && !result.isError()) {
                result = encoder.flush(bytes);
            }
            bytes.flip();
            parser.feed(bytes);
            bytes.clear();
            // A high surrogate at the end of a read stays in the buffer to meet its low half in the next one.
            chars.compact();
            if (result.isError()) {
                long line = parser.linesCompleted() + 1;
                throw new SseFormatException("Unpaired surrogate (malformed UTF-16) in SSE line " + line, line, null);
            }
            return !endOfInput;
        }
    }
}
