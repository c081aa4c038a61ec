package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.AssistantMessage;
import dev.crosswalk.translator.chat.ChatContent;
import dev.crosswalk.translator.chat.ChatContentPart;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.CustomCall;
import dev.crosswalk.translator.chat.CustomToolCall;
import dev.crosswalk.translator.chat.DeveloperMessage;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.SystemMessage;
import dev.crosswalk.translator.chat.TextPart;
import dev.crosswalk.translator.chat.ToolMessage;
import dev.crosswalk.translator.chat.UserMessage;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.responses.CustomToolCallItem;
import dev.crosswalk.translator.responses.CustomToolCallOutputItem;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.FunctionCallOutputItem;
import dev.crosswalk.translator.responses.HostedToolCallItem;
import dev.crosswalk.translator.responses.InputFileContent;
import dev.crosswalk.translator.responses.InputImageContent;
import dev.crosswalk.translator.responses.InputTextContent;
import dev.crosswalk.translator.responses.ItemReference;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.RefusalContent;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.SummaryTextContent;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.ToolOutput;
import dev.crosswalk.translator.responses.UnknownItem;
import dev.crosswalk.translator.seal.SealException;
import dev.crosswalk.translator.seal.Sealer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Responses {@code instructions} + {@code input} → Chat {@code messages[]}.
 *
 * <p>An assistant message item and the {@code function_call} items right after it become <em>one</em> assistant
 * message (Chat glues tool calls onto the message); consecutive calls without text merge the same way.
 */
final class ItemsToMessages {
    private final TranslatorOptions options;
    private final Report report;
    private final ContentMapper content = ContentMapper.INSTANCE;
    private final List<ChatMessage> messages = new ArrayList<>();
    /** Where each system/developer message came from, for what merging them at the front must report. */
    /**
     * The input path of each system and developer message, for {@link SystemMessages#mergeAtFront}'s report; made at
     * the first one, and only when the options merge them (most requests have none to record).
     */
    private Map<ChatMessage, Path> sources = Map.of();
    /** The assistant message being built: text first, then any calls that follow it. */
    private AssistantDraft open;
    private String pendingReasoning;
    private Path pendingReasoningPath;

