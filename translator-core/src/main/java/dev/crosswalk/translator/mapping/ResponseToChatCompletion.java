package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.ChoiceLogprobs;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.CustomCall;
import dev.crosswalk.translator.chat.CustomToolCall;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.MessageAnnotation;
import dev.crosswalk.translator.chat.TokenLogprob;
import dev.crosswalk.translator.chat.UrlCitation;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.responses.Annotation;
import dev.crosswalk.translator.responses.CustomToolCallItem;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.RefusalContent;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponseUsage;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.SummaryTextContent;
import dev.crosswalk.translator.responses.UrlCitationAnnotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Responses {@code response} object → a Chat completion (docs/architecture.md §5). All message items' text is concatenated
 * in order into one message (annotation offsets shifted to match); every function call becomes a tool call.
 * A failed or cancelled response has no completion: it throws {@link ResponseFailedException} with its error.
 */
public final class ResponseToChatCompletion {
    private final TranslatorOptions options;

    public ResponseToChatCompletion(TranslatorOptions options) {
        this.options = options;
    }

    public Translation<ChatCompletion> translate(Response response) {
        return translate(response, null);
    }

    /**
     * @param sent the Responses request the response answers, whose echo fields need no report; {@code null} if
     *        unknown
     */
    public Translation<ChatCompletion> translate(Response response, ResponsesRequest sent) {
        failIfNotFinished(response);
        Report report = new Report(options.lenient());
        Assembled message = assemble(response.output() == null ? List.of() : response.output(), report);
        String reason = response.incompleteDetails() == null ? null : response.incompleteDetails().reason();
        Terminal terminal = Terminal.ofStatus(response.status(), reason, !message.calls.isEmpty());
        ChatCompletionMessage chatMessage = new ChatCompletionMessage("assistant",
                message.text == null ? null : message.text.toString(), message.refusal,
                message.calls.isEmpty() ? null : message.calls, message.annotations.isEmpty() ? null : message.annotations,
                message.reasoning, null, null, Map.of());
        ChoiceLogprobs logprobs = message.logprobs.isEmpty() ? null : new ChoiceLogprobs(message.logprobs, null, Map.of());
        ChatCompletion completion = ChatCompletion.builder()
                .id(ResponseEchoes.completionId(response.id(), options.ids()))
                .object("chat.completion")
                .created(response.createdAt())
                .model(response.model())
                .choices(List.of(new ChatChoice(0, chatMessage, terminal.finishReason(), logprobs, Map.of())))
                .usage(usage(response.usage(), report))
                // "auto" is what a request asks for, not a tier that served it: a completion reports only the latter.
                .serviceTier("auto".equals(response.serviceTier()) ? null : response.serviceTier())
                .build();
        // Responses objects carry many response-only fields (billing, tool_usage, ...) that no Chat completion has
        response.extra().forEach((k, v) -> report.dropped(at("$", k), "no Chat completion equivalent"));
        ResponseEchoes.reportUnechoed(response, sent, report::dropped);
        if (response.incompleteDetails() != null) {
            response.incompleteDetails().extra().forEach((k, v) -> report.dropped(at("$.incomplete_details", k), "no Chat equivalent"));
        }
        return report.finish(completion);
    }

    private static void failIfNotFinished(Response response) {
        String status = response.status();
        if ("completed".equals(status) || "incomplete".equals(status)) {
            return;
        }
        if (response.error() != null) {
            throw new ResponseFailedException(new OpenAiError(response.error().message(), "server_error", null, response.error().code()));
        }
        String message = status == null ? "the response has no status" : "the response is " + status + ", not completed";
        throw new ResponseFailedException(new OpenAiError(message, "server_error", null, status));
    }

    private Assembled assemble(List<ResponseItem> output, Report report) {
        Assembled out = new Assembled();
        Path list = Path.of("$.output");
        for (int i = 0; i < output.size(); i++) {
            ResponseItem item = output.get(i);
            Path path = at(list, i);
            if (item instanceof MessageItem m && m.content() != null) {
                message(m, path, out, report);
            } else if (item instanceof FunctionCallItem f) {
                noNamespace(f.namespace(), path, report);
                out.calls.add(new FunctionToolCall(f.callId(), new FunctionCall(f.name(), f.arguments(), Map.of()), f.extra()));
            } else if (item instanceof CustomToolCallItem c) {
                noNamespace(c.namespace(), path, report);
                out.calls.add(new CustomToolCall(c.callId(), new CustomCall(c.name(), c.input(), Map.of()), c.extra()));
            } else if (item instanceof ReasoningItem r && options.reasoningContent()) {
                out.reasoning = (out.reasoning == null ? "" : out.reasoning) + reasoningText(r);
            } else {
                report.dropped(path, "output item '" + (item == null ? null : item.type()) + "' has no Chat completion equivalent");
            }
        }
        return out;
    }

