package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.chat.ResponseFormat;
import dev.crosswalk.translator.chat.StreamOptions;
import dev.crosswalk.translator.responses.Reasoning;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.TextFormat;
import dev.crosswalk.translator.responses.TextFormatJsonObject;
import dev.crosswalk.translator.responses.TextFormatJsonSchema;
import dev.crosswalk.translator.responses.TextFormatText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Responses request → a Chat Completions request (docs/architecture.md §4, read right to left).
 *
 * <p>{@code previous_response_id} and {@code conversation} need stored history; expand them first (the bridge's
 * response store does), otherwise they are rejected rather than silently losing the context.
 */
public final class ResponsesRequestToChat {
    /** Fields some clients send on every request that change nothing a Chat server could honour. */
    private static final Set<String> CLIENT_ONLY_FIELDS = Set.of("client_metadata", "context_management");

    private final TranslatorOptions options;

    public ResponsesRequestToChat(TranslatorOptions options) {
        this.options = options;
    }

    public Translation<ChatCompletionRequest> translate(ResponsesRequest req) {
        return translate(req, true);
    }

    /**
     * {@link #translate(ResponsesRequest)}, told whether the request may hold unknown members: {@code false} (only
     * where a reader saw none in any record) skips the duplicate-key check, which could find nothing ({@link Report}).
     */
    public Translation<ChatCompletionRequest> translate(ResponsesRequest req, boolean unknownMembers) {
        // Each member computed in the order its problems are reported, then the record built with its canonical
        // constructor: a builder per request was a second ~40-member object for nothing.
        Report report = new Report(options.lenient(), unknownMembers);
        Refused refused = new Refused(options.providerProfile() == ProviderProfile.STRICT, report);
        ResponsesToolsToChat tools = new ResponsesToolsToChat(report, options.customTools(), refused.strict(), options.codec());
        List<ChatTool> chatTools = tools.tools(req.tools());
        List<ChatMessage> messages = new ItemsToMessages(options, report).translate(req.instructions(), req.input());
        ChatToolChoice toolChoice = tools.toolChoice(req.toolChoice());
        Boolean parallelToolCalls = chatTools == null ? refused.drop("parallel_tool_calls", req.parallelToolCalls())
                : req.parallelToolCalls();
        Boolean store = refused.drop("store", req.store());
        Map<String, String> metadata = refused.drop("metadata", req.metadata());
        String safetyIdentifier = refused.drop("safety_identifier", req.safetyIdentifier());
        String promptCacheKey = refused.drop("prompt_cache_key", req.promptCacheKey());
        String promptCacheRetention = refused.drop("prompt_cache_retention", req.promptCacheRetention());
        String serviceTier = refused.drop("service_tier", req.serviceTier());
        Map<String, Object> webSearchOptions = tools.webSearchOptions();
        String verbosity = null;
        ResponseFormat responseFormat = null;
        if (req.text() != null) {
            verbosity = refused.drop("text.verbosity", req.text().verbosity());
            responseFormat = format(req.text().format(), report);
            req.text().extra().forEach((k, v) -> report.dropped(at("$.text", k), "not a Chat response_format field"));
        }
        String reasoningEffort = reasoningEffort(req.reasoning(), report, refused);
        boolean logprobs = logprobs(req, report);
        StreamOptions streamOptions = stream(req, report);
        state(req, report);
        Map<String, Object> extra = null;
        for (Map.Entry<String, Object> member : req.extra().isEmpty() ? Set.<Map.Entry<String, Object>>of() : req.extra().entrySet()) {
            if (CLIENT_ONLY_FIELDS.contains(member.getKey())) {
                report.dropped(at("$", member.getKey()), "a client-side field with no Chat equivalent");
            } else {
                extra = extra != null ? extra : new LinkedHashMap<>();
                extra.put(member.getKey(), member.getValue());
            }
        }
        return report.finish(new ChatCompletionRequest(
                req.model(),
                messages,
                chatTools,
                toolChoice,
                parallelToolCalls,
                responseFormat,
                req.temperature(),
                req.topP(),
                null, // max_tokens: deprecated, max_completion_tokens carries the limit
                req.maxOutputTokens(),
                null, null, null, null, null, null, // n, stop, seed, logit_bias, frequency and presence penalty
                logprobs ? Boolean.TRUE : null,
                logprobs ? req.topLogprobs() : null,
                req.stream(),
                streamOptions,
                store,
                metadata,
                req.user(),
                safetyIdentifier,
                promptCacheKey,
                promptCacheRetention,
                serviceTier,
                reasoningEffort,
                verbosity,
                webSearchOptions,
                null, null, null, null, null, // prediction, modalities, audio, functions, function_call
                extra));
    }

