package dev.crosswalk.translator.chat;

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
public record TokenLogprob(
        String token,
        Double logprob,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Integer> bytes,
        @JsonProperty("top_logprobs") List<TopLogprob> topLogprobs,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public TokenLogprob {
        bytes = Copies.list(bytes);
        topLogprobs = Copies.list(topLogprobs);
        extra = Copies.map(extra);
    }
}
