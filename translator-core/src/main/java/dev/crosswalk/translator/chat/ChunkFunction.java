package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A fragment of a function call: the name (first fragment) and a piece of the arguments.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkFunction(
        String name,
        String arguments,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChunkFunction {
        extra = Copies.map(extra);
    }
}
