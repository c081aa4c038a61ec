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
 * The stream failed ({@code error}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ErrorEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonInclude(JsonInclude.Include.ALWAYS) String code,
        String message,
        @JsonInclude(JsonInclude.Include.ALWAYS) String param,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public ErrorEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "error"}. */
    @JsonProperty("type")
    public String type() {
        return "error";
    }
}
