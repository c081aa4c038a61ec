package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import dev.crosswalk.translator.responses.Response;
import java.util.Map;

/**
 * The response is being generated ({@code response.in_progress}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ResponseInProgressEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        Response response,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public ResponseInProgressEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.in_progress"}. */
    @JsonProperty("type")
    public String type() {
        return "response.in_progress";
    }
}
