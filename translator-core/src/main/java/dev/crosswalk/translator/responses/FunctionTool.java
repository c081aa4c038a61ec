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
 * A flat {@code function} tool. Absent {@code strict} means strict in Responses.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record FunctionTool(
        String name,
        String description,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> parameters,
        Boolean strict,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponsesTool {

    public FunctionTool {
        parameters = Copies.nullableMap(parameters);
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "function"}. */
    @JsonProperty("type")
    public String type() {
        return "function";
    }
}
