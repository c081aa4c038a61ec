package dev.crosswalk.translator.stream;

import static dev.crosswalk.translator.stream.StreamTestKit.codec;
import static dev.crosswalk.translator.stream.StreamTestKit.list;
import static dev.crosswalk.translator.stream.StreamTestKit.map;
import static dev.crosswalk.translator.stream.StreamTestKit.options;
import static dev.crosswalk.translator.stream.StreamTestKit.responsesJsonToChat;
import static dev.crosswalk.translator.stream.StreamTestKit.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.ChatStreamChecker.Assembled;
import dev.crosswalk.testkit.ChatStreamChecker;
import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.CompletionTokensDetails;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.PromptTokensDetails;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.HostedToolEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.responses.events.UnknownEvent;
import dev.crosswalk.translator.stream.StreamTestKit.ChatRun;
import dev.crosswalk.translator.stream.StreamTestKit.Parsed;
import dev.crosswalk.translator.stream.TurnGenerator.ResponsesRendering;
import dev.crosswalk.translator.stream.TurnGenerator.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link ResponsesToChatStream} over generated assistant turns rendered as Responses event streams
 * by {@link TurnGenerator#responsesEvents} (deltas, one big delta, arguments only in {@code .done} or only in
 * {@code output_item.done} or only in the final response, rotated item ids, noise events). Each seed rebuilds its
 * case: {@code turn(seed, new Random(seed))}, then {@code responsesEvents(turn, sameRandom, true)}.
 */
class ResponsesToChatStreamPropertyTest {
    static final int SEEDS = 500;

    /** Responses upstreams always report usage; a turn without any gets some. */
    static Turn withUsage(Turn t, Random r) {
        if (t.usage() != null) {
            return t;
        }
        CompletionUsage u = new CompletionUsage(10, 20, 30, new PromptTokensDetails(r.nextInt(11), null, Map.of()),
                new CompletionTokensDetails(r.nextInt(21), null, null, null, Map.of()), Map.of());
        return new Turn(t.seed(), t.model(), t.created(), t.reasoning(), t.text(), t.refusal(), t.calls(), t.finishReason(), u,
                t.logprobs());
    }

