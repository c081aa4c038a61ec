package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * An {@code assistant} message in a request's history: text, a refusal, tool calls, or several of them.
 *
 * <p>{@code content} is always written, as {@code null} when absent ({@code "content": null} beside
 * {@code tool_calls}), as the live API answers and as the official SDKs send it back in the history; some
 * OpenAI-compatible servers reject an assistant message without the key.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true)
@JsonPropertyOrder("role")
public record AssistantMessage(
        @JsonInclude(JsonInclude.Include.ALWAYS) ChatContent content,
        String refusal,
        String name,
        @JsonProperty("tool_calls") List<ChatToolCall> toolCalls,
        @JsonProperty("reasoning_content") String reasoningContent,
        Object audio,
        @JsonProperty("function_call") Object functionCall,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

    public AssistantMessage {
        toolCalls = Copies.list(toolCalls);
        extra = Copies.map(extra);
    }

    @Override
    @JsonProperty("role")
    public String role() {
        return "assistant";
    }
}
