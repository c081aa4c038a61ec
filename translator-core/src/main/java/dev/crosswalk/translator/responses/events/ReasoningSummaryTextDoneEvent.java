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
 * The full text of a reasoning summary part ({@code response.reasoning_summary_text.done}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ReasoningSummaryTextDoneEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("output_index") Integer outputIndex,
        @JsonProperty("summary_index") Integer summaryIndex,
        String text,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public ReasoningSummaryTextDoneEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.reasoning_summary_text.done"}. */
    @JsonProperty("type")
    public String type() {
        return "response.reasoning_summary_text.done";
    }
}
