package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.OpenAiError;

/**
 * One SSE {@code data:} payload of a Chat Completions stream: a chunk, an error object (a stream that fails after
 * its first chunk), or the {@code [DONE]} marker that ends every stream.
 */
public sealed interface ChatStreamOutput {

    /** {@code data: <chunk json>}. */
    record Chunk(ChatCompletionChunk chunk) implements ChatStreamOutput {
    }

    /** {@code data: {"error": {...}}}. */
    record Error(OpenAiError error) implements ChatStreamOutput {
    }

    /** {@code data: [DONE]}. */
    record Done() implements ChatStreamOutput {
    }
}
