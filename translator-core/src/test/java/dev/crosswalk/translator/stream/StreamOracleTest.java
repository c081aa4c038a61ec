package dev.crosswalk.translator.stream;

import static dev.crosswalk.translator.stream.StreamTestKit.CODECS;
import static dev.crosswalk.translator.stream.StreamTestKit.JACKSON2;
import static dev.crosswalk.translator.stream.StreamTestKit.chatJsonToResponses;
import static dev.crosswalk.translator.stream.StreamTestKit.list;
import static dev.crosswalk.translator.stream.StreamTestKit.map;
import static dev.crosswalk.translator.stream.StreamTestKit.options;
import static dev.crosswalk.translator.stream.StreamTestKit.recorded;
import static dev.crosswalk.translator.stream.StreamTestKit.responsesJsonToChat;
import static dev.crosswalk.translator.stream.StreamTestKit.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.ChatStreamChecker;
import dev.crosswalk.testkit.ResponsesStreamChecker;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.oracle.OpenAiOracle;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.stream.StreamTestKit.ChatRun;
import dev.crosswalk.translator.stream.StreamTestKit.ResponsesRun;
import dev.crosswalk.translator.stream.TurnGenerator.ChatRendering;
import dev.crosswalk.translator.stream.TurnGenerator.ResponsesRendering;
import dev.crosswalk.translator.stream.TurnGenerator.Turn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Design §7 "Oracle": every translated event and chunk, written by both codecs, parses and validates with the
 * official openai-java models (no unknown property), and the SDK's own accumulators reassemble the translated
 * stream into the content the input carried. Inputs: the recorded live streams and generated turns.
 */
class StreamOracleTest {
    static final int SEEDS = 300;

    /** What a finished answer holds, in protocol-neutral words. */
    record Content(String text, String refusal, List<List<String>> calls, String ending) {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading the SDK's accumulated objects

    static Content of(Response sdk) {
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = new StringBuilder();
        List<List<String>> calls = new ArrayList<>();
        for (ResponseOutputItem item : sdk.output()) {
            if (item.isMessage()) {
                for (ResponseOutputMessage.Content c : item.asMessage().content()) {
                    if (c.isOutputText()) {
                        text.append(c.asOutputText().text());
                    } else if (c.isRefusal()) {
                        refusal.append(c.asRefusal().refusal());
                    }
                }
            } else if (item.isFunctionCall()) {
                ResponseFunctionToolCall f = item.asFunctionCall();
                calls.add(List.of(f.callId(), f.name(), f.arguments()));
            }
        }
        String status = sdk.status().orElseThrow().asString();
        String ending = switch (status) {
            case "completed" -> calls.isEmpty() ? "stop" : "tool_calls";
            case "incomplete" -> "max_output_tokens".equals(sdk.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
                    ? "length" : "content_filter";
            default -> status;
        };
        return new Content(text.toString(), refusal.toString(), calls, ending);
    }

    static Content of(ChatCompletion sdk) {
        var message = sdk.choices().get(0).message();
        List<List<String>> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall c : message.toolCalls().orElse(List.of())) {
            calls.add(List.of(c.asFunction().id(), c.asFunction().function().name(), c.asFunction().function().arguments()));
        }
        String finish = sdk.choices().get(0).finishReason().asString();
        return new Content(message.content().orElse(""), message.refusal().orElse(""), calls, finish);
    }

    static Content of(Turn t) {
        List<List<String>> calls = new ArrayList<>();
        t.calls().forEach(c -> calls.add(List.of(c.id(), c.name(), c.arguments())));
        return new Content(t.text() == null ? "" : t.text(), t.refusal() == null ? "" : t.refusal(), calls, t.chatFinishReason());
    }

    /** The content of a Responses terminal event's response, read from its JSON (the input side). */
    static Content ofResponseJson(Map<String, Object> response) {
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = new StringBuilder();
        List<List<String>> calls = new ArrayList<>();
        for (Object o : list(response.get("output"))) {
            Map<String, Object> item = map(o);
            if ("message".equals(item.get("type"))) {
                for (Object p : list(item.get("content"))) {
                    Map<String, Object> part = map(p);
                    if ("output_text".equals(part.get("type"))) {
                        text.append(part.get("text"));
                    } else if ("refusal".equals(part.get("type"))) {
                        refusal.append(part.get("refusal"));
                    }
                }
            } else if ("function_call".equals(item.get("type"))) {
                calls.add(List.of((String) item.get("call_id"), (String) item.get("name"), (String) item.get("arguments")));
            }
        }
        String ending = "incomplete".equals(response.get("status"))
                ? ("content_filter".equals(map(response.get("incomplete_details")).get("reason")) ? "content_filter" : "length")
                : calls.isEmpty() ? "stop" : "tool_calls";
        return new Content(text.toString(), refusal.toString(), calls, ending);
    }

