package dev.crosswalk.translator.json;

import dev.crosswalk.translator.error.MalformedJsonException;

/**
 * Reads and writes the protocol records as JSON text. Two implementations, configured identically: Jackson 2
 * ({@link #jackson2()}) and Jackson 3 ({@link #jackson3()}); {@link #detect()} picks whichever is on the class path.
 *
 * <pre>{@code
 * JsonCodec codec = JsonCodec.detect();
 * ChatCompletionRequest request = codec.read(json, ChatCompletionRequest.class);
 * String back = codec.write(request);
 * }</pre>
 *
 * <p>Stream chunks and delta events, most of any stream, are read and written with direct parser and generator
 * calls instead of the data binder (same records, same bytes; anything unusual still takes the data binder).
 *
 * <p>Unknown properties are kept (every record has an {@code extra} map), numbers stay boxed, non-integral
 * numbers in free-form values are read as {@link java.math.BigDecimal} so they are written back as read, and
 * properties are written in declaration order.
 */
public interface JsonCodec {

    /**
     * Reads one JSON document as {@code type}.
     *
     * @throws MalformedJsonException if the text is not JSON or not of that shape; the exception names the path
     */
    <T> T read(String json, Class<T> type);

    /** Like {@link #read(String, Class)}, from UTF-8 bytes. */
    <T> T read(byte[] json, Class<T> type);

    /**
     * Like {@link #read(String, Class)}, from UTF-8 bytes read to the stream's end: a
     * large body held in pieces is read without first joining them into one array.
     */
    default <T> T read(java.io.InputStream json, Class<T> type) {
        try {
            return read(json.readAllBytes(), type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads one JSON document as plain Java values: maps, lists, strings, numbers, booleans, {@code null}. */
    Object readTree(String json);

    /** Converts plain Java values (as {@link #readTree} returns) into {@code type}. */
    <T> T convert(Object tree, Class<T> type);

    /** Writes compact JSON. */
    String write(Object value);

    /** Writes compact JSON as UTF-8 bytes. */
    byte[] writeBytes(Object value);

    /**
     * Writes compact JSON as UTF-8 into {@code out}, which stays open: how a server writes a stream event straight
     * into its network buffer, with no intermediate {@code String} or array.
     */
    default void writeTo(Object value, java.io.OutputStream out) {
        try {
            out.write(writeBytes(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code "jackson2"} or {@code "jackson3"}. */
    String name();

    /** The Jackson 2 codec; needs {@code com.fasterxml.jackson.core:jackson-databind}. */
    static JsonCodec jackson2() {
        return JsonCodecs.load("dev.crosswalk.translator.json.jackson2.Jackson2Codec");
    }

    /** The Jackson 3 codec; needs {@code tools.jackson.core:jackson-databind}. */
    static JsonCodec jackson3() {
        return JsonCodecs.load("dev.crosswalk.translator.json.jackson3.Jackson3Codec");
    }

    /** Jackson 3 if it is on the class path, else Jackson 2. */
    static JsonCodec detect() {
        return JsonCodecs.detect();
    }
}