    private static ResponseFormat format(TextFormat format, Report report) {
        FormatMapper mapper = FormatMapper.INSTANCE;
        if (format == null) {
            return null;
        } else if (format instanceof TextFormatText f) {
            return mapper.toChat(f);
        } else if (format instanceof TextFormatJsonObject f) {
            return mapper.toChat(f);
        } else if (format instanceof TextFormatJsonSchema f) {
            return mapper.toChat(f);
        }
        report.untranslatable("$.text.format.type", "text.format type '" + format.type() + "' has no Chat equivalent");
        return null;
    }

    /** The reasoning effort Chat takes; what else {@code reasoning} holds is reported. */
    private String reasoningEffort(Reasoning reasoning, Report report, Refused refused) {
        if (reasoning == null) {
            return null;
        }
        String effort = refused.drop("reasoning.effort", reasoning.effort());
        // with reasoning_content on, the upstream's raw thinking is offered as the summary (docs/chat-only-providers.md)
        if (reasoning.summary() != null && !options.reasoningContent()) {
            report.dropped("$.reasoning.summary", "Chat Completions returns no reasoning summaries");
        }
        if (reasoning.generateSummary() != null && !options.reasoningContent()) {
            report.dropped("$.reasoning.generate_summary", "Chat Completions returns no reasoning summaries");
        }
        reasoning.extra().forEach((k, v) -> report.untranslatable(at("$.reasoning", k), "no Chat equivalent"));
        return effort;
    }

    /**
     * Logprobs are asked for through {@code include}; encrypted reasoning is minted by the translation (sealed
     * {@code reasoning_content}) when reasoning content is on and a sealer is set, and otherwise cannot be returned.
     */
    private boolean logprobs(ResponsesRequest req, Report report) {
        List<String> include = req.include() == null ? List.of() : req.include();
        boolean logprobs = include.contains(ChatRequestToResponses.LOGPROBS_INCLUDE);
        if (!logprobs && req.topLogprobs() != null && req.topLogprobs() != 0) {
            report.dropped("$.top_logprobs", "top_logprobs without include message.output_text.logprobs asks for nothing");
        }
        for (int i = 0; i < include.size(); i++) {
            String value = include.get(i);
            if ("reasoning.encrypted_content".equals(value)) {
                if (!options.reasoningContent() || options.sealer() == null) {
                    report.dropped(at("$.include", i), "Chat Completions returns no encrypted reasoning (needs reasoningContent and a sealer)");
                }
            } else if (!ChatRequestToResponses.LOGPROBS_INCLUDE.equals(value)) {
                report.untranslatable(at("$.include", i), "include '" + value + "' has no Chat equivalent");
            }
        }
        return logprobs;
    }

    /** Responses always reports usage, so a streamed Chat request always asks for it. */
    private static StreamOptions stream(ResponsesRequest req, Report report) {
        Object obfuscation = req.streamOptions() == null ? null : req.streamOptions().get("include_obfuscation");
        StreamOptions options = Boolean.TRUE.equals(req.stream())
                ? new StreamOptions(true, obfuscation instanceof Boolean b ? b : null, Map.of()) : null;
        if (req.streamOptions() != null) {
            req.streamOptions().forEach((k, v) -> {
                if (!Boolean.TRUE.equals(req.stream())) {
                    report.dropped(at("$.stream_options", k), "stream_options apply to streamed requests only");
                } else if (!"include_obfuscation".equals(k) || !(v instanceof Boolean)) {
                    report.dropped(at("$.stream_options", k), "not a Chat stream option");
                }
            });
        }
        return options;
    }

    /**
     * The OpenAI-only fields a strict third-party server refuses ({@link ProviderProfile#STRICT}): not sent, each
     * reported as dropped. Under {@link ProviderProfile#OPENAI} every value passes.
     */
    private record Refused(boolean strict, Report report) {
        <T> T drop(String field, T value) {
            if (strict && value != null) {
                report.dropped("$." + field, "the strict provider profile does not send it: third-party Chat servers refuse it");
                return null;
            }
            return value;
        }
    }

    /** Server-side state and scheduling that a Chat server does not have. */
    private static void state(ResponsesRequest req, Report report) {
        if (req.previousResponseId() != null) {
            report.untranslatable("$.previous_response_id", "previous_response_id needs a response store to expand the earlier turns");
        }
        if (req.conversation() != null) {
            report.untranslatable("$.conversation", "conversation needs a conversation store to expand the earlier turns");
        }
        if (req.truncation() != null && !"disabled".equals(req.truncation())) {
            report.untranslatable("$.truncation", "Chat Completions does not truncate input (truncation: disabled only)");
        }
        if (Boolean.TRUE.equals(req.background())) {
            report.untranslatable("$.background", "Chat Completions has no background mode");
        }
        if (req.maxToolCalls() != null) {
            report.untranslatable("$.max_tool_calls", "Chat Completions has no max_tool_calls");
        }
        if (req.prompt() != null) {
            report.untranslatable("$.prompt", "stored prompts need the Responses API");
        }
    }
}
