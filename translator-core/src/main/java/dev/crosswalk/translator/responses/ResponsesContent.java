package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.crosswalk.translator.internal.TextOrList;
import java.util.List;

/** A message item's {@code content}: a plain string or an array of content parts. */
public final class ResponsesContent extends TextOrList<ResponseContent> {
    private ResponsesContent(String text, List<ResponseContent> parts) {
        super(text, parts);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ResponsesContent of(String text) {
        return new ResponsesContent(text, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ResponsesContent of(List<ResponseContent> parts) {
        return new ResponsesContent(null, parts);
    }

    /** The content parts, or {@code null} for string content. */
    public List<ResponseContent> parts() {
        return items();
    }
}
