package dev.crosswalk.translator.internal;

import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Function;

/**
 * The request fast path of the shipped codecs (their {@code read}, {@code write} and {@code writeBytes} of the two
 * request records, hence {@code Translator}'s JSON entry points and the bridge): a request read from parser tokens into its record
 * ({@link ChatRequestJson}, {@link ResponsesRequestJson}), translated by the same mappers as any record, and written
 * with generator calls — no data binder on either side. Text in, text out (a char generator, as the mapper's
 * {@code writeValueAsString}) or UTF-8 bytes in, bytes out (as {@code writeValueAsBytes}): one reader and one writer
 * each, over the codec's parser and generator. Each side covers the common shapes only; for anything else it answers
 * {@code null} (reading) or throws before its output is handed over (writing), and the codec's data binder does that
 * side instead, so the output, the warnings and the errors are always the record path's.
 * {@code RequestFastPathPropertyTest} holds the two paths byte-identical over generated and recorded requests.
 */
public final class RequestJson {
    private RequestJson() {
    }

    /**
     * A request of {@code type} read by the fast path; {@code null} where it does not cover the input, or
     * {@code type} is neither request record.
     */
    public static <T> T read(JsonCodec codec, String json, Class<T> type) {
        return type == ChatCompletionRequest.class ? type.cast(readChat(codec, json))
                : type == ResponsesRequest.class ? type.cast(readResponses(codec, json)) : null;
    }

    /** {@link #read(JsonCodec, String, Class)} from UTF-8 bytes. */
    public static <T> T read(JsonCodec codec, byte[] json, Class<T> type) {
        return type == ChatCompletionRequest.class ? type.cast(readChat(codec, json))
                : type == ResponsesRequest.class ? type.cast(readResponses(codec, json)) : null;
    }

    /**
     * A request as a codec read it, and whether it may hold unknown members: {@code false} only where the fast path
     * read it and kept none in any record's {@code extra} map (the data binder's reads are always {@code true}).
     */
    public record Read<T>(T value, boolean unknownMembers) {
    }

    /** {@link #read(JsonCodec, String, Class)} with whether the reader kept unknown members; {@code null} likewise. */
    public static <T> Read<T> readRequest(JsonCodec codec, String json, Class<T> type) {
        Reading<?> reading = reading(type);
        return reading != null && codec instanceof TokenCodec tokens && reading.from(tokens, json) != null
                ? new Read<>(type.cast(reading.value), reading.unknownMembers) : null;
    }

    /** {@link #readRequest(JsonCodec, String, Class)} from UTF-8 bytes. */
    public static <T> Read<T> readRequest(JsonCodec codec, byte[] json, Class<T> type) {
        Reading<?> reading = reading(type);
        return reading != null && codec instanceof TokenCodec tokens && reading.from(tokens, json) != null
                ? new Read<>(type.cast(reading.value), reading.unknownMembers) : null;
    }

    private static Reading<?> reading(Class<?> type) {
        return type == ChatCompletionRequest.class ? new Reading<>(ChatRequestJson::read)
                : type == ResponsesRequest.class ? new Reading<>(ResponsesRequestJson::read) : null;
    }

    /** The Chat request read by the fast path, or {@code null} where it does not cover the input. */
    public static ChatCompletionRequest readChat(JsonCodec codec, String json) {
        return codec instanceof TokenCodec tokens ? new Reading<>(ChatRequestJson::read).from(tokens, json) : null;
    }

    /** {@link #readChat(JsonCodec, String)} from UTF-8 bytes. */
    public static ChatCompletionRequest readChat(JsonCodec codec, byte[] json) {
        return codec instanceof TokenCodec tokens ? new Reading<>(ChatRequestJson::read).from(tokens, json) : null;
    }

    /** The Responses request read by the fast path, or {@code null} where it does not cover the input. */
    public static ResponsesRequest readResponses(JsonCodec codec, String json) {
        return codec instanceof TokenCodec tokens ? new Reading<>(ResponsesRequestJson::read).from(tokens, json) : null;
    }

    /** {@link #readResponses(JsonCodec, String)} from UTF-8 bytes. */
    public static ResponsesRequest readResponses(JsonCodec codec, byte[] json) {
        return codec instanceof TokenCodec tokens ? new Reading<>(ResponsesRequestJson::read).from(tokens, json) : null;
    }

    /**
     * The request as JSON text by the fast path, or {@code null} where it does not cover the value (or it is not a
     * request record): then nothing has been handed out, and the caller writes it with the data binder.
     */
    public static String write(JsonCodec codec, Object request) {
        return write(codec, request, TokenCodec::writeString);
    }

    /** {@link #write(JsonCodec, Object)} as UTF-8 bytes. */
    public static byte[] writeBytes(JsonCodec codec, Object request) {
        return write(codec, request, TokenCodec::writeBytes);
    }

    private static <T> T write(JsonCodec codec, Object request, BiFunction<TokenCodec, Consumer<JsonOut>, T> generator) {
        if (!(codec instanceof TokenCodec tokens)
                || !(request instanceof ChatCompletionRequest || request instanceof ResponsesRequest)) {
            return null;
        }
        try {
            return generator.apply(tokens, out -> {
                if (request instanceof ChatCompletionRequest chat) {
                    ChatRequestJson.write(chat, out);
                } else {
                    ResponsesRequestJson.write((ResponsesRequest) request, out);
                }
            });
        } catch (RuntimeException notCovered) {
            if (notCovered != FreeJson.NOT_COVERED) {
                throw notCovered;
            }
            return null;
        }
    }

    /**
     * One read: the record {@code reader} builds from the tokens, or {@code null} where it does not cover them (one
     * object per call, where capturing lambdas made four).
     */
    private static final class Reading<T> implements Predicate<JsonTokens> {
        private final Function<JsonTokens, T> reader;
        private T value;
        private boolean unknownMembers;

        Reading(Function<JsonTokens, T> reader) {
            this.reader = reader;
        }

        T from(TokenCodec tokens, String json) {
            return tokens.read(json, this) ? value : null;
        }

        T from(TokenCodec tokens, byte[] json) {
            return json != null && tokens.read(json, 0, json.length, this) ? value : null;
        }

        @Override
        public boolean test(JsonTokens t) {
            try {
                value = reader.apply(t);
                unknownMembers = t.keptUnknownMembers();
            } catch (RuntimeException notCovered) {
                value = null;
            }
            return value != null;
        }
    }
}
