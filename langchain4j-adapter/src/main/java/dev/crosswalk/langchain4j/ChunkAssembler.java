package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.stream.ToolCallAccumulator;
import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat completion chunks (straight from a Chat stream, or translated from Responses events by the core) → the
 * handler's partial callbacks as they come, and at the end the same completion a non-streaming call would have
 * returned, mapped by {@link AnswerMapper}.
 *
 * <p>Tool calls are assembled by the core's {@link ToolCallAccumulator} (keyed by {@code index}; servers that omit
 * it are followed by id). Partial calls are numbered in order of appearance. Calls are complete only when the turn ends: fragments
 * of parallel calls may interleave, so no call is known finished before then.
 */
final class ChunkAssembler {
    private final StreamSink sink;
    private final boolean returnThinking;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final ToolCallAccumulator calls = new ToolCallAccumulator();
    private String id;
    private String model;
    private Long created;
    private String serviceTier;
    private String systemFingerprint;
    private String finishReason;
    private CompletionUsage usage;

    ChunkAssembler(StreamSink sink, boolean returnThinking) {
        this.sink = sink;
        this.returnThinking = returnThinking;
    }

    void onChunk(ChatCompletionChunk chunk) {
        id = present(chunk.id()) ? chunk.id() : id;
        model = present(chunk.model()) ? chunk.model() : model;
        created = chunk.created() != null ? chunk.created() : created;
        serviceTier = chunk.serviceTier() != null ? chunk.serviceTier() : serviceTier;
        systemFingerprint = chunk.systemFingerprint() != null ? chunk.systemFingerprint() : systemFingerprint;
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.choices() == null) {
            return;
        }
        for (ChunkChoice choice : chunk.choices()) {
            if (choice == null || (choice.index() != null && choice.index() != 0)) {
                continue;
            }
            if (choice.delta() != null) {
                delta(choice.delta());
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
    }

    /** Whether the turn has ended ({@code finish_reason} seen). */
    boolean finished() {
        return finishReason != null;
    }

    private void delta(ChunkDelta d) {
        if (present(d.reasoningContent())) {
            reasoning.append(d.reasoningContent());
            if (returnThinking) {
                sink.partialThinking(d.reasoningContent());
            }
        }
        if (present(d.content())) {
            text.append(d.content());
            sink.partialText(d.content());
        }
        if (present(d.refusal())) {
            refusal.append(d.refusal());
        }
        if (d.toolCalls() != null) {
            for (ChunkToolCall fragment : d.toolCalls()) {
                if (fragment != null) {
                    fragment(fragment);
                }
            }
        }
    }

    private void fragment(ChunkToolCall fragment) {
        ToolCallAccumulator.Call call = calls.add(fragment);
        String arguments = ToolCallAccumulator.arguments(fragment);
        if (present(arguments) && call.name() != null) {
            sink.partialToolCall(PartialToolCall.builder()
                    .index(call.ordinal()).id(call.id()).name(call.name()).partialArguments(arguments).build());
        }
    }

    /**
     * The whole answer; reports each tool call complete first. Throws as a non-streaming call would (a refusal is
     * content filtered), before any call is reported.
     */
    ChatResponse complete(AnswerMapper.Extras extras) {
        List<ChatToolCall> toolCalls = new ArrayList<>();
        for (ToolCallAccumulator.Call call : calls.calls()) {
            toolCalls.add(new FunctionToolCall(call.id(), new FunctionCall(call.name(), arguments(call), Map.of()), Map.of()));
        }
        ChatCompletionMessage message = new ChatCompletionMessage("assistant", text.toString(),
                refusal.isEmpty() ? null : refusal.toString(), toolCalls.isEmpty() ? null : toolCalls, null,
                reasoning.isEmpty() ? null : reasoning.toString(), null, null, Map.of());
        ChatCompletion completion = ChatCompletion.builder()
                .id(id).object("chat.completion").created(created).model(model)
                .choices(List.of(new ChatChoice(0, message, finishReason, null, Map.of())))
                .usage(usage).serviceTier(serviceTier).systemFingerprint(systemFingerprint)
                .build();
        ChatResponse response = AnswerMapper.toChatResponse(completion, extras, returnThinking);
        for (ToolCallAccumulator.Call call : calls.calls()) {
            sink.completeToolCall(new CompleteToolCall(call.ordinal(), ToolExecutionRequest.builder()
                    .id(call.id()).name(call.name()).arguments(arguments(call)).build()));
        }
        return response;
    }

    String id() {
        return id;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    /** A call without arguments gets {@code {}}: the empty string is not JSON and tools parse it. */
    private static String arguments(ToolCallAccumulator.Call call) {
        return call.arguments().isEmpty() ? "{}" : call.arguments();
    }
}
