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
 * An {@code input_audio} content part.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record InputAudioPart(
        @JsonProperty("input_audio") Map<String, Object> inputAudio,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatContentPart {

    public InputAudioPart {
        inputAudio = Copies.nullableMap(inputAudio);
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "input_audio"}. */
    @JsonProperty("type")
    public String type() {
        return "input_audio";
    }
}
