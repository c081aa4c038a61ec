package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * {@code response_format: {type: json_schema, json_schema: {...}}} (structured output).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ResponseFormatJsonSchema(
        @JsonProperty("json_schema") JsonSchema jsonSchema,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseFormat {

    public ResponseFormatJsonSchema {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "json_schema"}. */
    @JsonProperty("type")
    public String type() {
        return "json_schema";
    }
}
