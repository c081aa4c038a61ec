package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.crosswalk.translator.internal.TextOrList;
import java.util.List;

/**
 * A request's {@code input}: a string (one user message) or a list of items.
 *
 * <pre>{@code
 * ResponsesInput.of("Write a haiku");
 * ResponsesInput.of(List.of(userMessage, functionCall, functionCallOutput));
 * }</pre>
 */
public final class ResponsesInput extends TextOrList<ResponseItem> {
    private ResponsesInput(String text, List<ResponseItem> items) {
        super(text, items);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ResponsesInput of(String text) {
        return new ResponsesInput(text, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ResponsesInput of(List<ResponseItem> items) {
        return new ResponsesInput(null, items);
    }
}
