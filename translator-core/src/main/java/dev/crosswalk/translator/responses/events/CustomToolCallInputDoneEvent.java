package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The full input of a custom tool call ({@code response.custom_tool_call_input.done}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record CustomToolCallInputDoneEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("output_index") Integer outputIndex,
        String input,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public CustomToolCallInputDoneEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.custom_tool_call_input.done"}. */
    @JsonProperty("type")
    public String type() {
        return "response.custom_tool_call_input.done";
    }
}
