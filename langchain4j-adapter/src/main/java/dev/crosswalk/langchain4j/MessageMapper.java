package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.chat.AssistantMessage;
import dev.crosswalk.translator.chat.ChatContent;
import dev.crosswalk.translator.chat.ChatContentPart;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.FileRef;
import dev.crosswalk.translator.chat.FilePart;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.ImageUrl;
import dev.crosswalk.translator.chat.ImageUrlPart;
import dev.crosswalk.translator.chat.InputAudioPart;
import dev.crosswalk.translator.chat.SystemMessage;
import dev.crosswalk.translator.chat.TextPart;
import dev.crosswalk.translator.chat.ToolMessage;
import dev.crosswalk.translator.chat.UserMessage;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.SummaryTextContent;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LangChain4j messages → Chat Completions messages, the one form both wires start from. What only Responses can
 * carry back (encrypted reasoning) is collected on the side: the core turns each assistant message's
 * {@code reasoning_content} into one reasoning item, and {@link #reasoningItems()} holds what each of those items
 * must really be, in the same order.
 */
final class MessageMapper {
    /** The {@code AiMessage} attribute holding Responses' encrypted reasoning; LangChain4j's OpenAI provider uses the same key. */
    static final String ENCRYPTED_REASONING_KEY = "encrypted_reasoning";

    private final WireApi wire;
    private final boolean sendThinking;
    private final List<ReasoningItem> reasoningItems = new ArrayList<>();

    MessageMapper(WireApi wire, boolean sendThinking) {
        this.wire = wire;
        this.sendThinking = sendThinking;
    }

    List<ChatMessage> map(List<dev.langchain4j.data.message.ChatMessage> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (dev.langchain4j.data.message.ChatMessage message : messages) {
            out.add(map(message));
        }
        return out;
    }

    /** The reasoning items to put in place of the core's, one per assistant message sent with reasoning. */
    List<ReasoningItem> reasoningItems() {
        return reasoningItems;
    }

    private ChatMessage map(dev.langchain4j.data.message.ChatMessage message) {
        if (message instanceof dev.langchain4j.data.message.SystemMessage m) {
            return new SystemMessage(ChatContent.of(m.text()), null, Map.of());
        } else if (message instanceof dev.langchain4j.data.message.UserMessage m) {
            ChatContent content = m.hasSingleText() ? ChatContent.of(m.singleText()) : ChatContent.of(parts(m.contents(), false));
            return new UserMessage(content, m.name(), Map.of());
        } else if (message instanceof AiMessage m) {
            return assistant(m);
        } else if (message instanceof ToolExecutionResultMessage m) {
            return tool(m);
        }
        throw new UnsupportedFeatureException("message type " + message.type() + " has no OpenAI equivalent");
    }

    private AssistantMessage assistant(AiMessage m) {
        List<ChatToolCall> calls = null;
        if (m.hasToolExecutionRequests()) {
            calls = new ArrayList<>();
            for (ToolExecutionRequest request : m.toolExecutionRequests()) {
                if (request.id() == null || request.id().isBlank()) {
                    throw new UnsupportedFeatureException("tool execution request '" + request.name()
                            + "' has no id; both wires answer a tool call by its id");
                }
                // An empty argument string is not JSON; OpenAI rejects it where "{}" means the same.
                String arguments = request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
                calls.add(new FunctionToolCall(request.id(), new FunctionCall(request.name(), arguments, Map.of()), Map.of()));
            }
        }
        ChatContent content = m.text() == null ? null : ChatContent.of(m.text());
        return new AssistantMessage(content, null, null, calls, reasoningContent(m), null, null, Map.of());
    }

    /**
     * What goes into {@code reasoning_content}. On Chat: the thinking text when asked to send it. On Responses: any
     * non-null value only reserves the reasoning item's place; {@link #reasoningItems} says what it holds.
     */
    private String reasoningContent(AiMessage m) {
        String thinking = m.thinking() == null || m.thinking().isEmpty() ? null : m.thinking();
        if (wire == WireApi.CHAT_COMPLETIONS) {
            return sendThinking ? thinking : null;
        }
        String encrypted = m.attribute(ENCRYPTED_REASONING_KEY, String.class);
        if (encrypted != null) {
            // Opaque reasoning the server gave back to be returned with the next turn (store=false); the summary
            // travels with it, as the server produced them together.
            List<ResponseContent> summary = thinking == null ? List.of() : List.of(new SummaryTextContent(thinking, Map.of()));
            reasoningItems.add(new ReasoningItem(null, summary, null, encrypted, null, Map.of()));
            return "";
        }
        if (sendThinking && thinking != null) {
            // No id: a made-up one would name an item the server never stored.
            reasoningItems.add(new ReasoningItem(null, List.of(), List.of(new ReasoningTextContent(thinking, Map.of())), null, null, Map.of()));
            return thinking;
        }
        return null;
    }

    private ToolMessage tool(ToolExecutionResultMessage m) {
        if (m.hasSingleText()) {
            return new ToolMessage(ChatContent.of(m.text()), m.id(), Map.of());
        }
        if (wire == WireApi.CHAT_COMPLETIONS) {
            throw new UnsupportedFeatureException("tool result of '" + m.toolName() + "' has non-text content: Chat "
                    + "Completions tool messages carry text only (the Responses wire carries images)");
        }
        return new ToolMessage(ChatContent.of(parts(m.contents(), true)), m.id(), Map.of());
    }

    private static List<ChatContentPart> parts(List<Content> contents, boolean toolResult) {
        List<ChatContentPart> parts = new ArrayList<>(contents.size());
        for (Content content : contents) {
            if (content instanceof TextContent t) {
                parts.add(new TextPart(t.text(), Map.of()));
            } else if (content instanceof ImageContent i) {
                parts.add(new ImageUrlPart(new ImageUrl(url(i.image()), detail(i.detailLevel()), Map.of()), Map.of()));
            } else if (content instanceof PdfFileContent p && !toolResult) {
                parts.add(pdf(p));
            } else if (content instanceof AudioContent a && !toolResult) {
                parts.add(audio(a.audio()));
            } else {
                throw new UnsupportedFeatureException("content type " + content.type() + (toolResult ? " in a tool result" : "")
                        + " has no OpenAI equivalent here");
            }
        }
        return parts;
    }

    private static String url(Image image) {
        if (image.url() != null) {
            return image.url().toString();
        }
        String mimeType = image.mimeType() != null ? image.mimeType() : "image/jpeg";
        return "data:" + mimeType + ";base64," + image.base64Data();
    }

    private static String detail(ImageContent.DetailLevel level) {
        if (level == null) {
            return null;
        }
        return switch (level) {
            case LOW, HIGH, AUTO -> level.name().toLowerCase(Locale.ROOT);
            default -> throw new UnsupportedFeatureException("image detail " + level + " has no OpenAI equivalent (low, high, auto)");
        };
    }

    private static FilePart pdf(PdfFileContent content) {
        if (content.pdfFile().base64Data() == null) {
            throw new UnsupportedFeatureException("PDFs by URL have no Chat Completions form; send the PDF's bytes");
        }
        String mimeType = content.pdfFile().mimeType() != null ? content.pdfFile().mimeType() : "application/pdf";
        return new FilePart(new FileRef(null, "data:" + mimeType + ";base64," + content.pdfFile().base64Data(), "pdf_file", Map.of()), Map.of());
    }

    private static InputAudioPart audio(Audio audio) {
        if (audio.base64Data() == null || audio.mimeType() == null) {
            throw new UnsupportedFeatureException("audio needs base64 data and a MIME type");
        }
        String format = audio.mimeType().substring(audio.mimeType().indexOf('/') + 1);
        return new InputAudioPart(Map.of("data", audio.base64Data(), "format", format), Map.of());
    }
}
