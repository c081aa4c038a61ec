package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * An {@code output_text} part with its annotations and log probabilities.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record OutputTextContent(
        String text,
        List<Annotation> annotations,
        List<LogProb> logprobs,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseContent {

    public OutputTextContent {
        annotations = Copies.list(annotations);
        logprobs = Copies.list(logprobs);
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "output_text"}. */
    @JsonProperty("type")
    public String type() {
        return "output_text";
    }
}
