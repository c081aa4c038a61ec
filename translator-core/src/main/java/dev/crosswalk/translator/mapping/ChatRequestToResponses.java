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
        Report report = new Report(options.lenient());
        MessagesToItems messages = new MessagesToItems(options, report).translate(req.messages());
        ChatToolsToResponses tools = new ChatToolsToResponses(report);
        ResponsesRequest.Builder out = ResponsesRequest.builder()
                .model(req.model())
                .input(ResponsesInput.of(messages.items()))
                .instructions(messages.instructions())
                .tools(tools.tools(req))
                .toolChoice(tools.toolChoice(req))
                .parallelToolCalls(req.parallelToolCalls())
                .text(text(req, report))
                .reasoning(req.reasoningEffort() == null ? null : new Reasoning(req.reasoningEffort(), null, null, Map.of()))
                .temperature(req.temperature())
                .topP(req.topP())
                .maxOutputTokens(maxOutputTokens(req, report))
                .store(req.store() != null ? req.store() : Boolean.FALSE)
                .metadata(req.metadata())
                .user(req.user())
                .safetyIdentifier(req.safetyIdentifier())
                .promptCacheKey(req.promptCacheKey())
                .promptCacheRetention(req.promptCacheRetention())
                .serviceTier(req.serviceTier())
                .stream(req.stream());
        logprobs(req, out, report);
        streamOptions(req, out);
        untranslatable(req, report);
        req.extra().forEach(out::extra);
        return report.finish(out.build());
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

    private static void logprobs(ChatCompletionRequest req, ResponsesRequest.Builder out, Report report) {
        if (Boolean.TRUE.equals(req.logprobs())) {
            out.include(List.of(LOGPROBS_INCLUDE));
            out.topLogprobs(req.topLogprobs());
        } else if (req.topLogprobs() != null) {
            report.dropped("$.top_logprobs", "top_logprobs without logprobs: true asks for nothing");
        }
    }

    /** Usage always comes with {@code response.completed}, so only {@code include_obfuscation} has a place. */
    private static void streamOptions(ChatCompletionRequest req, ResponsesRequest.Builder out) {
        if (req.streamOptions() == null) {
            return;
        }
        Map<String, Object> options = new java.util.LinkedHashMap<>(req.streamOptions().extra());
        if (req.streamOptions().includeObfuscation() != null) {
            options.put("include_obfuscation", req.streamOptions().includeObfuscation());
        }
        if (!options.isEmpty()) {
            out.streamOptions(options);
        }
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
