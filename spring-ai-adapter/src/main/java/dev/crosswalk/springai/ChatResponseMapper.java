package dev.crosswalk.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.MessageAnnotation;
import dev.crosswalk.translator.json.JsonCodec;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * A Chat completion → a Spring AI {@link ChatResponse}, with the metadata keys of Spring AI's {@code OpenAiChatModel}:
 * generation properties {@code id}, {@code role}, {@code index}, {@code finishReason}, {@code refusal},
 * {@code annotations}, {@code reasoningContent}; finish reasons in upper case ({@code STOP}, {@code TOOL_CALLS},
 * {@code LENGTH}, {@code CONTENT_FILTER}); response metadata {@code id}, {@code model}, usage and {@code created}.
 */
final class ChatResponseMapper {

    private final JsonCodec codec;

    ChatResponseMapper(JsonCodec codec) {
        this.codec = codec;
    }

    /**
     * @param id the id to report: the completion's own, or on the Responses wire the Responses id (the one a
     *        {@code previousResponseId} refers to)
     */
    ChatResponse map(ChatCompletion completion, String id) {
        List<Generation> generations = new ArrayList<>();
        for (ChatChoice choice : completion.choices()) {
            ChatCompletionMessage m = choice.message();
            String reasoning = m == null ? null : reasoning(m.reasoningContent(), m.extra());
            Map<String, Object> properties = properties(id, m == null ? null : m.role(), choice.index(),
                    choice.finishReason(), m == null ? null : m.refusal(),
                    m == null ? List.of() : annotations(m.annotations()), reasoning);
            AssistantMessage message = AssistantMessage.builder()
                    .content(m == null || m.content() == null ? "" : m.content())
                    .properties(properties)
                    .toolCalls(m == null ? List.of() : toolCalls(m.toolCalls()))
                    .build();
            generations.add(new Generation(message, generationMetadata(choice.finishReason())));
        }
        return new ChatResponse(generations, responseMetadata(id, completion.model(), completion.created(),
                usage(completion.usage())));
    }

    static Map<String, Object> properties(String id, @Nullable String role, @Nullable Integer index,
            @Nullable String finishReason, @Nullable String refusal, List<Object> annotations,
            @Nullable String reasoning) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("role", role == null ? "assistant" : role);
        p.put("index", index == null ? 0 : index);
        p.put("finishReason", finishReason == null ? "" : upper(finishReason));
        p.put("refusal", refusal == null ? "" : refusal);
        p.put("annotations", annotations);
        p.put(ChatRequestMapper.REASONING_CONTENT, reasoning == null ? "" : reasoning);
        return p;
    }

    static ChatGenerationMetadata generationMetadata(@Nullable String finishReason) {
        return ChatGenerationMetadata.builder().finishReason(finishReason == null ? null : upper(finishReason)).build();
    }

    static ChatResponseMetadata responseMetadata(@Nullable String id, @Nullable String model, @Nullable Long created,
            Usage usage) {
        ChatResponseMetadata.Builder b = ChatResponseMetadata.builder().usage(usage)
                .keyValue("created", created == null ? 0L : created);
        if (id != null) {
            b.id(id);
        }
        if (model != null) {
            b.model(model);
        }
        return b.build();
    }

    static String upper(String finishReason) {
        return finishReason.toUpperCase(Locale.ROOT);
    }

    /** {@code reasoning_content} (DeepSeek, vLLM, and the core's form of Responses reasoning), else {@code reasoning}. */
    static @Nullable String reasoning(@Nullable String reasoningContent, Map<String, Object> extra) {
        if (reasoningContent != null) {
            return reasoningContent;
        }
        return extra.get("reasoning") instanceof String r ? r : null;
    }

    static List<AssistantMessage.ToolCall> toolCalls(@Nullable List<ChatToolCall> calls) {
        List<AssistantMessage.ToolCall> out = new ArrayList<>();
        if (calls != null) {
            for (ChatToolCall call : calls) {
                // Only function tools are ever offered, so other kinds cannot be meant for this application.
                if (call instanceof FunctionToolCall f && f.function() != null) {
                    out.add(new AssistantMessage.ToolCall(f.id(), "function", f.function().name(),
                            f.function().arguments() == null ? "" : f.function().arguments()));
                }
            }
        }
        return out;
    }

    List<Object> annotations(@Nullable List<MessageAnnotation> annotations) {
        List<Object> out = new ArrayList<>();
        if (annotations != null) {
            // Plain maps, as JSON has them, so memory stores can serialize the metadata.
            annotations.forEach(a -> out.add(codec.readTree(codec.write(a))));
        }
        return out;
    }

    /** {@link DefaultUsage} with the native usage and the cached prompt tokens; {@link EmptyUsage} without usage. */
    static Usage usage(@Nullable CompletionUsage usage) {
        if (usage == null) {
            return new EmptyUsage();
        }
        Long cached = usage.promptTokensDetails() == null || usage.promptTokensDetails().cachedTokens() == null ? null
                : usage.promptTokensDetails().cachedTokens().longValue();
        return new DefaultUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), usage, cached,
                null);
    }
}