    private static String reasoningText(ReasoningItem r) {
        StringBuilder text = new StringBuilder();
        List<ResponseContent> parts = r.content() != null && !r.content().isEmpty() ? r.content() : r.summary();
        for (ResponseContent c : parts == null ? List.<ResponseContent>of() : parts) {
            text.append(c instanceof ReasoningTextContent t ? t.text() : c instanceof SummaryTextContent s ? s.text() : "");
        }
        return text.toString();
    }

    private static void noNamespace(String namespace, Path path, Report report) {
        if (namespace != null) {
            report.dropped(at(path, "namespace"), "Chat tool calls have no namespace");
        }
    }

    private static void message(MessageItem m, Path path, Assembled out, Report report) {
        m.extra().forEach((k, v) -> report.dropped(at(path, k), "all message items fold into one Chat message, which has no place for it"));
        if (m.phase() != null) {
            report.dropped(at(path, "phase"), "Chat messages have no phase");
        }
        if (m.content().isText()) {
            out.append(m.content().text());
            return;
        }
        List<ResponseContent> parts = m.content().parts();
        for (int j = 0; j < parts.size(); j++) {
            if (parts.get(j) instanceof OutputTextContent t) {
                Path partPath = at(at(path, "content"), j);
                t.extra().forEach((k, v) -> report.dropped(at(partPath, k), "Chat message text is a plain string"));
                int offset = out.codePoints();
                annotations(t.annotations(), offset, at(at(path, "content"), j), out, report);
                if (t.logprobs() != null) {
                    t.logprobs().forEach(l -> out.logprobs.add(AnnotationMapper.INSTANCE.toChat(l)));
                }
                out.append(t.text() == null ? "" : t.text());
            } else if (parts.get(j) instanceof RefusalContent r) {
                out.refusal = out.refusal == null ? r.refusal() : out.refusal + r.refusal();
                Path partPath = at(at(path, "content"), j);
                r.extra().forEach((k, v) -> report.dropped(at(partPath, k), "Chat's refusal is a plain string"));
            } else {
                report.dropped(at(at(path, "content"), j), "content part has no Chat completion equivalent");
            }
        }
    }

    private static void annotations(List<Annotation> annotations, int offset, Path path, Assembled out, Report report) {
        if (annotations == null) {
            return;
        }
        for (int k = 0; k < annotations.size(); k++) {
            if (annotations.get(k) instanceof UrlCitationAnnotation a) {
                MessageAnnotation chat = shifted(AnnotationMapper.INSTANCE.toChat(a), offset);
                out.annotations.add(chat);
            } else {
                report.dropped(at(at(path, "annotations"), k), "Chat has url_citation annotations only");
            }
        }
    }

    /** The annotation with its offsets moved {@code offset} code points on (0: unchanged). */
    static MessageAnnotation shifted(MessageAnnotation chat, int offset) {
        if (offset == 0 || chat.urlCitation() == null) {
            return chat;
        }
        UrlCitation c = chat.urlCitation();
        return new MessageAnnotation(chat.type(), new UrlCitation(c.url(), c.title(), shift(c.startIndex(), offset),
                shift(c.endIndex(), offset), c.extra()), chat.extra());
    }

    private static Integer shift(Integer index, int offset) {
        return index == null ? null : index + offset;
    }

    static CompletionUsage usage(ResponseUsage usage, Report report) {
        if (usage == null) {
            return null;
        }
        if (usage.inputTokensDetails() != null && usage.inputTokensDetails().cacheWriteTokens() != null
                && usage.inputTokensDetails().cacheWriteTokens() != 0) {
            report.dropped("$.usage.input_tokens_details.cache_write_tokens", "Chat usage has no cache write count");
        }
        return UsageMapper.INSTANCE.toChat(usage);
    }

    /** The one assistant message all output items fold into. */
    private static final class Assembled {
        StringBuilder text;
        String refusal;
        String reasoning;
        final List<ChatToolCall> calls = new ArrayList<>();
        final List<MessageAnnotation> annotations = new ArrayList<>();
        final List<TokenLogprob> logprobs = new ArrayList<>();

        void append(String s) {
            (text == null ? (text = new StringBuilder()) : text).append(s);
        }

        /** Offsets in annotations count characters (code points), not UTF-16 units. */
        int codePoints() {
            return text == null ? 0 : text.codePointCount(0, text.length());
        }
    }
}
