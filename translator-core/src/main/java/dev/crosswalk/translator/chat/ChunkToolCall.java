package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A fragment of one tool call; {@code index} says which call it belongs to.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkToolCall(
        Integer index,
        String id,
        @JsonProperty("type") String type,
        ChunkFunction function,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChunkToolCall {
        extra = Copies.map(extra);
    }
}
