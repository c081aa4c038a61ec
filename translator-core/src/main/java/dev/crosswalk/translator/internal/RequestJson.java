package dev.crosswalk.translator.internal;

import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The request fast path of {@code Translator}'s JSON entry points: a request read from parser tokens into its record
 * ({@link ChatRequestJson}, {@link ResponsesRequestJson}), translated by the same mappers as any record, and written
 * with generator calls into one buffer — no data binder on either side. Each side covers the common shapes only;
 * for anything else it answers {@code null} (reading) or throws before its buffer is handed over (writing), and the
 * codec's data binder does that side instead, so the output, the warnings and the errors are always the record
 * path's. {@code RequestFastPathTest} holds the two paths byte-identical over generated and recorded requests.
 */
public final class RequestJson {
    private RequestJson() {
    }

    /** The Chat request read by the fast path, or {@code null} where it does not cover the input. */
    public static ChatCompletionRequest readChat(JsonCodec codec, String json) {
        if (!(codec instanceof TokenCodec tokens)) {
            return null;
        }
        ChatCompletionRequest[] read = new ChatCompletionRequest[1];
        return tokens.read(json, t -> (read[0] = covered(() -> ChatRequestJson.read(t))) != null) ? read[0] : null;
    }

    /** The Responses request read by the fast path, or {@code null} where it does not cover the input. */
    public static ResponsesRequest readResponses(JsonCodec codec, String json) {
        if (!(codec instanceof TokenCodec tokens)) {
            return null;
        }
        ResponsesRequest[] read = new ResponsesRequest[1];
        return tokens.read(json, t -> (read[0] = covered(() -> ResponsesRequestJson.read(t))) != null) ? read[0] : null;
    }

    /**
     * The request as JSON by the fast path, or {@code null} where it does not cover the value: then nothing has been
     * handed out, and the caller writes it with the data binder.
     *
     * @param sizeHint the expected length (the input's), to size the buffer once
     */
    public static String write(JsonCodec codec, Object request, int sizeHint) {
        if (!(codec instanceof TokenCodec tokens)
                || !(request instanceof ChatCompletionRequest || request instanceof ResponsesRequest)) {
            return null;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(sizeHint + (sizeHint >> 3) + 64);
        try {
            tokens.write(buffer, out -> {
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
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static <T> T covered(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException notCovered) {
            return null;
        }
    }
}
