package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Chat completion (read from the wire, translated from a Responses object, or assembled from a stream) → a
 * LangChain4j {@link ChatResponse}, the way LangChain4j's OpenAI provider reads one: empty text is no text, a
 * refusal is {@link ContentFilteredException}, legacy and custom tool calls are not tool execution requests.
 */
final class AnswerMapper {
    private AnswerMapper() {
    }

    /**
     * What the completion does not hold.
     *
     * @param wire the wire the answer came over
     * @param id the endpoint's own id (Responses: {@code resp_…}; the completion's id is minted there)
     * @param encryptedReasoning Responses' encrypted reasoning, to be sent back with the next turn
     * @param warnings what the translations dropped
     */
    record Extras(WireApi wire, String id, String encryptedReasoning, List<String> warnings) {
    }

    static ChatResponse toChatResponse(ChatCompletion completion, Extras extras, boolean returnThinking) {
        if (completion.choices() == null || completion.choices().isEmpty() || completion.choices().get(0).message() == null) {
            throw new InternalServerException("the endpoint's answer has no choices");
        }
        if (completion.choices().size() > 1) {
            throw new InternalServerException("the endpoint returned " + completion.choices().size() + " choices; one was asked for");
        }
        ChatChoice choice = completion.choices().get(0);
        ChatCompletionMessage message = choice.message();
        if (message.refusal() != null && !message.refusal().isBlank()) {
            throw new ContentFilteredException("the model refused: " + message.refusal());
        }
        AiMessage.Builder ai = AiMessage.builder()
                .text(empty(message.content()) ? null : message.content())
                .thinking(returnThinking && !empty(message.reasoningContent()) ? message.reasoningContent() : null)
                .toolExecutionRequests(toolRequests(message.toolCalls()));
        if (extras.encryptedReasoning() != null) {
            ai.attributes(Map.of(MessageMapper.ENCRYPTED_REASONING_KEY, extras.encryptedReasoning()));
        }
        CrosswalkChatResponseMetadata metadata = CrosswalkChatResponseMetadata.builder()
                .id(extras.id())
                .modelName(completion.model())
                .tokenUsage(usage(completion.usage()))
                .finishReason(finishReason(choice.finishReason()))
                .wireApi(extras.wire())
                .created(completion.created())
                .serviceTier(completion.serviceTier())
                .systemFingerprint(completion.systemFingerprint())
                .warnings(extras.warnings())
                .build();
        return ChatResponse.builder().aiMessage(ai.build()).metadata(metadata).build();
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static List<ToolExecutionRequest> toolRequests(List<ChatToolCall> calls) {
        List<ToolExecutionRequest> requests = new ArrayList<>();
        if (calls != null) {
            for (ChatToolCall call : calls) {
                if (call instanceof FunctionToolCall f && f.function() != null) {
                    requests.add(ToolExecutionRequest.builder()
                            .id(f.id())
                            .name(f.function().name())
                            .arguments(f.function().arguments())
                            .build());
                }
            }
        }
        return requests;
    }

    static CrosswalkTokenUsage usage(CompletionUsage usage) {
        if (usage == null) {
            return null;
        }
        Integer cached = usage.promptTokensDetails() == null ? null : usage.promptTokensDetails().cachedTokens();
        Integer reasoning = usage.completionTokensDetails() == null ? null : usage.completionTokensDetails().reasoningTokens();
        return new CrosswalkTokenUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), cached, reasoning);
    }

    static FinishReason finishReason(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_EXECUTION;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
