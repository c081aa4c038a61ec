package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * One output token with its log probability and the most likely alternatives.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogProb(
        String token,
        Double logprob,
        List<Integer> bytes,
        @JsonProperty("top_logprobs") List<TopLogProb> topLogprobs,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public LogProb {
        bytes = Copies.list(bytes);
        topLogprobs = Copies.list(topLogprobs);
        extra = Copies.map(extra);
    }
}
