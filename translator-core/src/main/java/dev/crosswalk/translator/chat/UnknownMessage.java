package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * A message with a role this version does not know (for example the legacy {@code function} role).
 *
 * <p>Every field, {@code role} included, is kept in {@link #fields()} and written back unchanged.
 */
public record UnknownMessage(@JsonAnySetter @JsonAnyGetter Map<String, Object> fields) implements ChatMessage {

    public UnknownMessage {
        fields = Copies.map(fields);
    }

    /** The {@code role} tag as sent, or {@code null} when there was none. */
    @Override
    public String role() {
        return fields.get("role") instanceof String s ? s : null;
    }
}
