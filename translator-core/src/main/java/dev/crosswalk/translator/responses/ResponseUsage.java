package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Token usage of a response.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseUsage(
        @JsonProperty("input_tokens") Integer inputTokens,
        @JsonProperty("input_tokens_details") InputTokensDetails inputTokensDetails,
        @JsonProperty("output_tokens") Integer outputTokens,
        @JsonProperty("output_tokens_details") OutputTokensDetails outputTokensDetails,
        @JsonProperty("total_tokens") Integer totalTokens,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ResponseUsage {
        extra = Copies.map(extra);
    }
}
