package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * Why a response failed: a machine-readable {@code code} and a {@code message}.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseError(
        String code,
        String message,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ResponseError {
        extra = Copies.map(extra);
    }
}
