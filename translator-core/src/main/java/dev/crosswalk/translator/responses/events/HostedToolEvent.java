package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * An event of a hosted tool's progress ({@code response.web_search_call.searching}, ...): carried through, never reshaped.
 *
 * <p>Every field, {@code type} included, is kept in {@link #fields()} and written back unchanged.
 */
public record HostedToolEvent(@JsonAnySetter @JsonAnyGetter Map<String, Object> fields) implements ResponseStreamEvent {

    public HostedToolEvent {
        fields = Copies.map(fields);
    }

    @Override
    public String type() {
        return fields.get("type") instanceof String s ? s : null;
    }

    @Override
    public Integer sequenceNumber() {
        return fields.get("sequence_number") instanceof Number n ? n.intValue() : null;
    }
}
