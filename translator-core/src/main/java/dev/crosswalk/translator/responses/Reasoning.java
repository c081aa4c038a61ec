package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The {@code reasoning} object: effort and summary settings.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reasoning(
        String effort,
        String summary,
        @JsonProperty("generate_summary") String generateSummary,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Reasoning {
        extra = Copies.map(extra);
    }
}
