package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * One choice of a chunk: a delta, and on the last chunk the finish reason.
 *
 * <p>{@code finish_reason} and {@code logprobs} are always written, as {@code null} when absent: the live API sends
 * both on every chunk, and clients that read its stream expect them.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkChoice(
        Integer index,
        ChunkDelta delta,
        @JsonProperty("finish_reason") @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason,
        @JsonInclude(JsonInclude.Include.ALWAYS) ChoiceLogprobs logprobs,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChunkChoice {
        extra = Copies.map(extra);
    }
}
