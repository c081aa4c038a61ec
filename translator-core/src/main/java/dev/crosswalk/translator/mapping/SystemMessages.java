package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.ChatContent;
import dev.crosswalk.translator.chat.ChatContentPart;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.DeveloperMessage;
import dev.crosswalk.translator.chat.SystemMessage;
import dev.crosswalk.translator.chat.TextPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For Chat servers that reject {@code developer} messages or system messages after the first (many open-source
 * servers' chat templates): every system/developer message becomes text of one leading {@code system} message.
 */
final class SystemMessages {
    private SystemMessages() {
    }

    static List<ChatMessage> mergeAtFront(List<ChatMessage> messages) {
        List<String> texts = new ArrayList<>();
        List<ChatMessage> rest = new ArrayList<>();
        for (ChatMessage m : messages) {
            ChatContent c = m instanceof SystemMessage s ? s.content() : m instanceof DeveloperMessage d ? d.content() : null;
            if (c != null) {
                texts.add(text(c));
            } else {
                rest.add(m);
            }
        }
        if (texts.isEmpty()) {
            return messages;
        }
        List<ChatMessage> merged = new ArrayList<>();
        merged.add(new SystemMessage(ChatContent.of(String.join("\n\n", texts)), null, Map.of()));
        merged.addAll(rest);
        return merged;
    }

    private static String text(ChatContent c) {
        if (c.isText()) {
            return c.text();
        }
        StringBuilder text = new StringBuilder();
        for (ChatContentPart part : c.parts()) {
            if (part instanceof TextPart t && t.text() != null) {
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
