package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.crosswalk.translator.chat.AssistantMessage;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatContent;
import dev.crosswalk.translator.chat.ChatContentPart;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.chat.FileRef;
import dev.crosswalk.translator.chat.FilePart;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionDefinition;
import dev.crosswalk.translator.chat.FunctionTool;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.ImageUrl;
import dev.crosswalk.translator.chat.ImageUrlPart;
import dev.crosswalk.translator.chat.InputAudioPart;
import dev.crosswalk.translator.chat.JsonSchema;
import dev.crosswalk.translator.chat.ResponseFormat;
import dev.crosswalk.translator.chat.ResponseFormatJsonObject;
import dev.crosswalk.translator.chat.ResponseFormatJsonSchema;
import dev.crosswalk.translator.chat.ResponseFormatText;
import dev.crosswalk.translator.chat.StreamOptions;
import dev.crosswalk.translator.chat.SystemMessage;
import dev.crosswalk.translator.chat.TextPart;
import dev.crosswalk.translator.chat.ToolMessage;
import dev.crosswalk.translator.chat.UserMessage;
import dev.crosswalk.translator.json.JsonCodec;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.StringUtils;

/**
 * Spring AI messages and options → a Chat Completions request. The one mapping both wires share: for Responses,
 * the core translates its result.
 */
final class ChatRequestMapper {

    /** The assistant message property Spring AI's OpenAI model keeps reasoning text in. */
    static final String REASONING_CONTENT = "reasoningContent";

    private final JsonCodec codec;

    ChatRequestMapper(JsonCodec codec) {
        this.codec = codec;
    }

    /**
     * @param wire decides which wire-specific options are mapped; the others have been checked by {@link OptionPolicy}
     * @param stream whether the request asks for a stream (Chat Completions only: Responses streams are asked for
     *        after translation)
     */
    ChatCompletionRequest map(List<Message> instructions, CrosswalkChatOptions o, WireApi wire, boolean stream) {
        boolean chat = wire == WireApi.CHAT_COMPLETIONS;
        ChatCompletionRequest.Builder b = ChatCompletionRequest.builder()
                .model(o.getModel())
                .messages(messages(instructions, chat))
                .tools(tools(o.getToolCallbacks()))
                .toolChoice(o.getToolChoice() == null ? null : toolChoice(o.getToolChoice()))
                .parallelToolCalls(o.getParallelToolCalls())
                .responseFormat(responseFormat(o.getResponseFormat()))
                .temperature(o.getTemperature())
                .topP(o.getTopP())
                .maxTokens(o.getMaxTokens())
                .store(o.getStore())
                .metadata(o.getMetadata())
                .user(o.getUser())
                .serviceTier(o.getServiceTier())
                .promptCacheKey(o.getPromptCacheKey())
                .reasoningEffort(o.getReasoningEffort())
                .verbosity(o.getVerbosity());
        if (chat) {
            List<String> stop = o.getStopSequences();
            b.stop(stop == null || stop.isEmpty() ? null : stop.size() == 1 ? stop.get(0) : stop)
                    .frequencyPenalty(o.getFrequencyPenalty())
                    .presencePenalty(o.getPresencePenalty());
            if (stream) {
                // Usage comes in a last chunk only when asked for; Spring AI's OpenAI model asks by default too.
                b.stream(true).streamOptions(new StreamOptions(true, null, Map.of()));
            }
        }
        return b.build();
    }

    private List<ChatMessage> messages(List<Message> instructions, boolean replayReasoning) {
        List<ChatMessage> out = new ArrayList<>();
        for (Message m : instructions) {
            switch (m.getMessageType()) {
                case SYSTEM -> out.add(new SystemMessage(ChatContent.of(text(m)), null, Map.of()));
                case USER -> out.add(user((org.springframework.ai.chat.messages.UserMessage) m));
                case ASSISTANT -> out.add(assistant((org.springframework.ai.chat.messages.AssistantMessage) m,
                        replayReasoning));
                case TOOL -> ((ToolResponseMessage) m).getResponses().forEach(r -> out.add(
                        new ToolMessage(ChatContent.of(r.responseData() == null ? "" : r.responseData()), r.id(),
                                Map.of())));
            }
        }
        return out;
    }

    private static String text(Message m) {
        return m.getText() == null ? "" : m.getText();
    }

    private UserMessage user(org.springframework.ai.chat.messages.UserMessage m) {
        if (m.getMedia().isEmpty()) {
            return new UserMessage(ChatContent.of(text(m)), null, Map.of());
        }
        List<ChatContentPart> parts = new ArrayList<>();
        if (StringUtils.hasLength(m.getText())) {
            parts.add(new TextPart(m.getText(), Map.of()));
        }
        m.getMedia().forEach(media -> parts.add(part(media)));
        return new UserMessage(ChatContent.of(parts), null, Map.of());
    }