    /** Recorded input chunks may carry fields the SDK does not model (obfuscation): drop them to accumulate the input. */
    static List<String> sdkReadable(List<String> chunkJsons) {
        List<String> out = new ArrayList<>();
        for (String json : chunkJsons) {
            out.add(JACKSON2.write(StreamTestKit.without(tree(JACKSON2, json), Set.of("obfuscation"))));
        }
        return out;
    }

    static List<String> sseChunks(String resource) {
        List<String> data = new ArrayList<>();
        for (SseEvent e : StreamTestKit.parseInPieces(StreamTestKit.resource(resource).getBytes(StandardCharsets.UTF_8),
                new Random(1)).events()) {
            if (!e.isDone()) {
                data.add(e.data());
            }
        }
        return data;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Recorded streams

    /** Recorded live Chat streams → events the SDK accepts, reassembling to what the SDK reassembles from the input. */
    @ParameterizedTest
    @ValueSource(strings = {"chatstream-01-text-with-usage.jsonl", "chatstream-02-parallel-tool-calls.jsonl",
            "chatstream-03-refusal.jsonl", "chatstream-04-length.jsonl", "chatstream-05-logprobs.jsonl",
            "chatstream-07-single-tool-call-no-usage.jsonl", "chatstream-08-content-filter.jsonl",
            "chatstream-09-raw-sse-refusal-obfuscation.sse", "chatstream-10-reasoning-model-usage.jsonl"})
    void recordedChatStreams(String name) {
        List<String> input = name.endsWith(".sse") ? sseChunks(name) : recorded(name);
        ChatCompletion upstream = OpenAiOracle.accumulateChatChunks(sdkReadable(input));
        Content expected = of(upstream);
        List<List<String>> perCodec = new ArrayList<>();
        for (JsonCodec codec : CODECS) {
            String ctx = name + " " + codec.name();
            ResponsesRun run = chatJsonToResponses(options(codec), null, input, true);
            ResponsesStreamChecker.check(run.trees(), ctx);
            Response sdk = OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json()));
            assertThat(of(sdk)).as(ctx).isEqualTo(expected);
            upstream.usage().ifPresent(u -> {
                var usage = sdk.usage().orElseThrow();
                assertThat(usage.inputTokens()).as(ctx).isEqualTo(u.promptTokens());
                assertThat(usage.outputTokens()).as(ctx).isEqualTo(u.completionTokens());
                assertThat(usage.totalTokens()).as(ctx).isEqualTo(u.totalTokens());
                assertThat(usage.outputTokensDetails().reasoningTokens()).as(ctx)
                        .isEqualTo(u.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L));
            });
            perCodec.add(run.json());
        }
        assertThat(perCodec.get(1)).as(name + ": jackson3 writes what jackson2 writes").isEqualTo(perCodec.get(0));
    }

    /** Recorded live (or constructed) Responses streams → chunks the SDK accepts and reassembles to the final output. */
    @ParameterizedTest
    @ValueSource(strings = {"respstream-01-text.jsonl", "respstream-02-function-call.jsonl",
            "respstream-03-reasoning-summary-then-text.partial.jsonl", "respstream-04-text-logprobs.jsonl",
            "respstream-05-background-queued.partial.jsonl", "respstream-06-refusal.jsonl",
            "respstream-07-incomplete-max-output-tokens.jsonl", "respstream-08-incomplete-content-filter.jsonl",
            "respstream-10-parallel-function-calls.jsonl", "respstream-11-reasoning-encrypted-then-text.partial.jsonl"})
    void recordedResponsesStreams(String name) {
        List<String> input = recorded(name);
        Map<String, Object> terminal = map(tree(JACKSON2, input.get(input.size() - 1)).get("response"));
        Content expected = ofResponseJson(terminal);
        Map<String, Object> usage = map(terminal.get("usage"));
        for (JsonCodec codec : CODECS) {
            for (boolean includeUsage : new boolean[] {false, true}) {
                String ctx = name + " " + codec.name() + " include_usage=" + includeUsage;
                ChatRun run = responsesJsonToChat(options(codec), includeUsage, input, true);
                ChatStreamChecker.check(run.payloads(), includeUsage, ctx);
                ChatCompletion sdk = OpenAiOracle.accumulateChatChunks(run.chunkJsons());
                assertThat(of(sdk)).as(ctx).isEqualTo(expected);
                if (includeUsage) {
                    var u = sdk.usage().orElseThrow();
                    assertThat(u.promptTokens()).as(ctx).isEqualTo(((Number) usage.get("input_tokens")).longValue());
                    assertThat(u.completionTokens()).as(ctx).isEqualTo(((Number) usage.get("output_tokens")).longValue());
                    assertThat(u.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow())
                            .as(ctx).isEqualTo(((Number) map(usage.get("input_tokens_details")).get("cached_tokens")).longValue());
                } else {
                    assertThat(sdk.usage()).as(ctx).isEmpty();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Generated streams

    /** Generated Chat streams, both codecs: every event passes the oracle, the SDK reassembles the generated turn. */
    @Test
    void generatedChatStreamsPassTheOracle() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = TurnGenerator.turn(seed, r);
            ChatRendering cr = TurnGenerator.chatChunks(t, r);
            boolean reasoning = r.nextBoolean();
            List<List<String>> perCodec = new ArrayList<>();
            for (JsonCodec codec : CODECS) {
                String ctx = "seed " + seed + " " + t + " reasoningOption=" + reasoning + " codec=" + codec.name();
                List<String> chunks = new ArrayList<>();
                cr.chunks().forEach(c -> chunks.add(codec.write(c)));
                ResponsesRun run = chatJsonToResponses(options(codec, reasoning), null, chunks, true);
                Response sdk;
                try {
                    sdk = OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json()));
                } catch (AssertionError e) {
                    throw new AssertionError(ctx + ": " + e.getMessage(), e);
                }
                assertThat(of(sdk)).as(ctx).isEqualTo(of(t));
                if (t.usage() != null) {
                    assertThat(sdk.usage().orElseThrow().inputTokensDetails().cachedTokens()).as(ctx + ": cached tokens")
                            .isEqualTo(t.usage().promptTokensDetails() == null ? 0 : t.usage().promptTokensDetails().cachedTokens());
                }
                long reasoningItems = sdk.output().stream().filter(ResponseOutputItem::isReasoning).count();
                assertThat(reasoningItems).as(ctx).isEqualTo(reasoning && t.reasoning() != null ? 1 : 0);
                perCodec.add(run.json());

                // the same stream cut before its finish_reason: failed events that the SDK accepts too
                int cut = r.nextInt(cr.finishIndex() + 1);
                ResponsesRequest request = ResponsesRequest.builder().model(t.model()).build();
                ResponsesRun failed = chatJsonToResponses(options(codec, reasoning), request, chunks.subList(0, cut), true);
                Response sdkFailed;
                try {
                    sdkFailed = OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(failed.json()));
                } catch (AssertionError e) {
                    throw new AssertionError(ctx + " cut=" + cut + ": " + e.getMessage(), e);
                }
                assertThat(sdkFailed.status().orElseThrow().asString()).as(ctx + " cut=" + cut).isEqualTo("failed");
                assertThat(sdkFailed.error()).as(ctx + " cut=" + cut).isPresent();
            }
            assertThat(perCodec.get(1)).as("seed " + seed + ": jackson3 writes what jackson2 writes").isEqualTo(perCodec.get(0));
        }
    }

    /**
     * Generated Responses streams, both codecs: every chunk passes the oracle, the SDK reassembles the generated turn.
     * The reasoning option stays off: {@code reasoning_content} is an extension the SDK does not model.
     */
    @Test
    void generatedResponsesStreamsPassTheOracle() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = ResponsesToChatStreamPropertyTest.withUsage(TurnGenerator.turn(seed, r), r);
            ResponsesRendering rr = TurnGenerator.responsesEvents(t, r, true);
            boolean includeUsage = r.nextBoolean();
            List<List<String>> perCodec = new ArrayList<>();
            for (JsonCodec codec : CODECS) {
                String ctx = "seed " + seed + " " + t + " deliveries=" + rr.deliveries() + " includeUsage=" + includeUsage
                        + " codec=" + codec.name();
                List<String> events = new ArrayList<>();
                rr.events().forEach(e -> events.add(codec.write(e)));
                ChatRun run = responsesJsonToChat(options(codec), includeUsage, events, true);
                ChatCompletion sdk;
                try {
                    sdk = OpenAiOracle.accumulateChatChunks(run.chunkJsons());
                } catch (AssertionError e) {
                    throw new AssertionError(ctx + ": " + e.getMessage(), e);
                }
                Content expected = of(t);
                Content actual = of(sdk);
                // the SDK accumulator reports a stream without text as content "" (the role chunk's), like the API
                assertThat(actual).as(ctx).isEqualTo(expected);
                assertThat(sdk.usage().isPresent()).as(ctx + ": usage iff asked").isEqualTo(includeUsage);
                if (includeUsage) {
                    assertThat(sdk.usage().orElseThrow().totalTokens()).as(ctx).isEqualTo((long) t.usage().totalTokens());
                }
                if (t.logprobs()) {
                    assertThat(sdk.choices().get(0).logprobs().orElseThrow().content().orElseThrow()).as(ctx + ": logprobs")
                            .hasSizeGreaterThan(0);
                }
                perCodec.add(run.payloads());
            }
            assertThat(perCodec.get(1)).as("seed " + seed + ": jackson3 writes what jackson2 writes").isEqualTo(perCodec.get(0));
        }
    }
}
