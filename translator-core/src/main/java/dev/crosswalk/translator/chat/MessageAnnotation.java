package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * An annotation on a completion message: {@code {type: url_citation, url_citation: {...}}}.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageAnnotation(
        @JsonProperty("type") String type,
        @JsonProperty("url_citation") UrlCitation urlCitation,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public MessageAnnotation {
        extra = Copies.map(extra);
    }
}
