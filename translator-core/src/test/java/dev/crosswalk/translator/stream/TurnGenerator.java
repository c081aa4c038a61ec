package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.chat.ChatChoice;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChatCompletionMessage;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.ChoiceLogprobs;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.chat.CompletionTokensDetails;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.PromptTokensDetails;
import dev.crosswalk.translator.chat.TokenLogprob;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.IncompleteDetails;
import dev.crosswalk.translator.responses.InputTokensDetails;
import dev.crosswalk.translator.responses.LogProb;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.OutputTokensDetails;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.RefusalContent;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponseUsage;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.SummaryTextContent;
import dev.crosswalk.translator.responses.events.ContentPartAddedEvent;
import dev.crosswalk.translator.responses.events.ContentPartDoneEvent;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDeltaEvent;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDoneEvent;
import dev.crosswalk.translator.responses.events.HostedToolEvent;
import dev.crosswalk.translator.responses.events.OutputItemAddedEvent;
import dev.crosswalk.translator.responses.events.OutputItemDoneEvent;
import dev.crosswalk.translator.responses.events.OutputTextDeltaEvent;
import dev.crosswalk.translator.responses.events.OutputTextDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryPartAddedEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryPartDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryTextDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDoneEvent;
import dev.crosswalk.translator.responses.events.RefusalDeltaEvent;
import dev.crosswalk.translator.responses.events.RefusalDoneEvent;
import dev.crosswalk.translator.responses.events.ResponseCompletedEvent;
import dev.crosswalk.translator.responses.events.ResponseCreatedEvent;
import dev.crosswalk.translator.responses.events.ResponseInProgressEvent;
import dev.crosswalk.translator.responses.events.ResponseIncompleteEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.responses.events.UnknownEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of assistant turns and two small reference renderers of the same turn: as a Chat chunk stream
 * (split at random points, parallel tool-call fragments randomly interleaved, usage before/after/with
 * {@code finish_reason} or absent) and as a Responses event stream (with the delivery variants live servers use:
 * arguments only in {@code .done}, only in {@code output_item.done}, in one delta, rotated item ids, noise events).
 * Also the non-streaming equivalents: the {@link ChatCompletion} and the final {@link Response} of the same turn.
 *
 * <p>The renderers are written from the protocols' documentation, not from the translators.
 */
final class TurnGenerator {
    private TurnGenerator() {
    }

    record Call(String id, String name, String arguments) {
    }

