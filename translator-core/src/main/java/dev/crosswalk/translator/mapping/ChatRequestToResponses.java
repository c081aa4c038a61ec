package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ResponseFormat;
import dev.crosswalk.translator.chat.ResponseFormatJsonObject;
import dev.crosswalk.translator.chat.ResponseFormatJsonSchema;
import dev.crosswalk.translator.chat.ResponseFormatText;
import dev.crosswalk.translator.responses.Reasoning;
import dev.crosswalk.translator.responses.ResponseText;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.ResponsesTool;
import dev.crosswalk.translator.responses.ResponsesToolChoice;
import dev.crosswalk.translator.responses.TextFormat;
import java.util.List;
import java.util.Map;

/**
 * A Chat Completions request → a Responses request (docs/architecture.md §4, read left to right).
 *
 * <pre>{@code
 * Translation<ResponsesRequest> t = new ChatRequestToResponses(options).translate(chatRequest);
 * }</pre>
 */
public final class ChatRequestToResponses {
    /** {@code CreateResponse.max_output_tokens} has {@code minimum: 16}. */
    static final int MIN_OUTPUT_TOKENS = 16;
    static final String LOGPROBS_INCLUDE = "message.output_text.logprobs";

    private final TranslatorOptions options;

    public ChatRequestToResponses(TranslatorOptions options) {
        this.options = options;
    }

    public Translation<ResponsesRequest> translate(ChatCompletionRequest req) {
        return translate(req, true);
    }

    /**
     * {@link #translate(ChatCompletionRequest)}, told whether the request may hold unknown members: {@code false}
     * (only where a reader saw none in any record) skips the duplicate-key check, which could find nothing ({@link Report}).
     */
    public Translation<ResponsesRequest> translate(ChatCompletionRequest req, boolean unknownMembers) {
        // Each member computed in the order its problems are reported, then the record built with its canonical
        // constructor: a builder per request was a second ~30-member object for nothing.
        Report report = new Report(options.lenient(), unknownMembers);
        MessagesToItems messages = new MessagesToItems(options, report).translate(req.messages());
        ChatToolsToResponses tools = new ChatToolsToResponses(report);
        List<ResponsesTool> responsesTools = tools.tools(req);
        ResponsesToolChoice toolChoice = tools.toolChoice(req);
        ResponseText text = text(req, report);
        Integer maxOutputTokens = maxOutputTokens(req, report);
        boolean logprobs = logprobs(req, report);
        Map<String, Object> streamOptions = streamOptions(req);
        untranslatable(req, report);
        return report.finish(new ResponsesRequest(
                req.model(),
                ResponsesInput.of(messages.items()),
                messages.instructions(),
                responsesTools,
                toolChoice,
                req.parallelToolCalls(),
                text,
                req.reasoningEffort() == null ? null : new Reasoning(req.reasoningEffort(), null, null, Map.of()),
                req.temperature(),
                req.topP(),
                maxOutputTokens,
                logprobs ? req.topLogprobs() : null,
                logprobs ? List.of(LOGPROBS_INCLUDE) : null,
                req.store() != null ? req.store() : Boolean.FALSE,
                req.metadata(),
                req.user(),
                req.safetyIdentifier(),
                req.promptCacheKey(),
                req.promptCacheRetention(),
                req.serviceTier(),
                req.stream(),
                streamOptions,
                null, null, null, null, null, null, // previous_response_id … prompt: no Chat source
                req.extra()));
    }

    private static ResponseText text(ChatCompletionRequest req, Report report) {
        TextFormat format = format(req.responseFormat(), report);
        return format == null && req.verbosity() == null ? null : new ResponseText(format, req.verbosity(), Map.of());
    }

