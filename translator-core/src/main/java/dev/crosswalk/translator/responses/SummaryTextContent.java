package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A {@code summary_text} part of a reasoning item.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record SummaryTextContent(
        String text,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseContent {

    public SummaryTextContent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "summary_text"}. */
    @JsonProperty("type")
    public String type() {
        return "summary_text";
    }
}
