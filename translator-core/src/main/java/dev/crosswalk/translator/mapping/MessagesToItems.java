package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.SystemMessagePolicy;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.AssistantMessage;
import dev.crosswalk.translator.chat.ChatContent;
import dev.crosswalk.translator.chat.ChatContentPart;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.CustomToolCall;
import dev.crosswalk.translator.chat.DeveloperMessage;
import dev.crosswalk.translator.chat.FilePart;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.ImageUrlPart;
import dev.crosswalk.translator.chat.InputAudioPart;
import dev.crosswalk.translator.chat.RefusalPart;
import dev.crosswalk.translator.chat.SystemMessage;
import dev.crosswalk.translator.chat.TextPart;
import dev.crosswalk.translator.chat.ToolMessage;
import dev.crosswalk.translator.chat.UserMessage;
import dev.crosswalk.translator.responses.CustomToolCallItem;
import dev.crosswalk.translator.responses.CustomToolCallOutputItem;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.FunctionCallOutputItem;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.RefusalContent;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.ToolOutput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chat {@code messages[]} → Responses {@code input[]} items (and, by option, {@code instructions}).
 *
 * <p>One item per message, in order, except assistant messages: their text (and refusal) becomes a message item
 * <em>before</em> one {@code function_call} item per tool call, so the model sees what it said before calling.
 */
final class MessagesToItems {
    private final TranslatorOptions options;
    private final Report report;
    private final ContentMapper content = ContentMapper.INSTANCE;
    private final List<ResponseItem> items = new ArrayList<>();
    private final Set<String> customCallIds = new HashSet<>();
    private String instructions;

    MessagesToItems(TranslatorOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    List<ResponseItem> items() {
        return items;
    }

    String instructions() {
        return instructions;
    }

    MessagesToItems translate(List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            report.untranslatable("$.messages", "a request needs at least one message");
            return this;
        }
        int first = options.systemMessages() == SystemMessagePolicy.HOIST_LEADING_TO_INSTRUCTIONS ? hoistLeading(messages) : 0;
        Path list = Path.of("$.messages");
        for (int i = first; i < messages.size(); i++) {
            message(messages.get(i), at(list, i));
        }
        return this;
    }

    /** Joins leading text-only system/developer messages into {@code instructions}; returns how many it took. */
    private int hoistLeading(List<ChatMessage> messages) {
        List<String> texts = new ArrayList<>();
        int i = 0;
        for (; i < messages.size(); i++) {
            String text = messages.get(i) instanceof SystemMessage s && s.name() == null && s.extra().isEmpty() ? plainText(s.content())
                    : messages.get(i) instanceof DeveloperMessage d && d.name() == null && d.extra().isEmpty() ? plainText(d.content())
                    : null;
            if (text == null) {
                break;
            }
            texts.add(text);
        }
        instructions = texts.isEmpty() ? null : String.join("\n\n", texts);
        return i;
    }

    private static String plainText(ChatContent c) {
        if (c == null) {
            return null;
        }
        if (c.isText()) {
            return c.text();
        }
        StringBuilder text = new StringBuilder();
        for (ChatContentPart part : c.parts()) {
            if (!(part instanceof TextPart t) || t.text() == null || !t.extra().isEmpty()) {
                return null;
            }
            text.append(t.text());
        }
        return text.toString();
    }

    private void message(ChatMessage message, Path path) {
        if (message == null) {
            report.untranslatable(path, "a message must be an object, not null");
        } else if (message instanceof SystemMessage m) {
            noName(m.name(), path);
            input("system", m.content(), m.extra(), path);
        } else if (message instanceof DeveloperMessage m) {
            noName(m.name(), path);
            input("developer", m.content(), m.extra(), path);
        } else if (message instanceof UserMessage m) {
            noName(m.name(), path);
            input("user", m.content(), m.extra(), path);
        } else if (message instanceof AssistantMessage m) {
            assistant(m, path);
        } else if (message instanceof ToolMessage m) {
            tool(m, path);
        } else {
            String role = message.role();
            report.untranslatable(at(path, "role"), role == null ? "a message needs a role"
                    : "role '" + role + "' has no Responses equivalent");
        }
    }

    private void noName(String name, Path path) {
        if (name != null) {
            report.untranslatable(at(path, "name"), "message names have no Responses equivalent");
        }
    }

    private void input(String role, ChatContent c, Map<String, Object> extra, Path path) {
        Path contentPath = at(path, "content");
        if (c == null) {
            report.untranslatable(contentPath, "a " + role + " message needs content");
            return;
        }
        ResponsesContent converted = c.isText() ? ResponsesContent.of(c.text()) : ResponsesContent.of(inputParts(c.parts(), contentPath));
        items.add(new MessageItem(null, role, converted, null, null, extra));
    }

