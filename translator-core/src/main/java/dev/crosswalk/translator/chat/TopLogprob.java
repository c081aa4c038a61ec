package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * One of the most likely tokens at a position.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopLogprob(
        String token,
        Double logprob,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Integer> bytes,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public TopLogprob {
        bytes = Copies.list(bytes);
        extra = Copies.map(extra);
    }
}
