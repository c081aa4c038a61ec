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
 * An output item opened ({@code response.output_item.added}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record OutputItemAddedEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("output_index") Integer outputIndex,
        ResponseItem item,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public OutputItemAddedEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.output_item.added"}. */
    @JsonProperty("type")
    public String type() {
        return "response.output_item.added";
    }
}
