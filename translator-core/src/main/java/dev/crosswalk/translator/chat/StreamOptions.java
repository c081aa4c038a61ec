package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Chat {@code stream_options}.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOptions(
        @JsonProperty("include_usage") Boolean includeUsage,
        @JsonProperty("include_obfuscation") Boolean includeObfuscation,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public StreamOptions {
        extra = Copies.map(extra);
    }
}
