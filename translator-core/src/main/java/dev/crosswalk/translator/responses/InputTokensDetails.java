package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Breakdown of input tokens.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputTokensDetails(
        @JsonProperty("cached_tokens") Integer cachedTokens,
        @JsonProperty("cache_write_tokens") Integer cacheWriteTokens,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public InputTokensDetails {
        extra = Copies.map(extra);
    }
}
