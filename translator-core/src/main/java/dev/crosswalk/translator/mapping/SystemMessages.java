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

    /**
     * @param sources the input path of each message, for the report: merging keeps only text, and what else such a
     *        message had (unknown fields, of the message or of its parts) is reported as dropped
     */
    static List<ChatMessage> mergeAtFront(List<ChatMessage> messages, Map<ChatMessage, Path> sources, Report report) {
        List<String> texts = new ArrayList<>();
        List<ChatMessage> rest = new ArrayList<>();
        for (ChatMessage m : messages) {
            ChatContent c = m instanceof SystemMessage s ? s.content() : m instanceof DeveloperMessage d ? d.content() : null;
            if (c != null) {
                Path path = sources.get(m);
                if (path != null) {
                    reportDropped(m instanceof SystemMessage s ? s.extra() : ((DeveloperMessage) m).extra(), c, path, report);
                }
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

    private static void reportDropped(Map<String, Object> extra, ChatContent c, Path path, Report report) {
        String why = "merged into the leading system message, which keeps only text";
        extra.forEach((k, v) -> report.dropped(Path.at(path, k), why));
        // the parts were already filtered (their indexes no longer match the input's): name the content as a whole
        if (!c.isText() && c.parts().stream().anyMatch(p -> !(p instanceof TextPart t) || t.text() == null || !t.extra().isEmpty())) {
            report.dropped(Path.at(path, "content"), why + ": the parts' other fields are dropped");
        }
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
