package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * Log probabilities of a choice's content and refusal tokens.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChoiceLogprobs(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<TokenLogprob> content,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<TokenLogprob> refusal,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChoiceLogprobs {
        content = Copies.list(content);
        refusal = Copies.list(refusal);
        extra = Copies.map(extra);
    }
}
