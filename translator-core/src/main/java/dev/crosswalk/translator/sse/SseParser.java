package dev.crosswalk.translator.sse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Incremental, push-style parser of a Server-Sent Events stream, following the WHATWG HTML "event stream"
 * parsing rules. Feed it bytes as they arrive, in chunks of any size, and it hands each complete event to the
 * sink.
 *
 * <pre>{@code
 * SseParser parser = new SseParser(SseParser.DEFAULT_MAX_EVENT_BYTES, event -> handle(event));
 * while ((n = in.read(buf)) > 0) {
 *     parser.feed(buf, 0, n);
 * }
 * parser.finish();
 * }</pre>
 *
 * <p>Rules applied: lines end in CRLF, LF or CR (also when CR and LF arrive in different chunks); one leading
 * byte order mark is skipped; lines starting with {@code :} are comments, passed to the comment listener;
 * {@code field:value} loses one space after the colon; a line without colon is a field with an empty value;
 * {@code data} lines are joined with {@code \n}; {@code event} sets the type; {@code id} sets the id unless it
 * contains NUL; {@code retry} and unknown fields are ignored; a blank line dispatches the event if it had a
 * {@code data} line and otherwise just discards it.
 *
 * <p>Deliberate differences from a browser's {@code EventSource}: {@link #finish()} dispatches a last event
 * that lacks its closing blank line (servers that drop the connection right after the last event exist), and
 * malformed UTF-8 is an error rather than U+FFFD, because this parser feeds a translator that must not
 * silently alter the content it relays.
 *
 * <p>Memory is bounded: a line or an event (the sum of its lines, field names included) larger than
 * {@code maxEventBytes} throws {@link SseLimitExceededException} before more than that is buffered.
 * After any exception, including one thrown by the sink, the parser is failed and further calls throw
 * {@link IllegalStateException}: the rest of the chunk was not parsed, so the stream cannot be resumed.
 *
 * <p>Not thread-safe, and not reentrant: the sink must not feed the parser that called it.
 */
public final class SseParser {

    /** The default limit for one line and for one event: 8 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

    private static final int INITIAL_LINE_CAPACITY = 256;
    // A single huge event must not pin its buffers for the rest of a long-lived stream.
    private static final int RETAINED_CAPACITY = 64 * 1024;
    private static final int DIRECT_BUFFER_CHUNK = 8 * 1024;
    private static final char BOM = '\uFEFF';
    private static final byte[] DONE = SseEvent.DONE.getBytes(StandardCharsets.US_ASCII);

    private enum State { OPEN, FINISHED, FAILED }

    private final int maxEventBytes;
    private final Consumer<SseEvent> sink;
    /** Set in byte mode ({@link #ofBytes}): events go there as bytes, no line or data becomes a {@code String}. */
    private final DataSink dataSink;
    private byte[] dataBytes;
    private int dataLength;
    private byte[] lastTypeBytes = new byte[0];
    private String lastType = "";
    private final Consumer<String> commentListener;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();

    private State state = State.OPEN;
    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLength;
    private boolean lastByteWasCr;
    private long lineNumber;

    private StringBuilder data = new StringBuilder();
    private boolean dataSeen;
    private String eventType;
    private String id;
    private long eventBytes;
    private String lastEventId = "";

    /** A parser with the {@linkplain #DEFAULT_MAX_EVENT_BYTES default limit} that ignores comments. */
    public SseParser(Consumer<SseEvent> sink) {
        this(DEFAULT_MAX_EVENT_BYTES, sink);
    }

    /** A parser that ignores comments. */
    public SseParser(int maxEventBytes, Consumer<SseEvent> sink) {
        this(maxEventBytes, sink, comment -> { });
    }

