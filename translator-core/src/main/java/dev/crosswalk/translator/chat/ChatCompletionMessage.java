package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * The assistant message of a completion choice. {@code content} and {@code refusal} are always written, as {@code null} when absent.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionMessage(
        String role,
        @JsonInclude(JsonInclude.Include.ALWAYS) String content,
        @JsonInclude(JsonInclude.Include.ALWAYS) String refusal,
        @JsonProperty("tool_calls") List<ChatToolCall> toolCalls,
        List<MessageAnnotation> annotations,
        @JsonProperty("reasoning_content") String reasoningContent,
        Object audio,
        @JsonProperty("function_call") Object functionCall,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChatCompletionMessage {
        toolCalls = Copies.list(toolCalls);
        annotations = Copies.list(annotations);
        extra = Copies.map(extra);
    }
}
