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
 * A fragment of a custom tool call's input ({@code response.custom_tool_call_input.delta}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record CustomToolCallInputDeltaEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("output_index") Integer outputIndex,
        String delta,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public CustomToolCallInputDeltaEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.custom_tool_call_input.delta"}. */
    @JsonProperty("type")
    public String type() {
        return "response.custom_tool_call_input.delta";
    }
}
