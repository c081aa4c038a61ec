package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What a Responses object carries besides its answer, on its way to Chat (docs/architecture.md §5, "Response → Chat:
 * ids and echoes"): the response id is carried as the completion id, under Chat's {@code chatcmpl-} prefix; output
 * item ids travel by reference with it; echo fields that restate the request need nothing; {@code instructions} and
 * {@code metadata}, which a completion has no place for, are reported unless they are the sent request's own.
 * Internal: not part of the supported API.
 */
public final class ResponseEchoes {
    private static final String CHAT_ID_PREFIX = "chatcmpl-";

    private ResponseEchoes() {
    }

    /** The completion id for a response: {@code chatcmpl-} and the response's id, or a minted one if it has none. */
    public static String completionId(String responseId, IdSource ids) {
        return responseId == null || responseId.isEmpty() ? ids.next(CHAT_ID_PREFIX) : CHAT_ID_PREFIX + responseId;
    }

    /**
     * What {@link #reportUnechoed} reads of the request sent ({@code instructions}, {@code metadata}): all a stream
     * translator keeps of it, not its input (a second copy of the conversation for as long as the stream lasts).
     */
    public static ResponsesRequest echoFields(ResponsesRequest sent) {
        return sent == null ? null : ResponsesRequest.builder().instructions(sent.instructions()).metadata(sent.metadata()).build();
    }

    /**
     * Reports ({@code dropped(path, reason)}) the response's {@code instructions} and {@code metadata} unless they
     * echo {@code sent}, the request the response answers; with no request known ({@code null}), whatever is set.
     * Empty metadata and absent metadata are the same (the API echoes {@code {}} for none).
     */
    public static void reportUnechoed(Response response, ResponsesRequest sent, BiConsumer<String, String> dropped) {
        if (response.instructions() != null && (sent == null || !Objects.equals(response.instructions(), sent.instructions()))) {
            dropped.accept("$.instructions", sent == null
                    ? "a Chat completion has no place for instructions (pass the request sent to tell an echo from new ones)"
                    : "instructions that are not the request's echo have no place in a Chat completion");
        }
        Map<String, String> metadata = response.metadata();
        if (metadata != null && !metadata.isEmpty() && (sent == null || !metadata.equals(orEmpty(sent.metadata())))) {
            dropped.accept("$.metadata", sent == null
                    ? "a Chat completion has no place for metadata (pass the request sent to tell an echo from new ones)"
                    : "metadata that is not the request's echo has no place in a Chat completion");
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
