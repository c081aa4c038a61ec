package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat completion chunks (straight from a Chat stream, or translated from Responses events by the core) → the
 * handler's partial callbacks as they come, and at the end the same completion a non-streaming call would have
 * returned, mapped by {@link AnswerMapper}.
 *
 * <p>Tool calls are keyed by their {@code index}; servers that omit it are followed by id (a new id starts a new
 * call). Partial calls are numbered in order of appearance. Calls are complete only when the turn ends: fragments
 * of parallel calls may interleave, so no call is known finished before then.
 */
final class ChunkAssembler {
    private final StreamSink sink;
    private final boolean returnThinking;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final List<Call> calls = new ArrayList<>();
    private final Map<Integer, Call> callsByIndex = new HashMap<>();
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
        Call call = call(fragment);
        // OpenAI-compatible servers repeat "id":"" and "type":"" after the first fragment: empty is absent.
        if (present(fragment.id()) && call.id == null) {
            call.id = fragment.id();
        }
        ChunkFunction function = fragment.function();
        if (function == null) {
            return;
        }
        if (present(function.name()) && call.name == null) {
            call.name = function.name();
        }
        if (present(function.arguments())) {
            call.arguments.append(function.arguments());
            if (call.name != null) {
                sink.partialToolCall(PartialToolCall.builder()
                        .index(call.ordinal).id(call.id).name(call.name).partialArguments(function.arguments()).build());
            }
        }
    }

    private Call call(ChunkToolCall fragment) {
        if (fragment.index() != null) {
            return callsByIndex.computeIfAbsent(fragment.index(), i -> newCall());
        }
        Call last = calls.isEmpty() ? null : calls.get(calls.size() - 1);
        if (last != null && (!present(fragment.id()) || fragment.id().equals(last.id))) {
            return last;
        }
        return newCall();
    }

    private Call newCall() {
        Call call = new Call(calls.size());
        calls.add(call);
        return call;
    }

    /**
     * The whole answer; reports each tool call complete first. Throws as a non-streaming call would (a refusal is
     * content filtered), before any call is reported.
     */
    ChatResponse complete(AnswerMapper.Extras extras) {
        List<ChatToolCall> toolCalls = new ArrayList<>();
        for (Call call : calls) {
            toolCalls.add(new FunctionToolCall(call.id, new FunctionCall(call.name, call.arguments(), Map.of()), Map.of()));
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
        for (Call call : calls) {
            sink.completeToolCall(new CompleteToolCall(call.ordinal, ToolExecutionRequest.builder()
                    .id(call.id).name(call.name).arguments(call.arguments()).build()));
        }
        return response;
    }

    String id() {
        return id;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    /** One tool call being assembled. */
    private static final class Call {
        final int ordinal;
        final StringBuilder arguments = new StringBuilder();
        String id;
        String name;

        Call(int ordinal) {
            this.ordinal = ordinal;
        }

        /** A call without arguments gets {@code {}}: the empty string is not JSON and tools parse it. */
        String arguments() {
            return arguments.isEmpty() ? "{}" : arguments.toString();
        }
    }
}
