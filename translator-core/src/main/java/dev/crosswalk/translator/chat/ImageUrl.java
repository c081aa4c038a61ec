package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The {@code image_url} object of an image part: a URL or a data URL, and a detail level.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageUrl(
        String url,
        String detail,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ImageUrl {
        extra = Copies.map(extra);
    }
}
