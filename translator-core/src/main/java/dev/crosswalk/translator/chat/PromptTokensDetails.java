package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Breakdown of prompt tokens.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptTokensDetails(
        @JsonProperty("cached_tokens") Integer cachedTokens,
        @JsonProperty("audio_tokens") Integer audioTokens,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public PromptTokensDetails {
        extra = Copies.map(extra);
    }
}
