package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * An annotation with no Chat Completions form ({@code file_citation}, {@code file_path}, ...).
 *
 * <p>Every field, {@code type} included, is kept in {@link #fields()} and written back unchanged.
 */
public record OtherAnnotation(@JsonAnySetter @JsonAnyGetter Map<String, Object> fields) implements Annotation {

    public OtherAnnotation {
        fields = Copies.map(fields);
    }

    /** The {@code type} tag as sent, or {@code null} when there was none. */
    @Override
    public String type() {
        return fields.get("type") instanceof String s ? s : null;
    }
}
