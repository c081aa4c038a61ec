package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import dev.crosswalk.translator.responses.ResponseContent;
import java.util.Map;

/**
 * A reasoning summary part opened ({@code response.reasoning_summary_part.added}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ReasoningSummaryPartAddedEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("output_index") Integer outputIndex,
        @JsonProperty("summary_index") Integer summaryIndex,
        ResponseContent part,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public ReasoningSummaryPartAddedEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.reasoning_summary_part.added"}. */
    @JsonProperty("type")
    public String type() {
        return "response.reasoning_summary_part.added";
    }
}
