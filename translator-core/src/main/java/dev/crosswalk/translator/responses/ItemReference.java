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
 * An {@code item_reference}: an earlier item named by id.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ItemReference(
        String id,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseItem {

    public ItemReference {
        extra = Copies.map(extra);
    }

    /** The protocol's type tag, always {@code "item_reference"}. */
    @JsonProperty("type")
    public String type() {
        return "item_reference";
    }
}
