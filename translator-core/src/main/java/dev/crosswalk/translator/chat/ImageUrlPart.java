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
 * An {@code image_url} content part.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ImageUrlPart(
        @JsonProperty("image_url") ImageUrl imageUrl,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatContentPart {

    public ImageUrlPart {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "image_url"}. */
    @JsonProperty("type")
    public String type() {
        return "image_url";
    }
}
