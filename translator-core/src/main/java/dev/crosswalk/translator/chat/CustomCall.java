package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The custom tool name and its free-form input.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomCall(
        String name,
        String input,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public CustomCall {
        extra = Copies.map(extra);
    }
}
