package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Breakdown of completion tokens.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionTokensDetails(
        @JsonProperty("reasoning_tokens") Integer reasoningTokens,
        @JsonProperty("audio_tokens") Integer audioTokens,
        @JsonProperty("accepted_prediction_tokens") Integer acceptedPredictionTokens,
        @JsonProperty("rejected_prediction_tokens") Integer rejectedPredictionTokens,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public CompletionTokensDetails {
        extra = Copies.map(extra);
    }
}