    /**
     * One assistant turn. {@code finishReason} is Chat's: {@code stop}, {@code tool_calls} (iff calls and not
     * truncated), {@code length}, {@code content_filter}. {@code usage} may be null.
     */
    record Turn(long seed, String model, long created, String reasoning, String text, String refusal, List<Call> calls,
            String finishReason, CompletionUsage usage, boolean logprobs) {

        boolean truncated() {
            return "length".equals(finishReason) || "content_filter".equals(finishReason);
        }

        /** The Responses status of the same ending. */
        String status() {
            return truncated() ? "incomplete" : "completed";
        }

        String incompleteReason() {
            return "length".equals(finishReason) ? "max_output_tokens" : "content_filter".equals(finishReason) ? "content_filter" : null;
        }

        /** What a Chat client must see as finish_reason for this turn, whichever side it came from. */
        String chatFinishReason() {
            return truncated() ? finishReason : calls.isEmpty() ? "stop" : "tool_calls";
        }

        @Override
        public String toString() {
            return "Turn[seed=" + seed + ", reasoning=" + (reasoning != null) + ", text=" + (text == null ? null : text.length())
                    + ", refusal=" + (refusal != null) + ", calls=" + calls.size() + ", finish=" + finishReason
                    + ", usage=" + (usage != null) + ", logprobs=" + logprobs + "]";
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Turns

    private static final String[] WORDS = {"hello", "the", "a", "weather", "Paris", "ok", "42", "x"};
    private static final String[] PUNCT = {" ", " ", " ", ",", ".", "\n", "  ", "\t", "!", "?"};
    private static final String[] WIDE = {"é", "ñ", "ü", "ß", "Ω", "中", "文", "字", "日本", "한", "😀", "🚀", "👍🏽", "🇫🇷",
            "\u00a0", "\u2028", "€", "𝄞"};
    private static final String[] SPECIAL = {"\"", "\\", "/", "<", ">", "&", "'", "{", "}", "\\n", "\u0001"};

    static Turn turn(long seed, Random r) {
        String reasoning = r.nextInt(4) == 0 ? text(r, 1, 40) : null;
        int shape = r.nextInt(10);
        String text = shape < 7 ? text(r, 1, 80) : null;
        String refusal = shape >= 7 && shape < 9 || r.nextInt(15) == 0 ? text(r, 1, 30) : null;
        int callCount = r.nextInt(3) == 0 ? 0 : r.nextInt(5);
        if (text == null && refusal == null && callCount == 0 && r.nextInt(4) != 0) {
            callCount = 1 + r.nextInt(4);
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < callCount; i++) {
            calls.add(new Call("call_" + seed + "_" + i + alnum(r, 6), "tool_" + alnum(r, 1 + r.nextInt(8)), arguments(r)));
        }
        int f = r.nextInt(10);
        String finish = f < 7 ? (calls.isEmpty() ? "stop" : "tool_calls") : f < 9 ? "length" : "content_filter";
        CompletionUsage usage = r.nextInt(5) == 0 ? null : usage(r);
        boolean logprobs = text != null && r.nextInt(5) == 0;
        return new Turn(seed, "gpt-test-" + r.nextInt(3), 1_700_000_000L + r.nextInt(10_000_000), reasoning, text, refusal,
                List.copyOf(calls), finish, usage, logprobs);
    }

    static String text(Random r, int minTokens, int maxTokens) {
        int n = minTokens + r.nextInt(maxTokens - minTokens + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            b.append(k < 4 ? WORDS[r.nextInt(WORDS.length)] : k < 7 ? PUNCT[r.nextInt(PUNCT.length)]
                    : k < 9 ? WIDE[r.nextInt(WIDE.length)] : SPECIAL[r.nextInt(SPECIAL.length)]);
        }
        return b.toString();
    }

    private static String alnum(Random r, int n) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }

    /** A JSON object, written by hand, with multi-byte and escaped characters in its strings. */
    static String arguments(Random r) {
        if (r.nextInt(12) == 0) {
            return "{}";
        }
        StringBuilder b = new StringBuilder("{");
        int fields = 1 + r.nextInt(4);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                b.append(r.nextBoolean() ? "," : ", ");
            }
            b.append(StreamTestKit.quote("k" + i + (r.nextBoolean() ? "_é" : ""))).append(':');
            switch (r.nextInt(5)) {
                case 0 -> b.append(StreamTestKit.quote(text(r, 1, 12)));
                case 1 -> b.append(r.nextInt(100_000) - 500);
                case 2 -> b.append('[').append(r.nextBoolean()).append(',').append("null").append(',')
                        .append(StreamTestKit.quote(text(r, 1, 3))).append(']');
                case 3 -> b.append("{\"nested\":").append(StreamTestKit.quote(text(r, 1, 6))).append('}');
                default -> b.append(r.nextDouble());
            }
        }
        return b.append('}').toString();
    }

    private static CompletionUsage usage(Random r) {
        int prompt = 1 + r.nextInt(5000);
        int completion = 1 + r.nextInt(2000);
        PromptTokensDetails p = r.nextInt(6) == 0 ? null : new PromptTokensDetails(r.nextInt(prompt + 1), null, Map.of());
        CompletionTokensDetails c = r.nextInt(6) == 0 ? null
                : new CompletionTokensDetails(r.nextInt(completion + 1), null, null, null, Map.of());
        return new CompletionUsage(prompt, completion, prompt + completion, p, c, Map.of());
    }

    /** {@code s} cut at 0..{@code maxCuts} random code-point boundaries into non-empty pieces. */
    static List<String> split(String s, Random r, int maxCuts) {
        int[] cps = s.codePoints().toArray();
        List<String> pieces = new ArrayList<>();
        if (cps.length == 0) {
            return pieces;
        }
        int cuts = r.nextInt(Math.min(maxCuts, cps.length - 1) + 1);
        java.util.TreeSet<Integer> at = new java.util.TreeSet<>();
        while (at.size() < cuts) {
            at.add(1 + r.nextInt(cps.length - 1));
        }
        int from = 0;
        for (int cut : at) {
            pieces.add(new String(cps, from, cut - from));
            from = cut;
        }
        pieces.add(new String(cps, from, cps.length - from));
        return pieces;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Chat chunk stream

    enum UsagePlacement { NONE, WITH_FINISH, AFTER_FINISH, BEFORE_FINISH }

    /**
     * A rendered Chat stream: the chunks, where the {@code finish_reason} chunk is, the text logprobs in order, and
     * what the rendering chose.
     */
    record ChatRendering(List<ChatCompletionChunk> chunks, int finishIndex, List<TokenLogprob> logprobs,
            boolean interleaved, boolean reasoningWithText, UsagePlacement usage) {
    }

    /** One chunk's worth of delta while rendering. */
    private static final class Piece {
        String role;
        String content;
        String refusal;
        String reasoning;
        List<ChunkToolCall> calls;
        List<TokenLogprob> logprobs;
        String finish;
        boolean noChoices;
    }

    static ChatRendering chatChunks(Turn t, Random r) {
        List<Piece> pieces = new ArrayList<>();
        Piece role = new Piece();
        role.role = "assistant";
        role.content = r.nextBoolean() ? "" : null;
        pieces.add(role);
        Piece lastReasoning = null;
        if (t.reasoning() != null) {
            for (String s : split(t.reasoning(), r, 6)) {
                Piece p = new Piece();
                p.reasoning = s;
                pieces.add(p);
                lastReasoning = p;
            }
        }
        List<TokenLogprob> logprobs = new ArrayList<>();
        boolean reasoningWithText = false;
        if (t.text() != null) {
            boolean first = true;
            for (String s : split(t.text(), r, 12)) {
                Piece p;
                if (first && lastReasoning != null && r.nextInt(3) == 0) {
                    p = lastReasoning;        // one delta with reasoning_content AND content (trap 12)
                    reasoningWithText = true;
                } else if (first && lastReasoning == null && r.nextInt(5) == 0) {
                    p = role;                 // text right in the role chunk
                } else {
                    p = new Piece();
                    pieces.add(p);
                }
                first = false;
                p.content = s;
                if (t.logprobs()) {
                    TokenLogprob l = new TokenLogprob(s, -0.5 * (logprobs.size() + 1), bytes(s), List.of(), Map.of());
                    logprobs.add(l);
                    p.logprobs = List.of(l);
                }
            }
        }
        if (t.refusal() != null) {
            for (String s : split(t.refusal(), r, 5)) {
                Piece p = new Piece();
                p.refusal = s;
                pieces.add(p);
            }
        }
        boolean interleaved = false;
        if (!t.calls().isEmpty()) {
            boolean quirk = r.nextInt(4) == 0;
            List<List<ChunkToolCall>> perCall = new ArrayList<>();
            for (int i = 0; i < t.calls().size(); i++) {
                Call c = t.calls().get(i);
                List<ChunkToolCall> fragments = new ArrayList<>();
                List<String> args = split(c.arguments(), r, r.nextInt(4) == 0 ? 0 : 8);
                boolean argsInFirst = r.nextBoolean();
                fragments.add(new ChunkToolCall(i, c.id(), "function",
                        new ChunkFunction(c.name(), argsInFirst ? args.get(0) : "", Map.of()), Map.of()));
                for (int k = argsInFirst ? 1 : 0; k < args.size(); k++) {
                    fragments.add(new ChunkToolCall(i, quirk ? "" : null, quirk ? "" : null,
                            new ChunkFunction(null, args.get(k), Map.of()), Map.of()));
                }
                perCall.add(fragments);
            }
            List<ChunkToolCall> order = new ArrayList<>();
            if (perCall.size() > 1 && r.nextBoolean()) {
                interleaved = true;
                int[] next = new int[perCall.size()];
                int started = 0;
                while (true) {
                    List<Integer> choices = new ArrayList<>();
                    for (int i = 0; i < perCall.size() && i <= started; i++) {
                        if (next[i] < perCall.get(i).size()) {
                            choices.add(i);
                        }
                    }
                    if (choices.isEmpty()) {
                        break;
                    }
                    int i = choices.get(r.nextInt(choices.size()));
                    order.add(perCall.get(i).get(next[i]++));
                    if (i == started && started < perCall.size() - 1) {
                        started++;
                    }
                }
            } else {
                perCall.forEach(order::addAll);
            }
            for (int i = 0; i < order.size(); i++) {
                Piece p = new Piece();
                p.calls = new ArrayList<>();
                p.calls.add(order.get(i));
                while (i + 1 < order.size() && r.nextInt(5) == 0) {
                    p.calls.add(order.get(++i));    // several fragments in one chunk
                }
                pieces.add(p);
            }
        }
        if (r.nextInt(7) == 0) {
            Piece empty = new Piece();                 // a chunk with no choices key at all
            empty.noChoices = true;
            pieces.add(1 + r.nextInt(pieces.size()), empty);
        }
        Piece last = pieces.get(pieces.size() - 1);
        if (pieces.size() > 1 && !last.noChoices && r.nextInt(3) == 0) {
            last.finish = t.finishReason();            // finish_reason on the last content chunk
        } else {
            Piece f = new Piece();
            f.finish = t.finishReason();
            pieces.add(f);
        }
        UsagePlacement placement = t.usage() == null ? UsagePlacement.NONE : UsagePlacement.values()[1 + r.nextInt(3)];

        String id = "chatcmpl-up" + t.seed();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        int finishIndex = -1;
        for (Piece p : pieces) {
            ChatCompletionChunk.Builder b = ChatCompletionChunk.builder().id(id).object("chat.completion.chunk")
                    .created(t.created()).model(t.model());
            if (p.noChoices) {
                chunks.add(b.build());
                continue;
            }
            if (p.finish != null && placement == UsagePlacement.BEFORE_FINISH) {
                chunks.add(ChatCompletionChunk.builder().id(id).object("chat.completion.chunk").created(t.created())
                        .model(t.model()).choices(List.of()).usage(t.usage()).build());
            }
            ChunkDelta delta = new ChunkDelta(p.role, p.content, p.refusal, p.calls, p.reasoning, null, Map.of());
            ChoiceLogprobs lp = p.logprobs == null ? null : new ChoiceLogprobs(p.logprobs, null, Map.of());
            b.choices(List.of(new ChunkChoice(0, delta, p.finish, lp, Map.of())));
            if (p.finish != null && placement == UsagePlacement.WITH_FINISH) {
                b.usage(t.usage());
            }
            if (p.finish != null) {
                finishIndex = chunks.size();
            }
            chunks.add(b.build());
            if (p.finish != null && placement == UsagePlacement.AFTER_FINISH) {
                chunks.add(ChatCompletionChunk.builder().id(id).object("chat.completion.chunk").created(t.created())
                        .model(t.model()).choices(List.of()).usage(t.usage()).build());
            }
        }
        return new ChatRendering(List.copyOf(chunks), finishIndex, List.copyOf(logprobs), interleaved, reasoningWithText, placement);
    }

    static List<Integer> bytes(String s) {
        List<Integer> out = new ArrayList<>();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.add(b & 0xff);
        }
        return out;
    }

    /** The non-streaming completion with the same content as the rendered stream. */
    static ChatCompletion chatCompletion(Turn t, ChatRendering rendering) {
        List<ChatToolCall> calls = new ArrayList<>();
        for (Call c : t.calls()) {
            calls.add(new FunctionToolCall(c.id(), new FunctionCall(c.name(), c.arguments(), Map.of()), Map.of()));
        }
        ChatCompletionMessage message = new ChatCompletionMessage("assistant", t.text(), t.refusal(),
                calls.isEmpty() ? null : calls, null, t.reasoning(), null, null, Map.of());
        ChoiceLogprobs logprobs = rendering.logprobs().isEmpty() ? null : new ChoiceLogprobs(rendering.logprobs(), null, Map.of());
        return ChatCompletion.builder().id("chatcmpl-up" + t.seed()).object("chat.completion").created(t.created())
                .model(t.model()).choices(List.of(new ChatChoice(0, message, t.finishReason(), logprobs, Map.of())))
                .usage(t.usage()).build();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Responses event stream

    /** How one function call's arguments reach the client. */
    enum CallDelivery { DELTAS, ONE_DELTA, ONLY_ARGUMENTS_DONE, ONLY_ITEM_DONE, ROTATED_ITEM_IDS, ADDED_THEN_FINAL_RESPONSE,
        ONLY_FINAL_RESPONSE }

    record ResponsesRendering(List<ResponseStreamEvent> events, Response response, int terminalIndex,
            List<CallDelivery> deliveries, boolean textOnlyInItemDone, int noiseEvents) {
    }

    static ResponseUsage responseUsage(CompletionUsage u) {
        if (u == null) {
            return null;
        }
        int cached = u.promptTokensDetails() == null || u.promptTokensDetails().cachedTokens() == null ? 0 : u.promptTokensDetails().cachedTokens();
        int reasoning = u.completionTokensDetails() == null || u.completionTokensDetails().reasoningTokens() == null
                ? 0 : u.completionTokensDetails().reasoningTokens();
        return new ResponseUsage(u.promptTokens(), new InputTokensDetails(cached, 0, Map.of()), u.completionTokens(),
                new OutputTokensDetails(reasoning, Map.of()), u.totalTokens(), Map.of());
    }

    /**
     * Renders the turn as a Responses upstream would stream it. {@code recoveryVariants} allows the deliveries
     * where some content reaches only a {@code .done} event or the final response.
     */
    static ResponsesRendering responsesEvents(Turn t, Random r, boolean recoveryVariants) {
        List<ResponseStreamEvent> events = new ArrayList<>();
        int[] seq = {0};
        String respId = "resp_up" + t.seed();
        Response.Builder base = Response.builder().id(respId).object("response").createdAt(t.created()).model(t.model())
                .status("in_progress").output(List.of()).parallelToolCalls(true).tools(List.of()).metadata(Map.of());
        events.add(new ResponseCreatedEvent(seq[0]++, base.build(), Map.of()));
        events.add(new ResponseInProgressEvent(seq[0]++, base.build(), Map.of()));
        List<ResponseItem> output = new ArrayList<>();
        String itemStatus = t.truncated() ? "incomplete" : "completed";
        int noise = 0;

        if (t.reasoning() != null) {
            String id = "rs_up" + t.seed();
            int index = output.size();
            events.add(new OutputItemAddedEvent(seq[0]++, index, new ReasoningItem(id, List.of(), List.of(), null, null, Map.of()), Map.of()));
            ReasoningItem done;
            if (r.nextBoolean()) {
                events.add(new ContentPartAddedEvent(seq[0]++, id, index, 0, new ReasoningTextContent("", Map.of()), Map.of()));
                for (String s : split(t.reasoning(), r, 6)) {
                    events.add(new ReasoningTextDeltaEvent(seq[0]++, id, index, 0, s, Map.of()));
                }
                events.add(new ReasoningTextDoneEvent(seq[0]++, id, index, 0, t.reasoning(), Map.of()));
                events.add(new ContentPartDoneEvent(seq[0]++, id, index, 0, new ReasoningTextContent(t.reasoning(), Map.of()), Map.of()));
                done = new ReasoningItem(id, List.of(), List.of(new ReasoningTextContent(t.reasoning(), Map.of())), null, null, Map.of());
            } else {
                events.add(new ReasoningSummaryPartAddedEvent(seq[0]++, id, index, 0, new SummaryTextContent("", Map.of()), Map.of()));
                for (String s : split(t.reasoning(), r, 6)) {
                    events.add(new ReasoningSummaryTextDeltaEvent(seq[0]++, id, index, 0, s, Map.of()));
                }
                events.add(new ReasoningSummaryTextDoneEvent(seq[0]++, id, index, 0, t.reasoning(), Map.of()));
                events.add(new ReasoningSummaryPartDoneEvent(seq[0]++, id, index, 0, new SummaryTextContent(t.reasoning(), Map.of()), Map.of()));
                done = new ReasoningItem(id, List.of(new SummaryTextContent(t.reasoning(), Map.of())), List.of(), null, null, Map.of());
            }
            events.add(new OutputItemDoneEvent(seq[0]++, index, done, Map.of()));
            output.add(done);
        }
        if (r.nextInt(4) == 0) {
            events.add(noise(r, seq[0]++));
            noise++;
        }

        boolean textOnlyInItemDone = false;
        if (t.text() != null || t.refusal() != null) {
            String id = "msg_up" + t.seed();
            int index = output.size();
            events.add(new OutputItemAddedEvent(seq[0]++, index,
                    new MessageItem(id, "assistant", ResponsesContent.of(List.of()), "in_progress", null, Map.of()), Map.of()));
            List<ResponseContent> parts = new ArrayList<>();
            if (t.text() != null) {
                List<String> pieces = split(t.text(), r, 12);
                List<LogProb> all = new ArrayList<>();
                textOnlyInItemDone = recoveryVariants && r.nextInt(8) == 0;
                int part = parts.size();
                if (!textOnlyInItemDone) {
                    events.add(new ContentPartAddedEvent(seq[0]++, id, index, part,
                            new OutputTextContent("", List.of(), List.of(), Map.of()), Map.of()));
                }
                for (String s : pieces) {
                    List<LogProb> lp = t.logprobs()
                            ? List.of(new LogProb(s, -0.25 * (all.size() + 1), bytes(s), List.of(), Map.of())) : List.of();
                    all.addAll(lp);
                    if (!textOnlyInItemDone) {
                        events.add(new OutputTextDeltaEvent(seq[0]++, id, index, part, s, lp,
                                r.nextInt(3) == 0 ? Map.of("obfuscation", alnum(r, 8)) : Map.of()));
                    }
                }
                OutputTextContent full = new OutputTextContent(t.text(), List.of(), all, Map.of());
                if (!textOnlyInItemDone) {
                    events.add(new OutputTextDoneEvent(seq[0]++, id, index, part, t.text(), all, Map.of()));
                    events.add(new ContentPartDoneEvent(seq[0]++, id, index, part, full, Map.of()));
                }
                parts.add(full);
            }
            if (t.refusal() != null) {
                int part = parts.size();
                events.add(new ContentPartAddedEvent(seq[0]++, id, index, part, new RefusalContent("", Map.of()), Map.of()));
                for (String s : split(t.refusal(), r, 5)) {
                    events.add(new RefusalDeltaEvent(seq[0]++, id, index, part, s, Map.of()));
                }
                events.add(new RefusalDoneEvent(seq[0]++, id, index, part, t.refusal(), Map.of()));
                events.add(new ContentPartDoneEvent(seq[0]++, id, index, part, new RefusalContent(t.refusal(), Map.of()), Map.of()));
                parts.add(new RefusalContent(t.refusal(), Map.of()));
            }
            MessageItem done = new MessageItem(id, "assistant", ResponsesContent.of(parts), itemStatus, null, Map.of());
            events.add(new OutputItemDoneEvent(seq[0]++, index, done, Map.of()));
            output.add(done);
        }

        List<CallDelivery> deliveries = new ArrayList<>();
        boolean finalOnly = false;
        for (int i = 0; i < t.calls().size(); i++) {
            Call c = t.calls().get(i);
            CallDelivery d = finalOnly ? CallDelivery.ONLY_FINAL_RESPONSE : delivery(r, recoveryVariants);
            if (recoveryVariants && d != CallDelivery.ONLY_FINAL_RESPONSE && i == t.calls().size() - 1 && r.nextInt(8) == 0) {
                d = CallDelivery.ADDED_THEN_FINAL_RESPONSE;   // announced, then nothing until response.completed
            }
            finalOnly = d == CallDelivery.ONLY_FINAL_RESPONSE;  // later calls cannot be streamed before it
            deliveries.add(d);
            String id = "fc_up" + t.seed() + "_" + i;
            int index = output.size();
            FunctionCallItem done = new FunctionCallItem(id, c.id(), c.name(), c.arguments(), itemStatus, null, Map.of());
            output.add(done);
            if (d == CallDelivery.ONLY_FINAL_RESPONSE) {
                continue;
            }
            events.add(new OutputItemAddedEvent(seq[0]++, index,
                    new FunctionCallItem(id, c.id(), c.name(), "", "in_progress", null, Map.of()), Map.of()));
            String deltaId = d == CallDelivery.ROTATED_ITEM_IDS ? "fc_rotated" + seq[0] : id;
            if (d == CallDelivery.DELTAS || d == CallDelivery.ROTATED_ITEM_IDS) {
                for (String s : split(c.arguments(), r, 8)) {
                    events.add(new FunctionCallArgumentsDeltaEvent(seq[0]++, deltaId, index, s, Map.of()));
                }
            } else if (d == CallDelivery.ONE_DELTA) {
                events.add(new FunctionCallArgumentsDeltaEvent(seq[0]++, id, index, c.arguments(), Map.of()));
            }
            if (d == CallDelivery.ADDED_THEN_FINAL_RESPONSE) {
                continue;
            }
            if (d != CallDelivery.ONLY_ITEM_DONE) {
                events.add(new FunctionCallArgumentsDoneEvent(seq[0]++, deltaId, index, c.name(), c.arguments(), Map.of()));
            }
            events.add(new OutputItemDoneEvent(seq[0]++, index, done, Map.of()));
            if (r.nextInt(6) == 0) {
                events.add(noise(r, seq[0]++));
                noise++;
            }
        }

        Response.Builder end = base.status(t.status()).output(List.copyOf(output)).usage(responseUsage(t.usage()))
                .completedAt(t.truncated() ? null : t.created() + 7);
        if (t.truncated()) {
            end.incompleteDetails(new IncompleteDetails(t.incompleteReason(), Map.of()));
        }
        Response response = end.build();
        int terminalIndex = events.size();
        events.add(t.truncated() ? new ResponseIncompleteEvent(seq[0]++, response, Map.of())
                : new ResponseCompletedEvent(seq[0]++, response, Map.of()));
        return new ResponsesRendering(List.copyOf(events), response, terminalIndex, List.copyOf(deliveries), textOnlyInItemDone, noise);
    }

    private static CallDelivery delivery(Random r, boolean recoveryVariants) {
        int k = r.nextInt(recoveryVariants ? 10 : 6);
        return switch (k) {
            case 0, 1, 2, 3 -> CallDelivery.DELTAS;
            case 4 -> CallDelivery.ONE_DELTA;
            case 5 -> CallDelivery.ROTATED_ITEM_IDS;
            case 6, 7 -> CallDelivery.ONLY_ARGUMENTS_DONE;
            case 8 -> CallDelivery.ONLY_ITEM_DONE;
            default -> CallDelivery.ONLY_FINAL_RESPONSE;
        };
    }

    /** Events with no Chat equivalent: a keep-alive, an unknown type, hosted-tool progress. */
    private static ResponseStreamEvent noise(Random r, int seq) {
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (r.nextInt(3)) {
            case 0 -> fields.put("type", "keepalive");
            case 1 -> {
                fields.put("type", "response.future_feature.delta");
                fields.put("delta", "x");
            }
            default -> {
                fields.put("type", "response.web_search_call.searching");
                fields.put("item_id", "ws_1");
                fields.put("output_index", 99);
            }
        }
        fields.put("sequence_number", seq);
        return "response.web_search_call.searching".equals(fields.get("type")) ? new HostedToolEvent(fields) : new UnknownEvent(fields);
    }
}
