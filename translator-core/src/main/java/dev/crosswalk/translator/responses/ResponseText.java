package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The {@code text} object: output format and verbosity.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseText(
        TextFormat format,
        String verbosity,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ResponseText {
        extra = Copies.map(extra);
    }
}
