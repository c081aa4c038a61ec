package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.chat.ResponseFormat;
import dev.crosswalk.translator.chat.StreamOptions;
import dev.crosswalk.translator.responses.Reasoning;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.TextFormat;
import dev.crosswalk.translator.responses.TextFormatJsonObject;
import dev.crosswalk.translator.responses.TextFormatJsonSchema;
import dev.crosswalk.translator.responses.TextFormatText;
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
        Report report = new Report(options.lenient());
        Refused refused = new Refused(options.providerProfile() == ProviderProfile.STRICT, report);
        ResponsesToolsToChat tools = new ResponsesToolsToChat(report, options.customTools(), refused.strict(), options.codec());
        List<ChatTool> chatTools = tools.tools(req.tools());
        ChatCompletionRequest.Builder out = ChatCompletionRequest.builder()
                .model(req.model())
                .messages(new ItemsToMessages(options, report).translate(req.instructions(), req.input()))
                .tools(chatTools)
                .toolChoice(tools.toolChoice(req.toolChoice()))
                .parallelToolCalls(chatTools == null ? refused.drop("parallel_tool_calls", req.parallelToolCalls())
                        : req.parallelToolCalls())
                .temperature(req.temperature())
                .topP(req.topP())
                .maxCompletionTokens(req.maxOutputTokens())
                .store(refused.drop("store", req.store()))
                .metadata(refused.drop("metadata", req.metadata()))
                .user(req.user())
                .safetyIdentifier(refused.drop("safety_identifier", req.safetyIdentifier()))
                .promptCacheKey(refused.drop("prompt_cache_key", req.promptCacheKey()))
                .promptCacheRetention(refused.drop("prompt_cache_retention", req.promptCacheRetention()))
                .serviceTier(refused.drop("service_tier", req.serviceTier()))
                .stream(req.stream());
        out.webSearchOptions(tools.webSearchOptions());
        text(req, out, report, refused);
        reasoning(req.reasoning(), out, report, refused);
        include(req, out, report);
        stream(req, out, report);
        state(req, report);
        req.extra().forEach((name, value) -> {
            if (CLIENT_ONLY_FIELDS.contains(name)) {
                report.dropped(at("$", name), "a client-side field with no Chat equivalent");
            } else {
                out.extra(name, value);
            }
        });
        return report.finish(out.build());
    }

    private static void text(ResponsesRequest req, ChatCompletionRequest.Builder out, Report report, Refused refused) {
        if (req.text() == null) {
            return;
        }
        out.verbosity(refused.drop("text.verbosity", req.text().verbosity()));
        out.responseFormat(format(req.text().format(), report));
        req.text().extra().forEach((k, v) -> report.dropped(at("$.text", k), "not a Chat response_format field"));
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

    private void reasoning(Reasoning reasoning, ChatCompletionRequest.Builder out, Report report, Refused refused) {
        if (reasoning == null) {
            return;
        }
        out.reasoningEffort(refused.drop("reasoning.effort", reasoning.effort()));
        // with reasoning_content on, the upstream's raw thinking is offered as the summary (docs/chat-only-providers.md)
        if (reasoning.summary() != null && !options.reasoningContent()) {
            report.dropped("$.reasoning.summary", "Chat Completions returns no reasoning summaries");
        }
        if (reasoning.generateSummary() != null && !options.reasoningContent()) {
            report.dropped("$.reasoning.generate_summary", "Chat Completions returns no reasoning summaries");
        }
        reasoning.extra().forEach((k, v) -> report.untranslatable(at("$.reasoning", k), "no Chat equivalent"));
    }

    /**
     * Logprobs are asked for through {@code include}; encrypted reasoning is minted by the translation (sealed
     * {@code reasoning_content}) when reasoning content is on and a sealer is set, and otherwise cannot be returned.
     */
    private void include(ResponsesRequest req, ChatCompletionRequest.Builder out, Report report) {
        List<String> include = req.include() == null ? List.of() : req.include();
        boolean logprobs = include.contains(ChatRequestToResponses.LOGPROBS_INCLUDE);
        if (logprobs) {
            out.logprobs(true).topLogprobs(req.topLogprobs());
        } else if (req.topLogprobs() != null && req.topLogprobs() != 0) {
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
    }

    /** Responses always reports usage, so a streamed Chat request always asks for it. */
    private static void stream(ResponsesRequest req, ChatCompletionRequest.Builder out, Report report) {
        Object obfuscation = req.streamOptions() == null ? null : req.streamOptions().get("include_obfuscation");
        if (Boolean.TRUE.equals(req.stream())) {
            out.streamOptions(new StreamOptions(true, obfuscation instanceof Boolean b ? b : null, Map.of()));
        }
        if (req.streamOptions() != null) {
            req.streamOptions().forEach((k, v) -> {
                if (!Boolean.TRUE.equals(req.stream())) {
                    report.dropped(at("$.stream_options", k), "stream_options apply to streamed requests only");
                } else if (!"include_obfuscation".equals(k) || !(v instanceof Boolean)) {
                    report.dropped(at("$.stream_options", k), "not a Chat stream option");
                }
            });
        }
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