    private List<ResponseContent> inputParts(List<ChatContentPart> parts, Path path) {
        List<ResponseContent> out = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            ChatContentPart part = parts.get(j);
            Path partPath = at(path, j);
            if (part instanceof TextPart t) {
                out.add(content.toInputText(t));
            } else if (part instanceof ImageUrlPart p && p.imageUrl() != null) {
                out.add(content.toInputImage(p));
            } else if (part instanceof FilePart p && p.file() != null) {
                out.add(content.toInputFile(p));
            } else {
                unsupportedPart(part, partPath);
            }
        }
        return out;
    }

    private void unsupportedPart(ChatContentPart part, Path path) {
        if (part == null) {
            report.untranslatable(path, "a content part must be an object, not null");
        } else if (part instanceof InputAudioPart) {
            report.untranslatable(path, "input_audio parts have no Responses equivalent");
        } else if (part instanceof ImageUrlPart) {
            report.untranslatable(at(path, "image_url"), "an image_url part needs an image_url object");
        } else if (part instanceof FilePart) {
            report.untranslatable(at(path, "file"), "a file part needs a file object");
        } else if (part instanceof RefusalPart) {
            report.untranslatable(path, "refusal parts belong only in assistant messages");
        } else {
            report.untranslatable(at(path, "type"), "content part type '" + part.type() + "' is not known");
        }
    }

    private void assistant(AssistantMessage m, Path path) {
        noName(m.name(), path);
        if (m.audio() != null) {
            report.untranslatable(at(path, "audio"), "assistant audio has no Responses equivalent");
        }
        if (m.functionCall() != null) {
            report.untranslatable(at(path, "function_call"), "the legacy function_call has no Responses equivalent; use tool_calls");
        }
        if (m.reasoningContent() != null) {
            if (options.reasoningContent()) {
                items.add(new ReasoningItem(options.ids().next("rs_"), List.of(),
                        List.of(new ReasoningTextContent(m.reasoningContent(), Map.of())), null, null, Map.of()));
            } else {
                report.dropped(at(path, "reasoning_content"), "reasoning_content is a vendor extension; enable reasoningContent to translate it");
            }
        }
        List<ChatToolCall> calls = m.toolCalls() == null ? List.of() : m.toolCalls();
        MessageItem text = assistantText(m, path, !calls.isEmpty());
        if (text != null) {
            items.add(text);
        }
        for (int j = 0; j < calls.size(); j++) {
            toolCall(calls.get(j), at(at(path, "tool_calls"), j));
        }
    }

    /** The assistant's words as a message item, or {@code null} when it only called tools. */
    private MessageItem assistantText(AssistantMessage m, Path path, boolean hasCalls) {
        ChatContent c = m.content();
        boolean noText = c == null || (c.isText() && c.text().isEmpty()) || (!c.isText() && c.parts().isEmpty());
        if (noText && m.refusal() == null) {
            if (hasCalls) {
                m.extra().forEach((k, v) -> report.dropped(at(path, k), "a message that only calls tools becomes function_call items, which have no place for it"));
                return null;
            }
            return new MessageItem(null, "assistant", ResponsesContent.of(c == null || !c.isText() ? "" : c.text()), null, null, m.extra());
        }
        if (c != null && c.isText() && m.refusal() == null) {
            return new MessageItem(null, "assistant", ResponsesContent.of(c.text()), null, null, m.extra());
        }
        List<ResponseContent> parts = new ArrayList<>();
        if (c != null && c.isText() && !c.text().isEmpty()) {
            parts.add(content.toOutputText(new TextPart(c.text(), Map.of())));
        } else if (c != null && !c.isText()) {
            Path contentPath = at(path, "content");
            for (int j = 0; j < c.parts().size(); j++) {
                ChatContentPart part = c.parts().get(j);
                if (part instanceof TextPart t) {
                    parts.add(content.toOutputText(t));
                } else if (part instanceof RefusalPart r) {
                    parts.add(content.toRefusal(r));
                } else {
                    unsupportedPart(part, at(contentPath, j));
                }
            }
        }
        if (m.refusal() != null) {
            parts.add(new RefusalContent(m.refusal(), Map.of()));
        }
        return new MessageItem(null, "assistant", ResponsesContent.of(parts), null, null, m.extra());
    }

    private void toolCall(ChatToolCall call, Path path) {
        if (call instanceof FunctionToolCall f && f.id() != null && f.function() != null) {
            items.add(new FunctionCallItem(null, f.id(), f.function().name(), f.function().arguments(), null, null,
                    Extras.merge(f.extra(), f.function().extra())));
        } else if (call instanceof CustomToolCall c && c.id() != null && c.custom() != null) {
            customCallIds.add(c.id());
            items.add(new CustomToolCallItem(null, c.id(), c.custom().name(), c.custom().input(), null, null,
                    Extras.merge(c.extra(), c.custom().extra())));
        } else if (call == null) {
            report.untranslatable(path, "a tool call must be an object, not null");
        } else if (call instanceof FunctionToolCall f) {
            report.untranslatable(at(path, f.id() == null ? "id" : "function"), "a tool call needs an id and a function");
        } else if (call instanceof CustomToolCall c) {
            report.untranslatable(at(path, c.id() == null ? "id" : "custom"), "a custom tool call needs an id and a custom object");
        } else {
            report.untranslatable(at(path, "type"), "tool call type '" + call.type() + "' is not known");
        }
    }

    private void tool(ToolMessage m, Path path) {
        if (m.toolCallId() == null) {
            report.untranslatable(at(path, "tool_call_id"), "a tool message needs the tool_call_id it answers");
            return;
        }
        ChatContent c = m.content();
        if (c == null) {
            report.untranslatable(at(path, "content"), "a tool message needs content");
            return;
        }
        ToolOutput output = c.isText() ? ToolOutput.of(c.text()) : ToolOutput.of(inputParts(c.parts(), at(path, "content")));
        items.add(customCallIds.contains(m.toolCallId())
                ? new CustomToolCallOutputItem(null, m.toolCallId(), output, m.extra())
                : new FunctionCallOutputItem(null, m.toolCallId(), output, null, m.extra()));
    }
}