    ItemsToMessages(TranslatorOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    List<ChatMessage> translate(String instructions, ResponsesInput input) {
        if (instructions != null) {
            messages.add("developer".equals(options.instructionsRole())
                    ? new DeveloperMessage(ChatContent.of(instructions), null, Map.of())
                    : new SystemMessage(ChatContent.of(instructions), null, Map.of()));
        }
        if (input == null) {
            report.untranslatable("$.input", "a request needs input");
        } else if (input.isText()) {
            messages.add(new UserMessage(ChatContent.of(input.text()), null, Map.of()));
        } else {
            Path items = Path.of("$.input");
            for (int i = 0; i < input.items().size(); i++) {
                item(input.items().get(i), at(items, i));
            }
        }
        close();
        if (input != null && messages.isEmpty()) {
            report.untranslatable("$.input", "a Chat request needs at least one message");
        }
        dropPendingReasoning();
        return options.systemOnlyAtStart() ? SystemMessages.mergeAtFront(messages, sources, report) : messages;
    }

    private void item(ResponseItem item, Path path) {
        if (item instanceof UnknownItem u && u.type() == null && u.fields().containsKey("role")) {
            item = easyMessage(u.fields(), path);
        }
        if (item instanceof MessageItem m) {
            message(m, path);
        } else if (item instanceof FunctionCallItem f) {
            dropIds(f.id(), f.status(), path);
            // a namespace's functions go to Chat under their own names (NamespaceTools): the name alone is the call
            draft(path).calls.add(new FunctionToolCall(f.callId(), new FunctionCall(f.name(), f.arguments(), Map.of()), f.extra()));
            requireCallId(f.callId(), path);
        } else if (item instanceof CustomToolCallItem c) {
            dropIds(c.id(), c.status(), path);
            draft(path).calls.add(options.customTools() == CustomTools.AS_FUNCTIONS
                    ? new FunctionToolCall(c.callId(), new FunctionCall(c.name(), CustomToolsAsFunctions.arguments(options.codec(), c.input()), Map.of()), c.extra())
                    : new CustomToolCall(c.callId(), new CustomCall(c.name(), c.input(), Map.of()), c.extra()));
            requireCallId(c.callId(), path);
        } else if (item instanceof FunctionCallOutputItem o) {
            close();
            dropIds(o.id(), o.status(), path);
            toolResult(o.callId(), o.output(), o.extra(), path);
        } else if (item instanceof CustomToolCallOutputItem o) {
            close();
            dropIds(o.id(), null, path);
            toolResult(o.callId(), o.output(), o.extra(), path);
        } else if (item instanceof ReasoningItem r) {
            reasoning(r, path);
        } else if (item instanceof ItemReference) {
            report.untranslatable(path, "item_reference needs a response store to expand");
        } else if (item instanceof HostedToolCallItem h) {
            report.untranslatable(path, "hosted tool item '" + h.type() + "' has no Chat equivalent");
        } else if (item == null) {
            report.untranslatable(path, "an item must be an object, not null");
        } else {
            report.untranslatable(at(path, "type"), "item type '" + item.type() + "' is not known");
        }
    }

    /** A message item in the easy form (no {@code type}); a shape error names its place in the request, not in the item. */
    private MessageItem easyMessage(Map<String, Object> fields, Path path) {
        try {
            return options.codec().convert(withType(fields), MessageItem.class);
        } catch (MalformedJsonException e) {
            String where = path + e.path().substring(1);
            throw new MalformedJsonException(where, e.getMessage().replace(" at " + e.path(), " at " + where), e);
        }
    }

    private static Map<String, Object> withType(Map<String, Object> fields) {
        Map<String, Object> typed = new java.util.LinkedHashMap<>(fields);
        typed.put("type", "message");
        return typed;
    }

    private void requireCallId(String callId, Path path) {
        if (callId == null) {
            report.untranslatable(at(path, "call_id"), "a call needs a call_id");
        }
    }

    private void dropIds(String id, String status, Path path) {
        if (id != null) {
            report.dropped(at(path, "id"), "Chat messages have no item ids");
        }
        if (status != null) {
            report.dropped(at(path, "status"), "Chat messages have no item status");
        }
    }

    private void message(MessageItem m, Path path) {
        dropIds(m.id(), m.status(), path);
        if (m.phase() != null) {
            report.dropped(at(path, "phase"), "Chat messages have no phase");
        }
        String role = m.role() == null ? "" : m.role();
        Path contentPath = at(path, "content");
        if (m.content() == null) {
            report.untranslatable(contentPath, "a message needs content");
            return;
        }
        switch (role) {
            case "assistant" -> assistant(m, path);
            case "user", "system", "developer" -> {
                close();
                dropPendingReasoning();
                // Chat system and developer messages take text parts only
                ChatContent c = m.content().isText() ? ChatContent.of(m.content().text())
                        : plain(ChatContent.of(parts(m.content().parts(), contentPath, !role.equals("user"))));
                ChatMessage message = role.equals("user") ? new UserMessage(c, null, m.extra())
                        : role.equals("system") ? new SystemMessage(c, null, m.extra()) : new DeveloperMessage(c, null, m.extra());
                messages.add(message);
                if (!role.equals("user") && options.systemOnlyAtStart()) {
                    if (sources.isEmpty()) {
                        sources = new java.util.IdentityHashMap<>(4); // few; the default table is 64 slots
                    }
                    sources.put(message, path);
                }
            }
            default -> report.untranslatable(at(path, "role"), "role '" + m.role() + "' has no Chat equivalent");
        }
    }

    private void assistant(MessageItem m, Path path) {
        close();
        AssistantDraft draft = draft(path);
        draft.extra = m.extra();
        if (m.content().isText()) {
            draft.content = ChatContent.of(m.content().text());
            return;
        }
        List<ChatContentPart> texts = new ArrayList<>();
        List<ResponseContent> parts = m.content().parts();
        for (int j = 0; j < parts.size(); j++) {
            Path partPath = at(at(path, "content"), j);
            if (parts.get(j) instanceof RefusalContent r) {
                draft.refusal = draft.refusal == null ? r.refusal() : draft.refusal + r.refusal();
                r.extra().forEach((k, v) -> report.dropped(at(partPath, k), "Chat's refusal is a plain string"));
            } else {
                ChatContentPart text = part(parts.get(j), partPath, true);
                if (text != null) {
                    texts.add(text);
                }
            }
        }
        draft.content = texts.isEmpty() && draft.refusal != null ? null : ChatContent.of(texts);
    }

    private TextPart outputText(OutputTextContent t, Path path) {
        if (t.annotations() != null && !t.annotations().isEmpty()) {
            report.dropped(at(path, "annotations"), "annotations of earlier answers have no place in a Chat request");
        }
        if (t.logprobs() != null && !t.logprobs().isEmpty()) {
            report.dropped(at(path, "logprobs"), "logprobs of earlier answers have no place in a Chat request");
        }
        return content.toText(t);
    }

    /** Input parts; {@code textOnly} for places where Chat accepts text parts only (assistant and tool content). */
    private List<ChatContentPart> parts(List<ResponseContent> parts, Path path, boolean textOnly) {
        List<ChatContentPart> out = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            ChatContentPart converted = part(parts.get(j), at(path, j), textOnly);
            if (converted != null) {
                out.add(converted);
            }
        }
        return out;
    }

