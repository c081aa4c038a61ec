package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.crosswalk.translator.internal.TextOrList;
import java.util.List;

/**
 * A message's {@code content}: a plain string or an array of content parts.
 *
 * <pre>{@code
 * ChatContent.of("Hello");
 * ChatContent.of(List.of(new TextPart("Describe this", Map.of()), imagePart));
 * }</pre>
 */
public final class ChatContent extends TextOrList<ChatContentPart> {
    private ChatContent(String text, List<ChatContentPart> parts) {
        super(text, parts);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChatContent of(String text) {
        return new ChatContent(text, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChatContent of(List<ChatContentPart> parts) {
        return new ChatContent(null, parts);
    }

    /** The content parts, or {@code null} for string content. */
    public List<ChatContentPart> parts() {
        return items();
    }
}
