package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.chat.FunctionDefinition;
import dev.crosswalk.translator.chat.FunctionTool;
import dev.crosswalk.translator.chat.JsonSchema;
import dev.crosswalk.translator.chat.ResponseFormatJsonObject;
import dev.crosswalk.translator.chat.ResponseFormatJsonSchema;
import dev.crosswalk.translator.chat.StreamOptions;
import dev.crosswalk.translator.json.JsonCodec;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j request → one Chat Completions request, field by field as LangChain4j's {@code OpenAiChatModel}
 * writes it (so a user switching models sends the same body). The Responses wire starts from this too.
 */
final class RequestMapper {
    private final JsonCodec codec;

    RequestMapper(JsonCodec codec) {
        this.codec = codec;
    }

    ChatCompletionRequest map(ChatRequest request, CrosswalkChatRequestParameters p, MessageMapper messages, boolean stream) {
        if (p.topK() != null) {
            throw new UnsupportedFeatureException("'topK' has no OpenAI equivalent on either wire");
        }
        List<ChatTool> tools = tools(p.toolSpecifications(), Boolean.TRUE.equals(p.strictTools()));
        ChatCompletionRequest.Builder out = ChatCompletionRequest.builder()
                .model(p.modelName())
                .messages(messages.map(request.messages()))
                .temperature(p.temperature())
                .topP(p.topP())
                .frequencyPenalty(p.frequencyPenalty())
                .presencePenalty(p.presencePenalty())
                .maxTokens(p.maxOutputTokens())
                .stop(p.stopSequences() == null || p.stopSequences().isEmpty() ? null : p.stopSequences())
                .tools(tools)
                // OpenAI rejects tool_choice without tools; LangChain4j sends neither when there are none.
                .toolChoice(tools == null || p.toolChoice() == null ? null : new ChatToolChoice.Mode(toolChoice(p)))
                .parallelToolCalls(p.parallelToolCalls())
                .responseFormat(responseFormat(p.responseFormat(), Boolean.TRUE.equals(p.strictJsonSchema())))
                .store(p.store())
                .serviceTier(p.serviceTier())
                .reasoningEffort(p.reasoningEffort())
                .promptCacheKey(p.promptCacheKey());
        if (stream) {
            out.stream(true).streamOptions(new StreamOptions(true, null, Map.of()));
        }
        return out.build();
    }

    private static String toolChoice(CrosswalkChatRequestParameters p) {
        return switch (p.toolChoice()) {
            case AUTO -> "auto";
            case REQUIRED -> "required";
            case NONE -> "none";
        };
    }

    private List<ChatTool> tools(List<ToolSpecification> specifications, boolean strictByDefault) {
        if (specifications == null || specifications.isEmpty()) {
            return null;
        }
        List<ChatTool> tools = new ArrayList<>(specifications.size());
        for (ToolSpecification spec : specifications) {
            boolean strict = spec.strict() != null ? spec.strict() : strictByDefault;
            Map<String, Object> parameters = spec.parameters() != null ? schema(spec.parameters(), strict) : emptyParameters(strict);
            // Absent strict means non-strict on Chat; the core writes an explicit false on Responses (where absent means strict).
            tools.add(new FunctionTool(new FunctionDefinition(spec.name(), spec.description(), parameters, strict ? Boolean.TRUE : null, Map.of()), Map.of()));
        }
        return tools;
    }

    private static Map<String, Object> emptyParameters(boolean strict) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "object");
        map.put("properties", Map.of());
        map.put("required", List.of());
        if (strict) {
            map.put("additionalProperties", false);
        }
        return map;
    }

    private dev.crosswalk.translator.chat.ResponseFormat responseFormat(ResponseFormat format, boolean strict) {
        if (format == null || format.type() == ResponseFormatType.TEXT) {
            return null;
        }
        dev.langchain4j.model.chat.request.json.JsonSchema schema = format.jsonSchema();
        if (schema == null) {
            return new ResponseFormatJsonObject(Map.of());
        }
        JsonSchemaElement root = schema.rootElement();
        if (!(root instanceof JsonObjectSchema || root instanceof JsonRawSchema)) {
            throw new UnsupportedFeatureException("a JSON schema response format needs an object (or raw) root, not "
                    + root.getClass().getSimpleName());
        }
        return new ResponseFormatJsonSchema(new JsonSchema(schema.name(), null, schema(root, strict), strict, Map.of()), Map.of());
    }

    /**
     * LangChain4j's own schema writer (what its OpenAI provider sends, strict-mode rewrites included), normalised to
     * plain maps and lists so the core can walk it.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> schema(JsonSchemaElement element, boolean strict) {
        Map<String, Object> map = JsonSchemaElementUtils.toMap(element, strict);
        return (Map<String, Object>) codec.readTree(codec.write(map));
    }
}
