package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A {@code tool} message: the result of one tool call.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true)
@JsonPropertyOrder("role")
public record ToolMessage(
        ChatContent content,
        @JsonProperty("tool_call_id") String toolCallId,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

    public ToolMessage {
        extra = Copies.map(extra);
    }

    @Override
    @JsonProperty("role")
    public String role() {
        return "tool";
    }
}
