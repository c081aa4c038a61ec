package dev.crosswalk.springai;

import dev.crosswalk.translator.stream.ToolCallAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.ResponseFailedException;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.util.StringUtils;

/**
 * Chat completion chunks → Spring AI stream responses. Push-style and single-threaded, one per stream.
 *
 * <p>Text goes out as it arrives. Tool calls do not: Spring AI 2.0's aggregator appends tool calls rather than
 * merging fragments, so each call is held until the stream ends and then sent once, complete, in the last response,
 * which also carries the finish reason and the usage. Reasoning text accumulates in the {@code reasoningContent}
 * property of every response, as Spring AI's OpenAI model does, so the last one holds all of it. A stream that ends
 * without a finish reason failed: {@link #onEnd()} throws, it never completes quietly.
 */
final class ChunkAssembler {

    private final ToolCallAccumulator calls = new ToolCallAccumulator();
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final List<Object> annotations = new ArrayList<>();
    private @Nullable String id;
    private @Nullable String model;
    private @Nullable Long created;
    private @Nullable String finishReason;
    private @Nullable CompletionUsage usage;

    /** Reports {@code id} instead of the chunks' own (on the Responses wire: the Responses id). */
    void id(String id) {
        this.id = id;
    }

    List<ChatResponse> onChunk(ChatCompletionChunk chunk) {
        if (id == null) {
            id = chunk.id();
        }
        if (chunk.model() != null) {
            model = chunk.model();
        }
        if (chunk.created() != null) {
            created = chunk.created();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        List<ChatResponse> out = new ArrayList<>();
        // Some providers send chunks without a choices key (docs/architecture.md §11): nothing to add from those.
        List<ChunkChoice> choices = chunk.choices() == null ? List.of() : chunk.choices();
        for (ChunkChoice choice : choices) {
            // One answer per request is all either wire gives (n is never sent); other indices cannot occur.
            if (choice == null || (choice.index() != null && choice.index() != 0)) {
                continue;
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
            ChunkDelta delta = choice.delta();
            if (delta == null) {
                continue;
            }
            String thought = ChatResponseMapper.reasoning(delta.reasoningContent(), delta.extra());
            if (thought != null) {
                reasoning.append(thought);
            }
            if (delta.refusal() != null) {
                refusal.append(delta.refusal());
            }
            if (delta.extra().get("annotations") instanceof List<?> list) {
                annotations.addAll(list);
            }
            if (delta.toolCalls() != null) {
                delta.toolCalls().stream().filter(java.util.Objects::nonNull).forEach(calls::add);
            }
            if (StringUtils.hasLength(delta.content())) {
                out.add(response(delta.content(), List.of(), null, new EmptyUsage()));
            }
        }
        return out;
    }

    /** The end of the stream: the last response, with the tool calls, finish reason and usage. */
    List<ChatResponse> onEnd() {
        if (finishReason == null) {
            throw new ResponseFailedException(new OpenAiError("the upstream stream ended before its finish_reason",
                    "server_error", null, "stream_incomplete"));
        }
        List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
        calls.calls().forEach(c -> toolCalls.add(new AssistantMessage.ToolCall(c.id(), c.type(), c.name(),
                c.arguments())));
        return List.of(response("", toolCalls, finishReason, ChatResponseMapper.usage(usage)));
    }

    private ChatResponse response(String text, List<AssistantMessage.ToolCall> toolCalls,
            @Nullable String finish, org.springframework.ai.chat.metadata.Usage usage) {
        String reportedId = id == null ? "" : id;
        Map<String, Object> properties = ChatResponseMapper.properties(reportedId, "assistant", 0, finish,
                refusal.toString(), List.copyOf(annotations), reasoning.toString());
        AssistantMessage message = AssistantMessage.builder().content(text).properties(properties)
                .toolCalls(toolCalls).build();
        ChatGenerationMetadata metadata = finish == null ? ChatGenerationMetadata.NULL
                : ChatResponseMapper.generationMetadata(finish);
        return new ChatResponse(List.of(new Generation(message, metadata)),
                ChatResponseMapper.responseMetadata(reportedId, model, created, usage));
    }
}