    static List<String> json(JsonCodec codec, List<ResponseStreamEvent> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(codec.write(e)));
        return out;
    }

    static String ctx(long seed, Turn t, ResponsesRendering rr, boolean reasoning, boolean includeUsage, JsonCodec codec) {
        return "seed " + seed + " " + t + " deliveries=" + rr.deliveries() + " textOnlyInItemDone=" + rr.textOnlyInItemDone()
                + " noise=" + rr.noiseEvents() + " reasoningOption=" + reasoning + " includeUsage=" + includeUsage + " codec=" + codec.name();
    }

    /**
     * The translated chunks keep the Chat stream rules, carry exactly the generated content (whatever event carried
     * it), and reassemble into the non-streaming translation of the final response.
     */
    @Test
    void translatedChunksKeepInvariantsAndEqualNonStreamingTranslation() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = withUsage(TurnGenerator.turn(seed, r), r);
            ResponsesRendering rr = TurnGenerator.responsesEvents(t, r, true);
            boolean reasoning = r.nextBoolean();
            boolean includeUsage = r.nextBoolean();
            JsonCodec codec = codec(seed);
            String ctx = ctx(seed, t, rr, reasoning, includeUsage, codec);

            ChatRun run = responsesJsonToChat(options(codec, reasoning), includeUsage, json(codec, rr.events()), true);
            Assembled a = ChatStreamChecker.check(run.payloads(), includeUsage, ctx);

            assertThat(a.error()).as(ctx + ": a good stream must not fail").isNull();
            assertThat(a.finishReason()).as(ctx + ": finish_reason").isEqualTo(t.chatFinishReason());
            assertThat(a.content()).as(ctx + ": content").isEqualTo(t.text());
            assertThat(a.refusal()).as(ctx + ": refusal").isEqualTo(t.refusal());
            assertThat(a.reasoning()).as(ctx + ": reasoning_content").isEqualTo(reasoning ? t.reasoning() : null);
            assertThat(a.calls()).as(ctx + ": tool call count").hasSize(t.calls().size());
            for (int i = 0; i < t.calls().size(); i++) {
                assertThat(a.calls().get(i).id()).as(ctx + " call " + i + " id").isEqualTo(t.calls().get(i).id());
                assertThat(a.calls().get(i).name()).as(ctx + " call " + i + " name").isEqualTo(t.calls().get(i).name());
                assertThat(a.calls().get(i).arguments()).as(ctx + " call " + i + " arguments").isEqualTo(t.calls().get(i).arguments());
            }
            assertThat(a.created()).as(ctx).isEqualTo(t.created());
            assertThat(a.model()).as(ctx).isEqualTo(t.model());
            if (includeUsage) {
                Map<String, Object> u = a.usage();
                assertThat(u.get("prompt_tokens")).as(ctx).isEqualTo(t.usage().promptTokens());
                assertThat(u.get("completion_tokens")).as(ctx).isEqualTo(t.usage().completionTokens());
                assertThat(u.get("total_tokens")).as(ctx).isEqualTo(t.usage().totalTokens());
                int cached = t.usage().promptTokensDetails() == null ? 0 : t.usage().promptTokensDetails().cachedTokens();
                assertThat(map(u.get("prompt_tokens_details")).get("cached_tokens")).as(ctx + ": cached tokens").isEqualTo(cached);
            }

            // only events with no Chat equivalent reach the ignored listener
            for (ResponseStreamEvent ignored : run.ignored()) {
                boolean noise = ignored instanceof UnknownEvent || ignored instanceof HostedToolEvent;
                boolean droppedReasoning = !reasoning
                        && (ignored instanceof ReasoningTextDeltaEvent || ignored instanceof ReasoningSummaryTextDeltaEvent);
                assertThat(noise || droppedReasoning).as(ctx + ": reported as ignored: " + ignored.type()).isTrue();
            }
            assertThat(run.ignored().stream().filter(e -> e instanceof UnknownEvent || e instanceof HostedToolEvent).count())
                    .as(ctx + ": every noise event is reported").isEqualTo(rr.noiseEvents());

            // chunk by chunk == the non-streaming translation of the final response
            ChatCompletion nonStreaming = Crosswalk.translator(options(codec, reasoning)).toChat(rr.response()).value();
            Map<String, Object> expected = tree(codec, codec.write(nonStreaming));
            Map<String, Object> choice = map(list(expected.get("choices")).get(0));
            Map<String, Object> message = map(choice.get("message"));
            assertThat(a.content()).as(ctx + ": vs non-streaming content").isEqualTo(message.get("content"));
            assertThat(a.refusal()).as(ctx + ": vs non-streaming refusal").isEqualTo(message.get("refusal"));
            assertThat(a.reasoning()).as(ctx + ": vs non-streaming reasoning").isEqualTo(message.get("reasoning_content"));
            assertThat(a.finishReason()).as(ctx + ": vs non-streaming finish").isEqualTo(choice.get("finish_reason"));
            List<Object> calls = message.get("tool_calls") == null ? List.of() : list(message.get("tool_calls"));
            assertThat(a.calls()).as(ctx).hasSize(calls.size());
            for (int i = 0; i < calls.size(); i++) {
                Map<String, Object> call = map(calls.get(i));
                assertThat(a.calls().get(i).id()).as(ctx).isEqualTo(call.get("id"));
                assertThat(a.calls().get(i).type()).as(ctx).isEqualTo(call.get("type"));
                assertThat(a.calls().get(i).name()).as(ctx).isEqualTo(map(call.get("function")).get("name"));
                assertThat(a.calls().get(i).arguments()).as(ctx).isEqualTo(map(call.get("function")).get("arguments"));
            }
            List<Object> logprobs = choice.get("logprobs") == null ? List.of() : list(map(choice.get("logprobs")).get("content"));
            assertThat(a.logprobs()).as(ctx + ": vs non-streaming logprobs").isEqualTo(logprobs);
            if (includeUsage) {
                assertThat(a.usage()).as(ctx + ": vs non-streaming usage").isEqualTo(expected.get("usage"));
            }
            assertThat(a.created()).as(ctx).isEqualTo(expected.get("created") instanceof Number n ? n.longValue() : null);
            assertThat(run.stream().finished()).as(ctx).isTrue();
        }
    }

    /** Cut anywhere before the terminal event: an error payload and [DONE], never a finish_reason. */
    @Test
    void streamCutBeforeTerminalEventFails() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = withUsage(TurnGenerator.turn(seed, r), r);
            ResponsesRendering rr = TurnGenerator.responsesEvents(t, r, true);
            JsonCodec codec = codec(seed);
            List<String> events = json(codec, rr.events());
            for (int cut : new int[] {r.nextInt(rr.terminalIndex() + 1), rr.terminalIndex()}) {
                boolean includeUsage = r.nextBoolean();
                String ctx = ctx(seed, t, rr, true, includeUsage, codec) + " cut=" + cut + "/" + events.size();
                ChatRun run = responsesJsonToChat(options(codec, true), includeUsage, events.subList(0, cut), true);
                Assembled a = ChatStreamChecker.check(run.payloads(), includeUsage, ctx);
                assertThat(a.error()).as(ctx + ": must fail").isNotNull();
                assertThat(a.finishReason()).as(ctx).isNull();
                assertThat(run.stream().started()).as(ctx + ": started() iff a chunk went out").isEqualTo(a.chunkCount() > 0);
                assertThat(run.stream().onEnd()).as(ctx + ": nothing after the end").isEmpty();
                assertThat(run.stream().onEvent(rr.events().get(rr.terminalIndex()))).as(ctx).isEmpty();
            }
        }
    }

    /** The Responses SSE text cut at random byte positions (inside characters too) translates like the events. */
    @Test
    void sseSplitAtRandomBytesTranslatesLikeTheEvents() {
        int inside = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = withUsage(TurnGenerator.turn(seed, r), r);
            ResponsesRendering rr = TurnGenerator.responsesEvents(t, r, true);
            JsonCodec codec = codec(seed);
            String ctx = ctx(seed, t, rr, false, true, codec);
            List<String> events = json(codec, rr.events());
            List<String> types = new ArrayList<>();
            rr.events().forEach(e -> types.add(e.type()));
            Parsed parsed = StreamTestKit.parseInPieces(StreamTestKit.responsesSse(types, events), r);
            inside += parsed.cutsInsideCharacters();
            assertThat(parsed.data()).as(ctx + ": SSE data").isEqualTo(events);
            for (int i = 0; i < types.size(); i++) {
                assertThat(parsed.events().get(i).event()).as(ctx + ": SSE event name").isEqualTo(types.get(i));
            }
            ChatRun viaSse = responsesJsonToChat(options(codec), true, parsed.data(), true);
            ChatRun direct = StreamTestKit.responsesToChat(options(codec), true, rr.events(), true);
            assertThat(viaSse.payloads()).as(ctx).isEqualTo(direct.payloads());
        }
        assertThat(inside).as("cuts inside multi-byte characters over all seeds").isGreaterThan(SEEDS);
    }
}
