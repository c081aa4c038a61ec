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
 * A {@code function_call_output} item: the result of the call with the same {@code call_id}.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record FunctionCallOutputItem(
        String id,
        @JsonProperty("call_id") String callId,
        ToolOutput output,
        String status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseItem {

    public FunctionCallOutputItem {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "function_call_output"}. */
    @JsonProperty("type")
    public String type() {
        return "function_call_output";
    }
}