    private ChatContentPart part(ResponseContent part, Path path, boolean textOnly) {
        if (part instanceof InputTextContent t) {
            return content.toText(t);
        } else if (part instanceof OutputTextContent t) {
            return outputText(t, path);
        } else if (textOnly && (part instanceof InputImageContent || part instanceof InputFileContent)) {
            report.untranslatable(path, "Chat accepts only text here, not " + part.type());
        } else if (part instanceof InputImageContent i && i.fileId() == null && i.imageUrl() != null) {
            return content.toImageUrl(i);
        } else if (part instanceof InputImageContent) {
            report.untranslatable(at(path, "file_id"), "Chat image parts take a URL or data URL, not a file_id");
        } else if (part instanceof InputFileContent f && f.fileUrl() == null) {
            return content.toFile(f);
        } else if (part instanceof InputFileContent) {
            report.untranslatable(at(path, "file_url"), "Chat file parts take a file_id or file_data, not a file_url");
        } else if (part == null) {
            report.untranslatable(path, "a content part must be an object, not null");
        } else {
            report.untranslatable(at(path, "type"), "content part type '" + part.type() + "' has no Chat equivalent here");
        }
        return null;
    }

    private void toolResult(String callId, ToolOutput output, Map<String, Object> extra, Path path) {
        requireCallId(callId, path);
        if (output == null) {
            report.untranslatable(at(path, "output"), "a tool result needs output");
            return;
        }
        ChatContent c = output.isText() ? ChatContent.of(output.text()) : plain(ChatContent.of(parts(output.parts(), at(path, "output"), true)));
        messages.add(new ToolMessage(c, callId, extra));
    }

    /**
     * A reasoning item → the {@code reasoning_content} of the assistant message after it. Its text is the sealed
     * {@code encrypted_content} when this translation minted it (the exact text the upstream sent), otherwise its
     * visible reasoning text or summary. A blob that does not open (another provider's, another key's, altered) is
     * dropped with a warning and never sent upstream.
     */
    /**
     * Under the strict profile, content that is one plain text part is sent as a string: some third-party servers
     * (and chat templates) take only strings, and the two forms mean the same.
     */
    private ChatContent plain(ChatContent c) {
        if (options.providerProfile() == ProviderProfile.STRICT && !c.isText() && c.parts().size() == 1
                && c.parts().get(0) instanceof TextPart t && t.text() != null && t.extra().isEmpty()) {
            return ChatContent.of(t.text());
        }
        return c;
    }

    private void reasoning(ReasoningItem r, Path path) {
        if (!options.reasoningContent()) {
            // A dropped item must not change the structure: calls around it still merge into one assistant message.
            report.dropped(path, "reasoning items have no Chat equivalent (enable reasoningContent for reasoning_content)");
            return;
        }
        close();
        dropIds(r.id(), r.status(), path);
        String text = unsealed(r.encryptedContent(), at(path, "encrypted_content"));
        if (text == null) {
            text = visibleText(r);
        }
        if (text.isEmpty()) {
            return; // nothing to carry (or nothing that could be opened, already reported)
        }
        // consecutive reasoning items before one answer are one thinking
        pendingReasoning = pendingReasoning == null ? text : pendingReasoning + text;
        pendingReasoningPath = path;
    }

    private String unsealed(String blob, Path path) {
        if (blob == null) {
            return null;
        }
        if (options.sealer() == null) {
            report.dropped(path, "no sealer is configured to open encrypted reasoning");
            return null;
        }
        try {
            return options.sealer().open(Sealer.REASONING, blob);
        } catch (SealException e) {
            String why = switch (e.reason()) {
                case NOT_SEALED -> "encrypted reasoning not minted by Crosswalk (another provider's?) cannot be opened";
                case FOREIGN_KEY -> "encrypted reasoning sealed under another key (another bridge, or a rotated key): " + e.getMessage();
                case TAMPERED -> "encrypted reasoning failed authentication (altered?)";
            };
            report.dropped(path, why + "; not sent upstream");
            return null;
        }
    }

    private static String visibleText(ReasoningItem r) {
        StringBuilder text = new StringBuilder();
        for (List<ResponseContent> list : java.util.Arrays.asList(r.content(), r.summary())) {
            if (list != null && text.length() == 0) {
                for (ResponseContent c : list) {
                    text.append(c instanceof ReasoningTextContent t ? t.text() : c instanceof SummaryTextContent s ? s.text() : "");
                }
            }
        }
        return text.toString();
    }

    /** Reasoning belongs to the assistant turn right after it; anything else in between orphans it. */
    private void dropPendingReasoning() {
        if (pendingReasoning != null) {
            report.dropped(pendingReasoningPath, "a reasoning item not followed by an assistant message has no Chat place");
            pendingReasoning = null;
        }
    }

    private AssistantDraft draft(Path path) {
        if (open == null) {
            open = new AssistantDraft();
            open.reasoning = pendingReasoning;
            pendingReasoning = null;
        }
        return open;
    }

    private void close() {
        if (open != null) {
            messages.add(open.build());
            open = null;
        }
    }

    /** An assistant message under construction: Chat needs its text and its calls together. */
    private static final class AssistantDraft {
        ChatContent content;
        String refusal;
        String reasoning;
        Map<String, Object> extra = Map.of();
        final List<ChatToolCall> calls = new ArrayList<>();

        AssistantMessage build() {
            return new AssistantMessage(content, refusal, null, calls.isEmpty() ? null : calls, reasoning, null, null, extra);
        }
    }
}