    /**
     * @param maxEventBytes   the largest line, and the largest event, accepted, in bytes of UTF-8
     * @param sink            receives each event, in stream order, from within {@code feed}/{@code finish}
     * @param commentListener receives the text of each comment line without the colon and one following
     *                        space, for example to notice keep-alives
     */
    public SseParser(int maxEventBytes, Consumer<SseEvent> sink, Consumer<String> commentListener) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive, was " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.commentListener = Objects.requireNonNull(commentListener, "commentListener");
        this.dataSink = null;
    }

    private SseParser(int maxEventBytes, DataSink dataSink) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive, was " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.sink = event -> { };
        this.commentListener = comment -> { };
        this.dataSink = Objects.requireNonNull(dataSink, "dataSink");
        this.dataBytes = new byte[INITIAL_LINE_CAPACITY];
    }

    /**
     * Receives each event with its data as UTF-8 bytes (the {@code data} lines joined with a line feed), valid only
     * during the call: the parser reuses the array. For a translator that reads the JSON straight from bytes.
     */
    @FunctionalInterface
    public interface DataSink {
        /**
         * @param type the {@code event:} field, or {@code null}
         * @param data the array holding the data
         * @param offset where the data starts in {@code data}
         * @param length the data's length in bytes
         * @param id the {@code id:} field of this event, or {@code null}
         */
        void event(String type, byte[] data, int offset, int length, String id);
    }

    /**
     * A parser that hands each event's data over as bytes, with the same rules, limits and errors (malformed UTF-8
     * too) as the {@code String} form, without decoding it: a relay translating JSON events parses them from those
     * bytes. Comments are ignored.
     *
     * <pre>{@code
     * SseParser parser = SseParser.ofBytes(SseParser.DEFAULT_MAX_EVENT_BYTES,
     *         (type, data, offset, length, id) -> translate(data, offset, length));
     * }</pre>
     */
    public static SseParser ofBytes(int maxEventBytes, DataSink sink) {
        return new SseParser(maxEventBytes, sink);
    }

    /** Whether {@code data[offset, offset + length)} is {@code [DONE]}, Chat Completions' terminator. */
    public static boolean isDone(byte[] data, int offset, int length) {
        return length == DONE.length && Arrays.equals(data, offset, offset + length, DONE, 0, DONE.length);
    }

    /** The limit for one line and for one event, in bytes. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /**
     * The id of the latest {@code id:} field seen, carried across events as an {@code EventSource} does;
     * what a client sends as {@code Last-Event-ID} when it reconnects. Empty if there was none.
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Parses the next chunk of UTF-8 bytes. A chunk may end anywhere, also inside a character or between
     * CR and LF.
     *
     * @throws SseLimitExceededException if a line or an event grows beyond the limit
     * @throws SseFormatException        if a complete line is not valid UTF-8
     * @throws IllegalStateException     if the parser has finished or failed
     */
    public void feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        ensureOpen();
        try {
            scan(buf, off, off + len);
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Parses all remaining bytes of {@code buf}, leaving its position at its limit.
     *
     * @see #feed(byte[], int, int)
     */
    public void feed(ByteBuffer buf) {
        if (buf.hasArray()) {
            int n = buf.remaining();
            feed(buf.array(), buf.arrayOffset() + buf.position(), n);
            buf.position(buf.position() + n);
            return;
        }
        byte[] chunk = new byte[Math.min(buf.remaining(), DIRECT_BUFFER_CHUNK)];
        while (buf.hasRemaining()) {
            int n = Math.min(chunk.length, buf.remaining());
            buf.get(chunk, 0, n);
            feed(chunk, 0, n);
        }
    }

    /**
     * Parses one line that a framework has already split off and decoded, without its line break. An empty
     * string is the blank line that ends an event. Do not mix with a {@code feed} that left a partial line.
     *
     * @throws IllegalArgumentException if {@code line} contains CR or LF
     * @throws IllegalStateException    if the parser has finished or failed, or a fed partial line is pending
     */
    public void feedLine(String line) {
        Objects.requireNonNull(line, "line");
        ensureOpen();
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line must not contain CR or LF");
        }
        if (lineLength > 0) {
            throw new IllegalStateException("a partial line from feed() is pending; finish it before feedLine()");
        }
        try {
            lastByteWasCr = false;
            lineNumber++;
            long bytes = utf8Length(line);
            checkSize(bytes);
            processLine(line, bytes);
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Ends the input: a trailing line without line break counts as a line, and a last event without its
     * blank line is dispatched. Calling it again does nothing.
     *
     * @throws SseFormatException    if the trailing line is not valid UTF-8
     * @throws IllegalStateException if the parser has failed
     */
    public void finish() {
        if (state == State.FINISHED) {
            return;
        }
        ensureOpen();
        try {
            if (lineLength > 0) {
                completeLine(line, 0, 0); // everything is buffered already; nothing more to append
            }
            dispatch();
            state = State.FINISHED;
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** Lines completed so far; the number of the line in progress minus one. */
    long linesCompleted() {
        return lineNumber;
    }

    private void ensureOpen() {
        if (state == State.FAILED) {
            throw new IllegalStateException("this SseParser failed earlier and cannot continue; use a new one");
        }
        if (state == State.FINISHED) {
            throw new IllegalStateException("finish() was called; this SseParser takes no more input");
        }
    }

    // LF and CR bytes never occur inside a multi-byte UTF-8 sequence, so lines can be cut before decoding.
    private void scan(byte[] buf, int from, int to) {
        int start = from;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\n' || b == '\r') {
                if (b == '\n' && lastByteWasCr) {
                    lastByteWasCr = false;
                } else {
                    completeLine(buf, start, i - start);
                    lastByteWasCr = b == '\r';
                }
                start = i + 1;
            } else {
                lastByteWasCr = false;
            }
        }
        if (start < to) {
            append(buf, start, to - start);
        }
    }

    private void completeLine(byte[] buf, int off, int len) {
        lineNumber++;
        String text;
        int bytes;
        if (dataSink != null) {
            if (lineLength == 0) {
                checkSize(len);
                processLine(buf, off, len);
            } else {
                append(buf, off, len);
                int n = lineLength;
                lineLength = 0;
                processLine(line, 0, n);
                if (line.length > RETAINED_CAPACITY) {
                    line = new byte[INITIAL_LINE_CAPACITY];
                }
            }
            return;
        }
        if (lineLength == 0) {
            // Common case: the whole line is inside one chunk and needs no copy.
            checkSize(len);
            text = decode(buf, off, len);
            bytes = len;
        } else {
            append(buf, off, len);
            text = decode(line, 0, lineLength);
            bytes = lineLength;
            lineLength = 0;
            if (line.length > RETAINED_CAPACITY) {
                line = new byte[INITIAL_LINE_CAPACITY];
            }
        }
        processLine(text, bytes);
    }

    private void append(byte[] buf, int off, int len) {
        long needed = (long) lineLength + len;
        checkSize(needed);
        if (needed > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxEventBytes, Math.max(needed, 2L * line.length)));
        }
        System.arraycopy(buf, off, line, lineLength, len);
        lineLength = (int) needed;
    }

    private void checkSize(long bytes) {
        if (bytes > maxEventBytes) {
            throw new SseLimitExceededException(maxEventBytes);
        }
    }

    private String decode(byte[] buf, int off, int len) {
        if (isAscii(buf, off, len)) {
            return new String(buf, off, len, StandardCharsets.ISO_8859_1);
        }
        ByteBuffer in = ByteBuffer.wrap(buf, off, len);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new SseFormatException("Malformed UTF-8 in SSE line " + lineNumber + " at byte "
                    + (in.position() - off + 1) + " of the line", lineNumber, e);
        }
    }

    private static boolean isAscii(byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void processLine(String text, long bytes) {
        if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            commentListener.accept(valueFrom(text, 1));
            return;
        }
        eventBytes += bytes;
        checkSize(eventBytes);
        int colon = text.indexOf(':');
        int nameLength = colon < 0 ? text.length() : colon;
        String value = colon < 0 ? "" : valueFrom(text, colon + 1);
        if (isField(text, nameLength, "data")) {
            if (dataSeen) {
                data.append('\n');
            }
            data.append(value);
            dataSeen = true;
        } else if (isField(text, nameLength, "event")) {
            eventType = value;
        } else if (isField(text, nameLength, "id")) {
            if (value.indexOf('\0') < 0) {
                id = value;
                lastEventId = value;
            }
        }
        // "retry" only tunes a browser's reconnection delay; it and unknown fields carry nothing for us.
    }

    /** Byte mode: the same rules as {@link #processLine(String, long)}, on the line's bytes. */
    private void processLine(byte[] b, int off, int len) {
        if (!Utf8.isValid(b, off, len)) {
            decode(b, off, len); // throws the String mode's SseFormatException
        }
        int bytes = len;
        if (lineNumber == 1 && len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF) {
            off += 3;
            len -= 3;
        }
        if (len == 0) {
            dispatch();
            return;
        }
        if (b[off] == ':') {
            return; // a comment: byte mode has no comment listener
        }
        eventBytes += bytes;
        checkSize(eventBytes);
        int colon = -1;
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameLength = colon < 0 ? len : colon - off;
        int valueStart = colon < 0 ? off + len : colon + 1;
        if (valueStart < off + len && b[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = off + len - valueStart;
        if (isField(b, off, nameLength, "data")) {
            int needed = dataLength + (dataSeen ? 1 : 0) + valueLength;
            if (needed > dataBytes.length) {
                dataBytes = Arrays.copyOf(dataBytes, Math.max(needed, 2 * dataBytes.length));
            }
            if (dataSeen) {
                dataBytes[dataLength++] = '\n';
            }
            System.arraycopy(b, valueStart, dataBytes, dataLength, valueLength);
            dataLength += valueLength;
            dataSeen = true;
        } else if (isField(b, off, nameLength, "event")) {
            // Event types repeat all stream long: the last one's String is reused.
            if (!Arrays.equals(b, valueStart, valueStart + valueLength, lastTypeBytes, 0, lastTypeBytes.length)) {
                lastTypeBytes = Arrays.copyOfRange(b, valueStart, valueStart + valueLength);
                lastType = new String(lastTypeBytes, StandardCharsets.UTF_8);
            }
            eventType = lastType;
        } else if (isField(b, off, nameLength, "id")) {
            String value = new String(b, valueStart, valueLength, StandardCharsets.UTF_8);
            if (value.indexOf('\0') < 0) {
                id = value;
                lastEventId = value;
            }
        }
    }

    private static boolean isField(byte[] b, int off, int nameLength, String name) {
        if (nameLength != name.length()) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (b[off + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isField(String text, int nameLength, String name) {
        return nameLength == name.length() && text.startsWith(name);
    }

    private static String valueFrom(String text, int start) {
        if (start < text.length() && text.charAt(start) == ' ') {
            start++;
        }
        return text.substring(start);
    }

    private void dispatch() {
        if (dataSink != null) {
            boolean dispatching = dataSeen;
            int length = dataLength;
            String type = eventType;
            String eventId = id;
            dataSeen = false;
            dataLength = 0;
            eventType = null;
            id = null;
            eventBytes = 0;
            if (dispatching) {
                dataSink.event(type, dataBytes, 0, length, eventId);
            }
            if (dataBytes.length > RETAINED_CAPACITY) {
                dataBytes = new byte[INITIAL_LINE_CAPACITY];
            }
            return;
        }
        SseEvent event = dataSeen ? new SseEvent(eventType, data.toString(), id) : null;
        if (data.capacity() > RETAINED_CAPACITY) {
            data = new StringBuilder();
        } else {
            data.setLength(0);
        }
        dataSeen = false;
        eventType = null;
        id = null;
        eventBytes = 0;
        if (event != null) {
            sink.accept(event);
        }
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
