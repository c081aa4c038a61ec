package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Why a response is incomplete ({@code max_output_tokens} or {@code content_filter}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncompleteDetails(
        String reason,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public IncompleteDetails {
        extra = Copies.map(extra);
    }
}
