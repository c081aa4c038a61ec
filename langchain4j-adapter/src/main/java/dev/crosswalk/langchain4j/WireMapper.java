package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Reasoning;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One request's translation both ways for its wire: the LangChain4j request to the wire's JSON body, and the
 * wire's answer back to a {@link ChatResponse}. Both wires go through the Chat Completions form, so one mapping
 * ({@link AnswerMapper}) serves both.
 */
final class WireMapper {
    static final JsonCodec CODEC = JsonCodec.jackson2();
    /** Reasoning is translated (never silently dropped); whether the user sees it is {@code returnThinking}'s call. */
    static final TranslatorOptions OPTIONS = TranslatorOptions.builder().codec(CODEC).reasoningContent(true).build();
    private static final Translator REQUESTS = Crosswalk.translator(OPTIONS);
    /** An answer is delivered with warnings rather than refused for what Chat cannot hold (hosted-tool items). */
    private static final Translator ANSWERS = REQUESTS.lenient();

    private final WireApi wire;
    private final boolean returnThinking;
    private final boolean sendThinking;

    WireMapper(WireApi wire, boolean returnThinking, boolean sendThinking) {
        this.wire = wire;
        this.returnThinking = returnThinking;
        this.sendThinking = sendThinking;
    }

    WireApi wire() {
        return wire;
    }

    boolean returnThinking() {
        return returnThinking;
    }

    /**
     * @throws UnsupportedFeatureException naming each field the wire cannot carry, by JSON path
     */
    WireRequest request(ChatRequest request, CrosswalkChatRequestParameters p, boolean stream) {
        MessageMapper messages = new MessageMapper(wire, sendThinking);
        ChatCompletionRequest chat = new RequestMapper(CODEC).map(request, p, messages, stream && wire == WireApi.CHAT_COMPLETIONS);
        return wire == WireApi.CHAT_COMPLETIONS ? chat(chat, p) : responses(chat, p, messages.reasoningItems(), stream);
    }

    private WireRequest chat(ChatCompletionRequest chat, CrosswalkChatRequestParameters p) {
        List<String> problems = new ArrayList<>();
        if (p.previousResponseId() != null) {
            problems.add("previousResponseId: Chat Completions keeps no conversation state; send the history instead");
        }
        if (p.include() != null && !p.include().isEmpty()) {
            problems.add("include: Chat Completions has no include");
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedFeatureException("cannot send on CHAT_COMPLETIONS: " + String.join("; ", problems));
        }
        List<String> warnings = p.reasoningSummary() == null ? List.of()
                : List.of("reasoningSummary: Chat Completions returns no reasoning summaries");
        return new WireRequest(WireApi.CHAT_COMPLETIONS, CODEC.write(chat), warnings, null);
    }

    private static WireRequest responses(ChatCompletionRequest chat, CrosswalkChatRequestParameters p,
            List<ReasoningItem> reasoning, boolean stream) {
        Translation<ResponsesRequest> t = Errors.translating(() -> REQUESTS.toResponses(chat));
        ResponsesRequest r = t.value();
        ResponsesRequest.Builder out = r.toBuilder()
                .input(ResponsesInput.of(withReasoning(r.input().items(), reasoning)))
                .previousResponseId(p.previousResponseId())
                .include(p.include() == null || p.include().isEmpty() ? r.include() : p.include());
        if (p.reasoningSummary() != null) {
            String effort = r.reasoning() == null ? null : r.reasoning().effort();
            out.reasoning(new Reasoning(effort, p.reasoningSummary(), null, Map.of()));
        }
        if (stream) {
            out.stream(true);
        }
        ResponsesRequest sent = out.build();
        return new WireRequest(WireApi.RESPONSES, CODEC.write(sent), describe(t.warnings()), sent);
    }

    /** Puts each reserved reasoning item's real content in its place (the core wrote reasoning_content as text). */
    private static List<ResponseItem> withReasoning(List<ResponseItem> items, List<ReasoningItem> reasoning) {
        if (reasoning.isEmpty()) {
            return items;
        }
        Iterator<ReasoningItem> next = reasoning.iterator();
        List<ResponseItem> out = new ArrayList<>(items.size());
        for (ResponseItem item : items) {
            out.add(item instanceof ReasoningItem && next.hasNext() ? next.next() : item);
        }
        return out;
    }

    /** The wire's non-streaming answer body. */
    ChatResponse answer(String body, WireRequest sent) {
        List<String> warnings = new ArrayList<>(sent.warnings());
        if (wire == WireApi.CHAT_COMPLETIONS) {
            ChatCompletion completion = Errors.reading(() -> CODEC.read(body, ChatCompletion.class), "Chat completion");
            return AnswerMapper.toChatResponse(completion, new AnswerMapper.Extras(wire, completion.id(), null, warnings), returnThinking);
        }
        Response response = Errors.reading(() -> CODEC.read(body, Response.class), "Responses object");
        return answer(response, sent.sent(), warnings);
    }

    /** A Responses object (a body, or the one {@code response.completed} carries), as a LangChain4j answer. */
    ChatResponse answer(Response response, ResponsesRequest sent, List<String> warnings) {
        Translation<ChatCompletion> t = Errors.failing(() -> ANSWERS.toChat(response, sent));
        List<String> all = new ArrayList<>(warnings);
        all.addAll(describe(t.warnings()));
        return AnswerMapper.toChatResponse(t.value(),
                new AnswerMapper.Extras(wire, response.id(), encryptedReasoning(response), all), returnThinking);
    }

    static String encryptedReasoning(Response response) {
        if (response == null || response.output() == null) {
            return null;
        }
        for (ResponseItem item : response.output()) {
            if (item instanceof ReasoningItem r && r.encryptedContent() != null) {
                return r.encryptedContent();
            }
        }
        return null;
    }

    static List<String> describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }
}
