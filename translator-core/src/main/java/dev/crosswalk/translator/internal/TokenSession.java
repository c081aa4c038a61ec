package dev.crosswalk.translator.internal;

import java.io.OutputStream;
import java.util.function.Predicate;

/**
 * One stream's reading and writing: a parser per event over its bytes, and one generator for the whole stream instead
 * of one per event, writing into whichever stream the event goes to. Single-threaded, like the stream translator that holds it; {@link #close} gives the
 * buffers back to the codec's pool when the stream ends (a session never closed is simply collected).
 */
public interface TokenSession extends AutoCloseable {

    /**
     * Runs {@code reader} over the tokens of {@code json[offset, offset + length)}, one JSON document, without
     * Jackson's duplicate detection (the reader checks what it reads). Answers {@code false} when the reader does, or
     * the bytes are not one JSON document: the caller then takes the record path, which reports whatever is wrong.
     */
    boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader);

    /** The generator, writing UTF-8 into {@code out} until {@link #end}; one JSON document between the two. */
    JsonOut start(OutputStream out);

    /** Flushes the document written since {@link #start} into its stream (which stays open). */
    void end();

    /** Gives the parser's and the generator's buffers back; the session may still be used (it makes new ones). */
    @Override
    void close();
}
