package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * {@code text.format: {type: json_schema, name, schema, ...}} (structured output).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record TextFormatJsonSchema(
        String name,
        String description,
        Map<String, Object> schema,
        Boolean strict,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements TextFormat {

    public TextFormatJsonSchema {
        schema = Copies.nullableMap(schema);
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "json_schema"}. */
    @JsonProperty("type")
    public String type() {
        return "json_schema";
    }
}
