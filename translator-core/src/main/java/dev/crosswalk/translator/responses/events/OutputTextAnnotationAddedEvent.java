package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.internal.Copies;
import dev.crosswalk.translator.responses.Annotation;
import java.util.Map;

/**
 * An annotation was added to output text ({@code response.output_text.annotation.added}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record OutputTextAnnotationAddedEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("output_index") Integer outputIndex,
        @JsonProperty("content_index") Integer contentIndex,
        @JsonProperty("annotation_index") Integer annotationIndex,
        Annotation annotation,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public OutputTextAnnotationAddedEvent {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "response.output_text.annotation.added"}. */
    @JsonProperty("type")
    public String type() {
        return "response.output_text.annotation.added";
    }
}
