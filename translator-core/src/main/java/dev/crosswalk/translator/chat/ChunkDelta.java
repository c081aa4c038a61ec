package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * What a chunk adds to the message: text, refusal, reasoning, or tool-call fragments.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkDelta(
        String role,
        String content,
        String refusal,
        @JsonProperty("tool_calls") List<ChunkToolCall> toolCalls,
        @JsonProperty("reasoning_content") String reasoningContent,
        @JsonProperty("function_call") Object functionCall,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChunkDelta {
        toolCalls = Copies.list(toolCalls);
        extra = Copies.map(extra);
    }
}
