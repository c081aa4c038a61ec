package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A function's name, description, JSON Schema parameters and strictness. Absent {@code strict} means non-strict in Chat Completions.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionDefinition(
        String name,
        String description,
        Map<String, Object> parameters,
        Boolean strict,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public FunctionDefinition {
        parameters = Copies.nullableMap(parameters);
        extra = Copies.map(extra);
    }
}
