package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.CustomToolCall;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.MessageAnnotation;
import dev.crosswalk.translator.chat.TokenLogprob;
import dev.crosswalk.translator.responses.Annotation;
import dev.crosswalk.translator.responses.CustomToolCallItem;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.IncompleteDetails;
import dev.crosswalk.translator.responses.LogProb;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.RefusalContent;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponseUsage;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Chat completion → a Responses {@code response} object (docs/architecture.md §5). Ids are minted; the echo fields
 * ({@code tools}, {@code temperature}, ...) come from the Responses form of the request being answered.
 */
public final class ChatCompletionToResponse {
    private final TranslatorOptions options;

    public ChatCompletionToResponse(TranslatorOptions options) {
        this.options = options;
    }

    /**
     * @param completion the upstream's answer
     * @param request the Responses form of the request it answers, for the echo fields; {@code null} for defaults
     */
    public Translation<Response> translate(ChatCompletion completion, ResponsesRequest request) {
        Report report = new Report(options.lenient());
        List<ChatChoice> choices = completion.choices() == null ? List.of() : completion.choices();
        if (choices.isEmpty() || choices.get(0) == null || choices.get(0).message() == null) {
            report.untranslatable("$.choices", "a completion needs one choice with a message");
            return report.finish(Response.builder().build());
        }
        for (int i = 1; i < choices.size(); i++) {
            report.untranslatable(at("$.choices", i), "a Responses object holds one answer (n > 1)");
        }
        ChatChoice choice = choices.get(0);
        Terminal terminal = Terminal.ofFinishReason(choice.finishReason(), report);
        String itemStatus = terminal.status().equals("completed") ? "completed" : "incomplete";
        List<ResponseItem> output = output(choice, itemStatus, request, report);
        Response.Builder out = Echo.from(request)
                .id(options.ids().next("resp_"))
                .object("response")
                .createdAt(completion.created())
                .completedAt(terminal.status().equals("completed") ? options.clock().instant().getEpochSecond() : null)
                .status(terminal.status())
                .incompleteDetails(terminal.incompleteReason() == null ? null
                        : new IncompleteDetails(terminal.incompleteReason(), Map.of()))
                .model(completion.model())
                .output(output)
                .usage(usage(completion.usage(), report));
        if (completion.serviceTier() != null) {
            out.serviceTier(completion.serviceTier());
        }
        if (completion.systemFingerprint() != null) {
            report.dropped("$.system_fingerprint", "Responses has no system_fingerprint");
        }
        choice.extra().forEach((k, v) -> report.dropped(at("$.choices[0]", k), "no Responses equivalent"));
        if (choice.logprobs() != null) {
            choice.logprobs().extra().forEach((k, v) -> report.dropped(at("$.choices[0].logprobs", k), "no Responses equivalent"));
        }
        completion.extra().forEach(out::extra);
        return report.finish(out.build());
    }

