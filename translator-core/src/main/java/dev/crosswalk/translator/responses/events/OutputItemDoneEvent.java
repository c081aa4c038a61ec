package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import dev.crosswalk.translator.responses.ResponseItem;
import java.util.Map;

/**
 * An output item closed, complete ({@code response.output_item.done}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record OutputItemDoneEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("output_index") Integer outputIndex,
        ResponseItem item,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public OutputItemDoneEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.output_item.done"}. */
    @JsonProperty("type")
    public String type() {
        return "response.output_item.done";
    }
}
