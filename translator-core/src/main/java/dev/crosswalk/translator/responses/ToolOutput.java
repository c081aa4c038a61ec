package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.crosswalk.translator.internal.TextOrList;
import java.util.List;

/** A tool call's {@code output}: a string or an array of content parts (text, images, files). */
public final class ToolOutput extends TextOrList<ResponseContent> {
    private ToolOutput(String text, List<ResponseContent> parts) {
        super(text, parts);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ToolOutput of(String text) {
        return new ToolOutput(text, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ToolOutput of(List<ResponseContent> parts) {
        return new ToolOutput(null, parts);
    }

    /** The content parts, or {@code null} for string output. */
    public List<ResponseContent> parts() {
        return items();
    }
}
