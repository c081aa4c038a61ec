package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A content part of a type this version does not know.
 *
 * <p>Every field, {@code type} included, is kept in {@link #fields()} and written back unchanged.
 */
public record UnknownContent(@JsonAnySetter @JsonAnyGetter Map<String, Object> fields) implements ResponseContent {

    public UnknownContent {
        fields = Copies.map(fields);
    }

    /** The {@code type} tag as sent, or {@code null} when there was none. */
    @Override
    public String type() {
        return fields.get("type") instanceof String s ? s : null;
    }
}
