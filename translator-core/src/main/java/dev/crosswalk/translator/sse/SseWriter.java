package dev.crosswalk.translator.sse;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes Server-Sent Events, flushing after each one so that a stream reaches the client as it is produced.
 *
 * <pre>{@code
 * try (SseWriter sse = new SseWriter(response.getOutputStream())) {
 *     sse.write(SseEvent.of("response.output_text.delta", json));
 *     sse.comment("keep-alive");
 *     sse.writeDone();
 * }
 * }</pre>
 *
 * <p>Data is written as one {@code data: } line per line of the text, whether it breaks lines with LF, CRLF
 * or CR, so a parser reads it back with {@code \n} line breaks. Each call writes a whole event in one go and
 * checks it first, so an invalid event writes nothing.
 *
 * <p>Thread-safe: a keep-alive timer may write comments while another thread writes events.
 */
public final class SseWriter implements Closeable, Flushable {

    private static final String DONE_EVENT = "data: " + SseEvent.DONE + "\n\n";

    private final Writer out;
    private final Object lock = new Object();

    /** Writes to {@code out}, which should encode UTF-8 if it ends in bytes. */
    public SseWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes UTF-8 to {@code out}. */
    public SseWriter(OutputStream out) {
        this(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code event:} (if the event has a type), {@code id:} (if it has an id), its data lines and the
     * blank line that ends it, then flushes.
     *
     * @throws IllegalArgumentException if the type or id contains CR or LF, the id contains NUL (a parser
     *                                  would ignore it), or any text contains an unpaired surrogate
     */
    public void write(SseEvent event) throws IOException {
        Objects.requireNonNull(event, "event");
        StringBuilder text = new StringBuilder(event.data().length() + 32);
        if (event.event() != null) {
            requireSingleLine("event type", event.event());
            text.append("event: ").append(event.event()).append('\n');
        }
        if (event.id() != null) {
            requireSingleLine("id", event.id());
            if (event.id().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an SSE id must not contain NUL");
            }
            text.append("id: ").append(event.id()).append('\n');
        }
        requireWellFormed("data", event.data());
        appendLines(text, "data: ", event.data());
        emit(text.append('\n').toString());
    }

    /** Writes {@code data: [DONE]}, the event that ends a Chat Completions stream, then flushes. */
    public void writeDone() throws IOException {
        emit(DONE_EVENT);
    }

    /**
     * Writes a comment, typically a keep-alive that stops proxies from closing an idle stream, then flushes.
     * Text with line breaks becomes several comment lines.
     *
     * @throws IllegalArgumentException if the text contains an unpaired surrogate
     */
    public void comment(String text) throws IOException {
        Objects.requireNonNull(text, "text");
        requireWellFormed("comment", text);
        StringBuilder lines = new StringBuilder(text.length() + 4);
        appendLines(lines, ": ", text);
        emit(lines.append('\n').toString());
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            out.flush();
        }
    }

    /** Flushes and closes the underlying writer or stream. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            out.close();
        }
    }

    private void emit(String text) throws IOException {
        synchronized (lock) {
            out.write(text);
            out.flush();
        }
    }

    private static void appendLines(StringBuilder target, String prefix, String text) {
        int start = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                target.append(prefix).append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        target.append(prefix).append(text, start, len).append('\n');
    }

    private static void requireSingleLine(String what, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an SSE " + what + " must not contain CR or LF");
        }
        requireWellFormed(what, value);
    }

    // An unpaired surrogate has no UTF-8 form; an encoder would substitute '?' and corrupt the event silently.
    private static void requireWellFormed(String what, String value) {
        for (int i = 0, len = value.length(); i < len; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("SSE " + what + " has an unpaired surrogate at index " + i);
            }
        }
    }
}
