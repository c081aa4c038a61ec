package dev.crosswalk.translator.stream;

import static dev.crosswalk.translator.stream.StreamTestKit.chatJsonToResponses;
import static dev.crosswalk.translator.stream.StreamTestKit.codec;
import static dev.crosswalk.translator.stream.StreamTestKit.list;
import static dev.crosswalk.translator.stream.StreamTestKit.map;
import static dev.crosswalk.translator.stream.StreamTestKit.options;
import static dev.crosswalk.translator.stream.StreamTestKit.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.ResponsesStreamChecker;
import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.stream.StreamTestKit.Parsed;
import dev.crosswalk.translator.stream.StreamTestKit.ResponsesRun;
import dev.crosswalk.translator.stream.TurnGenerator.Call;
import dev.crosswalk.translator.stream.TurnGenerator.ChatRendering;
import dev.crosswalk.translator.stream.TurnGenerator.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link ChatToResponsesStream} over generated assistant turns rendered as Chat chunk streams
 * (docs/architecture.md §7 stream invariants, both codecs alternating by seed). Each seed rebuilds its case:
 * {@code TurnGenerator.turn(seed, new Random(seed))} then {@code chatChunks(turn, sameRandom)}.
 */
class ChatToResponsesStreamPropertyTest {
    static final int SEEDS = 500;

