package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The {@code json_schema} object of a structured-output format.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonSchema(
        String name,
        String description,
        Map<String, Object> schema,
        Boolean strict,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public JsonSchema {
        schema = Copies.nullableMap(schema);
        extra = Copies.map(extra);
    }
}