    private static TextFormat format(ResponseFormat format, Report report) {
        FormatMapper mapper = FormatMapper.INSTANCE;
        if (format == null) {
            return null;
        } else if (format instanceof ResponseFormatText f) {
            return mapper.toResponses(f);
        } else if (format instanceof ResponseFormatJsonObject f) {
            return mapper.toResponses(f);
        } else if (format instanceof ResponseFormatJsonSchema f && f.jsonSchema() != null) {
            return mapper.toResponses(f);
        } else if (format instanceof ResponseFormatJsonSchema) {
            report.untranslatable("$.response_format.json_schema", "a json_schema format needs its json_schema object");
        } else {
            report.untranslatable("$.response_format.type", "response_format type '" + format.type() + "' has no Responses equivalent");
        }
        return null;
    }

    /** {@code max_completion_tokens} wins over the deprecated {@code max_tokens}. */
    private static Integer maxOutputTokens(ChatCompletionRequest req, Report report) {
        Integer max = req.maxCompletionTokens() != null ? req.maxCompletionTokens() : req.maxTokens();
        String path = req.maxCompletionTokens() != null ? "$.max_completion_tokens" : "$.max_tokens";
        if (req.maxCompletionTokens() != null && req.maxTokens() != null) {
            report.dropped("$.max_tokens", "max_completion_tokens is set and takes precedence");
        }
        if (max != null && max < MIN_OUTPUT_TOKENS) {
            report.untranslatable(path, "Responses needs max_output_tokens >= " + MIN_OUTPUT_TOKENS + " (lenient: raised to "
                    + MIN_OUTPUT_TOKENS + ")");
            return MIN_OUTPUT_TOKENS;
        }
        return max;
    }

    /** Whether {@code include} asks for logprobs (and {@code top_logprobs} goes with it). */
    private static boolean logprobs(ChatCompletionRequest req, Report report) {
        if (Boolean.TRUE.equals(req.logprobs())) {
            return true;
        }
        if (req.topLogprobs() != null) {
            report.dropped("$.top_logprobs", "top_logprobs without logprobs: true asks for nothing");
        }
        return false;
    }

    /** Usage always comes with {@code response.completed}, so only {@code include_obfuscation} has a place. */
    private static Map<String, Object> streamOptions(ChatCompletionRequest req) {
        if (req.streamOptions() == null) {
            return null;
        }
        Map<String, Object> options = new java.util.LinkedHashMap<>(req.streamOptions().extra());
        if (req.streamOptions().includeObfuscation() != null) {
            options.put("include_obfuscation", req.streamOptions().includeObfuscation());
        }
        return options.isEmpty() ? null : options;
    }

    /** Fields that change the answer and that Responses does not have; defaults that change nothing pass quietly. */
    private static void untranslatable(ChatCompletionRequest req, Report report) {
        if (req.n() != null && req.n() != 1) {
            report.untranslatable("$.n", "Responses generates one answer per request (n > 1)");
        }
        if (req.stop() != null && !(req.stop() instanceof List<?> l && l.isEmpty())) {
            report.untranslatable("$.stop", "Responses has no stop sequences");
        }
        if (req.seed() != null) {
            report.untranslatable("$.seed", "Responses has no seed");
        }
        if (req.logitBias() != null && !req.logitBias().isEmpty()) {
            report.untranslatable("$.logit_bias", "Responses has no logit_bias");
        }
        if (req.frequencyPenalty() != null && req.frequencyPenalty() != 0) {
            report.untranslatable("$.frequency_penalty", "Responses has no frequency_penalty");
        }
        if (req.presencePenalty() != null && req.presencePenalty() != 0) {
            report.untranslatable("$.presence_penalty", "Responses has no presence_penalty");
        }
        if (req.prediction() != null) {
            report.untranslatable("$.prediction", "Responses has no predicted outputs");
        }
        if (req.modalities() != null && !req.modalities().equals(List.of("text"))) {
            report.untranslatable("$.modalities", "Responses produces text only (no audio modality)");
        }
        if (req.audio() != null) {
            report.untranslatable("$.audio", "Responses has no audio output");
        }
    }
}