    private static ChatContentPart part(Media media) {
        String mime = media.getMimeType().getType() + "/" + media.getMimeType().getSubtype();
        Object data = media.getData();
        if (mime.startsWith("image/")) {
            String url = data instanceof byte[] bytes ? dataUrl(mime, bytes) : data.toString();
            return new ImageUrlPart(new ImageUrl(url, null, Map.of()), Map.of());
        }
        if (mime.equals("application/pdf")) {
            String fileData = data instanceof byte[] bytes ? dataUrl(mime, bytes) : data.toString();
            String name = media.getName() != null ? media.getName() : "document.pdf";
            return new FilePart(new FileRef(null, fileData, name, Map.of()), Map.of());
        }
        if (mime.startsWith("audio/") && data instanceof byte[] bytes) {
            String format = mime.contains("mp3") || mime.contains("mpeg") ? "mp3" : "wav";
            return new InputAudioPart(Map.of("data", Base64.getEncoder().encodeToString(bytes), "format", format),
                    Map.of());
        }
        throw new IllegalArgumentException("Media of type " + mime + " (" + data.getClass().getSimpleName()
                + ") has no Chat Completions content part: images, PDF files and audio bytes are supported");
    }

    private static String dataUrl(String mime, byte[] bytes) {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static AssistantMessage assistant(org.springframework.ai.chat.messages.AssistantMessage m,
            boolean replayReasoning) {
        List<ChatToolCall> calls = new ArrayList<>();
        for (org.springframework.ai.chat.messages.AssistantMessage.ToolCall call : m.getToolCalls()) {
            calls.add(new FunctionToolCall(call.id(), new FunctionCall(call.name(), call.arguments(), Map.of()),
                    Map.of()));
        }
        String text = m.getText();
        // An assistant turn that only calls tools has no content: send none rather than an empty string.
        ChatContent content = !StringUtils.hasLength(text) && !calls.isEmpty() ? null : ChatContent.of(text(m));
        // Reasoning goes back only where it came from (DeepSeek-style Chat servers want it in tool-call turns);
        // a Responses upstream would need its own reasoning items, which a Chat-shaped history cannot rebuild.
        String reasoning = replayReasoning && m.getMetadata().get(REASONING_CONTENT) instanceof String r
                && StringUtils.hasText(r) ? r : null;
        return new AssistantMessage(content, null, null, calls.isEmpty() ? null : calls, reasoning, null, null,
                Map.of());
    }

    private @Nullable List<ChatTool> tools(@Nullable List<ToolCallback> callbacks) {
        if (callbacks == null || callbacks.isEmpty()) {
            return null;
        }
        List<ChatTool> tools = new ArrayList<>();
        for (ToolCallback callback : callbacks) {
            ToolDefinition d = callback.getToolDefinition();
            // strict stays unset: in Chat Completions that means non-strict, and the core writes strict:false
            // for Responses, whose default would otherwise be strict.
            tools.add(new FunctionTool(new FunctionDefinition(d.name(), d.description(), schema(d.inputSchema()),
                    null, Map.of()), Map.of()));
        }
        return tools;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> schema(@Nullable String json) {
        if (!StringUtils.hasText(json)) {
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("type", "object");
            empty.put("properties", Map.of());
            return empty;
        }
        Object tree = codec.readTree(json);
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("A tool's input schema must be a JSON object");
        }
        return (Map<String, Object>) tree;
    }

    private ChatToolChoice toolChoice(String choice) {
        String c = choice.trim();
        if (c.startsWith("{")) {
            return ChatToolChoice.fromJson(codec.readTree(c));
        }
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "auto", "none", "required" -> new ChatToolChoice.Mode(c.toLowerCase(Locale.ROOT));
            default -> new ChatToolChoice.Function(c);
        };
    }

    private @Nullable ResponseFormat responseFormat(CrosswalkChatOptions.@Nullable ResponseFormat format) {
        if (format == null) {
            return null;
        }
        return switch (format.type()) {
            case TEXT -> new ResponseFormatText(Map.of());
            case JSON_OBJECT -> new ResponseFormatJsonObject(Map.of());
            case JSON_SCHEMA -> new ResponseFormatJsonSchema(new JsonSchema(
                    format.name() != null ? format.name() : "response", null, schema(format.schema()),
                    format.strict() != null ? format.strict() : Boolean.TRUE, Map.of()), Map.of());
        };
    }
}
