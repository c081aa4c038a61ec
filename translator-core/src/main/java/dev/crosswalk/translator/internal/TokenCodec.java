package dev.crosswalk.translator.internal;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the token-streaming translations need from a codec: a parser over UTF-8 bytes and a generator into an output
 * stream, each configured as the codec's mapper (limits, output features), so that what they write is byte for byte
 * what the data binder writes; for a stream, a {@link TokenSession} that keeps them from one event to the next. Both shipped codecs implement it; with any other codec the translations take the
 * record path.
 */
public interface TokenCodec {

    /**
     * Runs {@code reader} over the tokens of {@code json[offset, offset + length)}, without Jackson's duplicate
     * detection (the reader checks what it reads). Answers {@code false} when the reader does, or the bytes are not
     * JSON: the caller then takes the record path, which reports whatever is wrong.
     */
    boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader);

    /** Like {@link #read(byte[], int, int, Predicate)}, over text. */
    boolean read(String json, Predicate<JsonTokens> reader);

    /**
     * The codec's {@code read} of a request record ({@code ChatCompletionRequest}, {@code ResponsesRequest}), with
     * whether it may hold unknown members ({@link RequestJson.Read}); errors as {@code read}'s.
     */
    <T> RequestJson.Read<T> readRequest(String json, Class<T> type);

    /** {@link #readRequest(String, Class)} from UTF-8 bytes. */
    <T> RequestJson.Read<T> readRequest(byte[] json, Class<T> type);

    /**
     * Runs {@code writer} with a char generator and answers what it wrote, as the mapper's {@code writeValueAsString}
     * does (same buffers, no UTF-8 step). An exception from {@code writer} propagates; nothing is handed out then.
     */
    String writeString(Consumer<JsonOut> writer);

    /** Like {@link #writeString}, as UTF-8 bytes, as the mapper's {@code writeValueAsBytes} does. */
    byte[] writeBytes(Consumer<JsonOut> writer);

    /**
     * A new session for one stream, whose generator is reused from event to event (what {@link #write} makes per
     * call).
     */
    TokenSession session();
}