    private List<ResponseItem> output(ChatChoice choice, String status, ResponsesRequest request, Report report) {
        ChatCompletionMessage message = choice.message();
        Path path = Path.of("$.choices[0].message");
        List<ResponseItem> output = new ArrayList<>();
        if (message.reasoningContent() != null) {
            if (options.reasoningContent()) {
                output.add(ReasoningContentItems.item(options, request, options.ids().next("rs_"), message.reasoningContent(), null));
            } else {
                report.dropped(at(path, "reasoning_content"), "reasoning_content is a vendor extension; enable reasoningContent to translate it");
            }
        }
        List<ChatToolCall> calls = message.toolCalls() == null ? List.of() : message.toolCalls();
        Map<String, String> namespaces = NamespaceTools.namespaces(request == null ? null : request.tools());
        Set<String> customNames = options.customTools() == CustomTools.AS_FUNCTIONS && request != null
                ? CustomToolsAsFunctions.names(request.tools()) : Set.of();
        // Empty content is no answer (OpenAI-compatible servers send "" beside tool calls): no ghost message item,
        // as in a stream, where only a first non-empty text delta opens one.
        if ((message.content() != null && !message.content().isEmpty()) || message.refusal() != null) {
            output.add(new MessageItem(options.ids().next("msg_"), "assistant",
                    ResponsesContent.of(content(choice, report)), "completed", null, message.extra()));
        } else {
            message.extra().forEach((k, v) -> report.dropped(at(path, k), "a message without text becomes no message item to carry it"));
            if (message.annotations() != null && !message.annotations().isEmpty()) {
                report.dropped(at(path, "annotations"), "annotations of a message without text have no place");
            }
            if (choice.logprobs() != null && choice.logprobs().content() != null && !choice.logprobs().content().isEmpty()) {
                report.dropped("$.choices[0].logprobs.content", "logprobs of a message without text have no place");
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            ChatToolCall call = calls.get(i);
            if (call instanceof FunctionToolCall f && f.function() != null && customNames.contains(f.function().name())) {
                CustomCallInput input = CustomCallInput.of(options.codec(), f.function().arguments());
                if (input.warning() != null) {
                    report.dropped(at(at(at(path, "tool_calls"), i), "function.arguments"), input.warning());
                }
                output.add(new CustomToolCallItem(options.ids().next("ctc_"), f.id(), f.function().name(), input.text(),
                        null, null, Extras.merge(f.extra(), f.function().extra())));
            } else if (call instanceof FunctionToolCall f && f.function() != null) {
                output.add(new FunctionCallItem(options.ids().next("fc_"), f.id(), f.function().name(), f.function().arguments(),
                        "completed", namespaces.get(f.function().name()), Extras.merge(f.extra(), f.function().extra())));
            } else if (call instanceof CustomToolCall c && c.custom() != null) {
                // custom_tool_call output items have no status (spec CustomToolCall, SDK ResponseCustomToolCall)
                output.add(new CustomToolCallItem(options.ids().next("ctc_"), c.id(), c.custom().name(), c.custom().input(),
                        null, null, Extras.merge(c.extra(), c.custom().extra())));
            } else {
                report.untranslatable(at(at(path, "tool_calls"), i), "not a function or custom tool call");
            }
        }
        markLast(output, status);
        if (message.audio() != null) {
            report.untranslatable(at(path, "audio"), "Responses has no audio output");
        }
        if (message.functionCall() != null) {
            report.untranslatable(at(path, "function_call"), "the legacy function_call has no Responses equivalent");
        }
        return output;
    }

    /**
     * A truncation cuts the last item only: the ones before it had ended (a stream closes them as it goes, and the
     * non-streaming translation must agree with the stream).
     */
    private static void markLast(List<ResponseItem> output, String status) {
        if (output.isEmpty() || "completed".equals(status)) {
            return;
        }
        int last = output.size() - 1;
        ResponseItem item = output.get(last);
        if (item instanceof MessageItem m) {
            output.set(last, new MessageItem(m.id(), m.role(), m.content(), status, m.phase(), m.extra()));
        } else if (item instanceof FunctionCallItem f) {
            output.set(last, new FunctionCallItem(f.id(), f.callId(), f.name(), f.arguments(), status, f.namespace(), f.extra()));
        }
        // custom_tool_call items have no status in the spec or the official SDKs: a cut one cannot say so
    }

    private static List<ResponseContent> content(ChatChoice choice, Report report) {
        ChatCompletionMessage message = choice.message();
        List<ResponseContent> parts = new ArrayList<>();
        if (message.content() != null && !message.content().isEmpty()) {
            parts.add(new OutputTextContent(message.content(), annotations(message.annotations(), report), logprobs(choice), Map.of()));
        } else {
            if (message.annotations() != null && !message.annotations().isEmpty()) {
                report.dropped("$.choices[0].message.annotations", "annotations of empty text have no place");
            }
            if (choice.logprobs() != null && choice.logprobs().content() != null && !choice.logprobs().content().isEmpty()) {
                // A refusal-only answer: its token logprobs have no output_text part to travel on.
                report.dropped("$.choices[0].logprobs.content", "logprobs of a message without text have no place in Responses");
            }
        }
        if (message.refusal() != null) {
            parts.add(new RefusalContent(message.refusal(), Map.of()));
        }
        if (choice.logprobs() != null && choice.logprobs().refusal() != null && !choice.logprobs().refusal().isEmpty()) {
            report.dropped("$.choices[0].logprobs.refusal", "Responses has no logprobs for refusals");
        }
        return parts;
    }

    private static List<Annotation> annotations(List<MessageAnnotation> annotations, Report report) {
        List<Annotation> out = new ArrayList<>();
        if (annotations != null) {
            for (int i = 0; i < annotations.size(); i++) {
                MessageAnnotation a = annotations.get(i);
                if (a != null && a.urlCitation() != null) {
                    out.add(AnnotationMapper.INSTANCE.toResponses(a));
                } else {
                    report.dropped(at("$.choices[0].message.annotations", i), "Responses takes url_citation annotations only");
                }
            }
        }
        return out;
    }

    private static List<LogProb> logprobs(ChatChoice choice) {
        List<LogProb> out = new ArrayList<>();
        if (choice.logprobs() != null && choice.logprobs().content() != null) {
            for (TokenLogprob l : choice.logprobs().content()) {
                if (l != null) {
                    out.add(AnnotationMapper.INSTANCE.toResponses(l));
                }
            }
        }
        return out;
    }

    static ResponseUsage usage(CompletionUsage usage, Report report) {
        if (usage == null) {
            return null;
        }
        if (usage.promptTokensDetails() != null) {
            dropDetails(Path.of("$.usage.prompt_tokens_details"), usage.promptTokensDetails().audioTokens(),
                    usage.promptTokensDetails().extra(), report);
        }
        if (usage.completionTokensDetails() != null) {
            var d = usage.completionTokensDetails();
            dropDetails(Path.of("$.usage.completion_tokens_details"), d.audioTokens(), d.extra(), report);
            dropCount(Path.of("$.usage.completion_tokens_details.accepted_prediction_tokens"), d.acceptedPredictionTokens(), report);
            dropCount(Path.of("$.usage.completion_tokens_details.rejected_prediction_tokens"), d.rejectedPredictionTokens(), report);
        }
        return UsageMapper.INSTANCE.toResponses(usage);
    }

    private static void dropDetails(Path path, Integer audio, Map<String, Object> extra, Report report) {
        dropCount(at(path, "audio_tokens"), audio, report);
        extra.forEach((k, v) -> dropCount(at(path, k), v instanceof Number n ? n.intValue() : 1, report));
    }

    private static void dropCount(Path path, Integer count, Report report) {
        if (count != null && count != 0) {
            report.dropped(path, "Responses usage has no such count");
        }
    }
}
