package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A custom tool's name, description and input format.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomToolDefinition(
        String name,
        String description,
        Object format,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public CustomToolDefinition {
        extra = Copies.map(extra);
    }
}
