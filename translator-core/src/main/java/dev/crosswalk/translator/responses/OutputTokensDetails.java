package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Breakdown of output tokens.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputTokensDetails(
        @JsonProperty("reasoning_tokens") Integer reasoningTokens,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public OutputTokensDetails {
        extra = Copies.map(extra);
    }
}