    static ResponsesRequest request(Turn t, Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> ResponsesRequest.builder().model(t.model()).build();
            default -> ResponsesRequest.builder().model(t.model()).temperature(0.25).topP(0.5).maxOutputTokens(512)
                    .metadata(Map.of("trace", "t-" + t.seed())).user("u-1").build();
        };
    }

    static List<String> json(JsonCodec codec, ChatRendering rendering) {
        List<String> out = new ArrayList<>();
        rendering.chunks().forEach(c -> out.add(codec.write(c)));
        return out;
    }

    static String ctx(long seed, Turn t, ChatRendering cr, boolean reasoning, JsonCodec codec) {
        return "seed " + seed + " " + t + " interleaved=" + cr.interleaved() + " reasoningWithText=" + cr.reasoningWithText()
                + " usage=" + cr.usage() + " reasoningOption=" + reasoning + " codec=" + codec.name();
    }

    /**
     * The translated stream keeps every invariant of docs/architecture.md §7, carries exactly the generated content, and its final
     * response equals the non-streaming translation of the same completion (ids aside).
     */
    @Test
    void translatedStreamKeepsInvariantsAndEqualsNonStreamingTranslation() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = TurnGenerator.turn(seed, r);
            ChatRendering cr = TurnGenerator.chatChunks(t, r);
            boolean reasoning = r.nextBoolean();
            ResponsesRequest request = request(t, r);
            JsonCodec codec = codec(seed);
            String ctx = ctx(seed, t, cr, reasoning, codec);

            ResponsesRun run = chatJsonToResponses(options(codec, reasoning), request, json(codec, cr), true);
            ResponsesStreamChecker.Result result = ResponsesStreamChecker.check(run.trees(), ctx);

            // the ending (traps 7, 8): truncation is incomplete with its reason, never completed, never failed
            assertThat(result.terminalType()).as(ctx).isEqualTo(t.truncated() ? "response.incomplete" : "response.completed");
            if (t.truncated()) {
                assertThat(map(result.response().get("incomplete_details")).get("reason")).as(ctx).isEqualTo(t.incompleteReason());
            }
            assertThat(run.stream().finished()).as(ctx).isTrue();
            assertThat(run.stream().failed()).as(ctx).isFalse();

            // the content, against the generated turn itself
            assertThat(result.text()).as(ctx).isEqualTo(t.text() == null ? "" : t.text());
            List<Map<String, Object>> calls = result.items("function_call");
            assertThat(calls).as(ctx + ": function_call items").hasSize(t.calls().size());
            for (int i = 0; i < calls.size(); i++) {
                Call expected = t.calls().get(i);
                assertThat(calls.get(i).get("call_id")).as(ctx + " call " + i).isEqualTo(expected.id());
                assertThat(calls.get(i).get("name")).as(ctx + " call " + i).isEqualTo(expected.name());
                assertThat(calls.get(i).get("arguments")).as(ctx + " call " + i + " arguments").isEqualTo(expected.arguments());
            }
            StringBuilder refusal = new StringBuilder();
            for (Map<String, Object> m : result.items("message")) {
                for (Object part : list(m.get("content"))) {
                    if ("refusal".equals(map(part).get("type"))) {
                        refusal.append(map(part).get("refusal"));
                    }
                }
            }
            assertThat(refusal.toString()).as(ctx + ": refusal").isEqualTo(t.refusal() == null ? "" : t.refusal());
            List<Map<String, Object>> reasoningItems = result.items("reasoning");
            if (reasoning && t.reasoning() != null) {
                assertThat(reasoningItems).as(ctx).hasSize(1);
                assertThat(map(list(reasoningItems.get(0).get("content")).get(0)).get("text")).as(ctx).isEqualTo(t.reasoning());
            } else {
                assertThat(reasoningItems).as(ctx + ": no reasoning item unless opted in").isEmpty();
            }
            if (!reasoning && t.reasoning() != null) {
                assertThat(run.stream().warnings()).as(ctx + ": dropped reasoning is reported").isNotEmpty();
            }
            if (t.text() == null && t.refusal() == null) {
                assertThat(result.items("message")).as(ctx + ": no ghost message in a tool-only turn").isEmpty();
                assertThat(result.count("response.output_text.done") + result.count("response.content_part.done"))
                        .as(ctx + ": no ghost done events in a tool-only turn").isZero();
            }

            // usage (trap 7): kept, with cached and reasoning tokens, wherever the usage chunk came
            assertUsage(result.response().get("usage"), t.usage(), ctx);

            // a stream translated chunk by chunk equals the non-streaming translation of the same content
            Response nonStreaming = Crosswalk.translator(options(codec, reasoning))
                    .toResponses(TurnGenerator.chatCompletion(t, cr), request).value();
            assertThat(ResponsesStreamChecker.withoutMintedIds(result.response())).as(ctx + ": stream vs non-streaming")
                    .isEqualTo(ResponsesStreamChecker.withoutMintedIds(tree(codec, codec.write(nonStreaming))));
            assertThat(tree(codec, codec.write(run.stream().response()))).as(ctx + ": response() after the end")
                    .isEqualTo(result.response());
        }
    }

    static void assertUsage(Object usage, CompletionUsage expected, String ctx) {
        if (expected == null) {
            assertThat(usage).as(ctx + ": usage when the upstream sent none").isNull();
            return;
        }
        Map<String, Object> u = map(usage);
        assertThat(u).as(ctx + ": usage lost").isNotNull();
        assertThat(u.get("input_tokens")).as(ctx).isEqualTo(expected.promptTokens());
        assertThat(u.get("output_tokens")).as(ctx).isEqualTo(expected.completionTokens());
        assertThat(u.get("total_tokens")).as(ctx).isEqualTo(expected.totalTokens());
        int cached = expected.promptTokensDetails() == null ? 0 : expected.promptTokensDetails().cachedTokens();
        assertThat(map(u.get("input_tokens_details")).get("cached_tokens")).as(ctx + ": cached tokens").isEqualTo(cached);
        assertThat(map(u.get("input_tokens_details")).get("cache_write_tokens")).as(ctx).isEqualTo(0);
        int reasoning = expected.completionTokensDetails() == null ? 0 : expected.completionTokensDetails().reasoningTokens();
        assertThat(map(u.get("output_tokens_details")).get("reasoning_tokens")).as(ctx + ": reasoning tokens").isEqualTo(reasoning);
    }

    /** Cut anywhere before the finish_reason chunk: error, then response.failed; never completed or incomplete. */
    @Test
    void streamCutBeforeFinishReasonFails() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = TurnGenerator.turn(seed, r);
            ChatRendering cr = TurnGenerator.chatChunks(t, r);
            JsonCodec codec = codec(seed);
            List<String> chunks = json(codec, cr);
            for (int cut : new int[] {r.nextInt(cr.finishIndex() + 1), cr.finishIndex()}) {
                String ctx = ctx(seed, t, cr, true, codec) + " cut=" + cut + "/" + chunks.size();
                ResponsesRun run = chatJsonToResponses(options(codec, true), null, chunks.subList(0, cut), true);
                ResponsesStreamChecker.Result result = ResponsesStreamChecker.check(run.trees(), ctx);
                assertThat(result.terminalType()).as(ctx).isEqualTo("response.failed");
                assertThat(run.types()).as(ctx).doesNotContain("response.completed", "response.incomplete");
                Map<String, Object> error = run.trees().get(run.trees().size() - 2);
                assertThat(error.get("type")).as(ctx).isEqualTo("error");
                assertThat(map(result.response().get("error")).get("message")).as(ctx).isEqualTo(error.get("message"));
                assertThat(run.stream().failed()).as(ctx).isTrue();
                // nothing more after the end
                assertThat(run.stream().onEnd()).as(ctx).isEmpty();
                assertThat(run.stream().onChunk(cr.chunks().get(cr.finishIndex()))).as(ctx).isEmpty();
            }
        }
    }

    /**
     * The Chat SSE text, cut at random byte positions (inside multi-byte characters too) and parsed with
     * {@link dev.crosswalk.translator.sse.SseParser}, translates exactly like the chunks themselves.
     */
    @Test
    void sseSplitAtRandomBytesTranslatesLikeTheChunks() {
        int inside = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = TurnGenerator.turn(seed, r);
            ChatRendering cr = TurnGenerator.chatChunks(t, r);
            JsonCodec codec = codec(seed);
            String ctx = ctx(seed, t, cr, false, codec);
            List<String> chunks = json(codec, cr);
            Parsed parsed = StreamTestKit.parseInPieces(StreamTestKit.chatSse(chunks, true), r);
            inside += parsed.cutsInsideCharacters();
            List<String> data = parsed.data();
            assertThat(data.get(data.size() - 1)).as(ctx).isEqualTo("[DONE]");
            assertThat(data.subList(0, data.size() - 1)).as(ctx + ": SSE data").isEqualTo(chunks);

            ResponsesRun viaSse = chatJsonToResponses(options(codec), null, data.subList(0, data.size() - 1), true);
            ResponsesRun direct = StreamTestKit.chatToResponses(options(codec), null, cr.chunks(), true);
            assertThat(viaSse.json()).as(ctx).isEqualTo(direct.json());
            ResponsesStreamChecker.check(viaSse.trees(), ctx);
        }
        assertThat(inside).as("cuts inside multi-byte characters over all seeds").isGreaterThan(SEEDS);
    }
}
