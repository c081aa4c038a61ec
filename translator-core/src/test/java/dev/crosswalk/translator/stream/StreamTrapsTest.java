package dev.crosswalk.translator.stream;

import static dev.crosswalk.translator.stream.StreamTestKit.JACKSON2;
import static dev.crosswalk.translator.stream.StreamTestKit.JACKSON3;
import static dev.crosswalk.translator.stream.StreamTestKit.chatJsonToResponses;
import static dev.crosswalk.translator.stream.StreamTestKit.list;
import static dev.crosswalk.translator.stream.StreamTestKit.map;
import static dev.crosswalk.translator.stream.StreamTestKit.options;
import static dev.crosswalk.translator.stream.StreamTestKit.quote;
import static dev.crosswalk.translator.stream.StreamTestKit.recorded;
import static dev.crosswalk.translator.stream.StreamTestKit.responsesJsonToChat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.ChatStreamChecker.Assembled;
import dev.crosswalk.testkit.ChatStreamChecker;
import dev.crosswalk.testkit.ResponsesStreamChecker.Result;
import dev.crosswalk.testkit.ResponsesStreamChecker;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.oracle.OpenAiOracle;
import dev.crosswalk.translator.stream.StreamTestKit.ChatRun;
import dev.crosswalk.translator.stream.StreamTestKit.ResponsesRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming traps of docs/architecture.md §8 that other bridges fell into (1, 2, 3, 7, 8, 12), one focused case each, both
 * directions where it applies. Inputs are written by hand or recorded from live traffic; expected values come from
 * the input, never from the translator.
 */
class StreamTrapsTest {

    // ------------------------------------------------------------------------------------------------------------
    // Hand-written wire text

    static final String HEAD = "{\"id\":\"chatcmpl-trap\",\"object\":\"chat.completion.chunk\",\"created\":1770000000,\"model\":\"gpt-trap\",";

    /** A chunk with one choice whose delta is the given JSON. */
    static String chunk(String delta) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
    }

    static String finish(String reason) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"" + reason + "\"}],\"usage\":null}";
    }

    static String finishWithUsage(String reason, String usage) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"" + reason + "\"}],\"usage\":" + usage + "}";
    }

    static String usageChunk(String usage) {
        return HEAD + "\"choices\":[],\"usage\":" + usage + "}";
    }

    static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
    static final String ROLE_NULL_CONTENT = chunk("{\"role\":\"assistant\",\"content\":null,\"refusal\":null}");
    static final String USAGE = "{\"prompt_tokens\":120,\"completion_tokens\":30,\"total_tokens\":150,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":64,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":7,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";

    static String text(String s) {
        return chunk("{\"content\":" + quote(s) + "}");
    }

    /** The first fragment of tool call {@code index}: id, type, name and some arguments. */
    static String callStart(int index, String id, String name, String args) {
        return chunk("{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\""
                + name + "\",\"arguments\":" + quote(args) + "}}]}");
    }

    static String callArgs(int index, String args) {
        return chunk("{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":" + quote(args) + "}}]}");
    }

    static ResponsesRun c2r(List<String> chunks) {
        return chatJsonToResponses(options(JACKSON3), null, chunks, true);
    }

    static ResponsesRun c2r(TranslatorOptions options, List<String> chunks) {
        return chatJsonToResponses(options, null, chunks, true);
    }

    /** The events of one type, as JSON trees. */
    static List<Map<String, Object>> of(ResponsesRun run, String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        run.trees().forEach(t -> {
            if (type.equals(t.get("type"))) {
                out.add(t);
            }
        });
        return out;
    }

    /** Concatenated argument deltas per item id, in stream order. */
    static String deltas(ResponsesRun run, String type, String itemId) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> e : of(run, type)) {
            if (itemId.equals(e.get("item_id"))) {
                b.append(e.get("delta"));
            }
        }
        return b.toString();
    }

    // Responses events, written by hand: a response object and the events around it.

    static String response(String status, String output, String extra) {
        return "{\"id\":\"resp_trap\",\"object\":\"response\",\"created_at\":1770000000,\"status\":\"" + status + "\",\"error\":null,"
                + "\"incomplete_details\":" + (extra == null ? "null" : extra) + ",\"instructions\":null,\"model\":\"gpt-trap\","
                + "\"output\":" + output + ",\"parallel_tool_calls\":true,\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],"
                + "\"top_p\":1.0,\"usage\":" + ("in_progress".equals(status) ? "null" : RESPONSES_USAGE) + ",\"metadata\":{}}";
    }

    static final String RESPONSES_USAGE = "{\"input_tokens\":120,\"input_tokens_details\":{\"cached_tokens\":64,\"cache_write_tokens\":0},"
            + "\"output_tokens\":30,\"output_tokens_details\":{\"reasoning_tokens\":7},\"total_tokens\":150}";

    static List<String> responsesStart() {
        List<String> events = new ArrayList<>();
        events.add("{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + response("in_progress", "[]", null) + "}");
        events.add("{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":" + response("in_progress", "[]", null) + "}");
        return events;
    }

    static String callItem(String id, String callId, String name, String args, String status) {
        return "{\"id\":\"" + id + "\",\"type\":\"function_call\",\"status\":\"" + status + "\",\"arguments\":" + quote(args)
                + ",\"call_id\":\"" + callId + "\",\"name\":\"" + name + "\"}";
    }

    static String added(int index, String item, int seq) {
        return "{\"type\":\"response.output_item.added\",\"sequence_number\":" + seq + ",\"output_index\":" + index + ",\"item\":" + item + "}";
    }

    static String itemDone(int index, String item, int seq) {
        return "{\"type\":\"response.output_item.done\",\"sequence_number\":" + seq + ",\"output_index\":" + index + ",\"item\":" + item + "}";
    }

    static String argsDelta(int index, String itemId, String delta, int seq) {
        return "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":" + seq + ",\"item_id\":\"" + itemId
                + "\",\"output_index\":" + index + ",\"delta\":" + quote(delta) + "}";
    }

    static String argsDone(int index, String itemId, String name, String args, int seq) {
        return "{\"type\":\"response.function_call_arguments.done\",\"sequence_number\":" + seq + ",\"item_id\":\"" + itemId
                + "\",\"output_index\":" + index + ",\"name\":\"" + name + "\",\"arguments\":" + quote(args) + "}";
    }

    static String completed(String output, int seq) {
        return "{\"type\":\"response.completed\",\"sequence_number\":" + seq + ",\"response\":" + response("completed", output, null) + "}";
    }

    static ChatRun r2c(List<String> events, boolean includeUsage) {
        return responsesJsonToChat(options(JACKSON2), includeUsage, events, true);
    }

    static Assembled check(ChatRun run, boolean includeUsage, String ctx) {
        return ChatStreamChecker.check(run.payloads(), includeUsage, ctx);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Trap 1: parallel tool calls all emitted with index 0, so clients concatenate their arguments. */
    @Nested
    class ParallelToolCalls {

        /** Interleaved Chat fragments (index 0, 1, 0, 1) become two contiguous function_call items. */
        @Test
        void interleavedChatFragmentsBecomeTwoContiguousItems() {
            ResponsesRun run = c2r(List.of(ROLE_NULL_CONTENT,
                    callStart(0, "call_A", "get_weather", ""),
                    callStart(1, "call_B", "get_time", ""),
                    callArgs(0, "{\"city\":"),
                    callArgs(1, "{\"tz\":"),
                    callArgs(0, "\"Paris\"}"),
                    callArgs(1, "\"CET\"}"),
                    finish("tool_calls")));
            Result r = ResponsesStreamChecker.check(run.trees(), "interleaved");
            List<Map<String, Object>> calls = r.items("function_call");
            assertThat(calls).extracting(c -> c.get("call_id")).containsExactly("call_A", "call_B");
            assertThat(calls).extracting(c -> c.get("name")).containsExactly("get_weather", "get_time");
            assertThat(calls).extracting(c -> c.get("arguments")).containsExactly("{\"city\":\"Paris\"}", "{\"tz\":\"CET\"}");
            String a = (String) calls.get(0).get("id");
            String b = (String) calls.get(1).get("id");
            assertThat(a).isNotEqualTo(b);
            assertThat(deltas(run, "response.function_call_arguments.delta", a)).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(deltas(run, "response.function_call_arguments.delta", b)).isEqualTo("{\"tz\":\"CET\"}");
            // contiguous: every event of item A comes before the first event of item B
            int lastOfA = -1;
            int firstOfB = Integer.MAX_VALUE;
            for (int i = 0; i < run.trees().size(); i++) {
                Map<String, Object> e = run.trees().get(i);
                Object id = e.containsKey("item") ? map(e.get("item")).get("id") : e.get("item_id");
                if (a.equals(id)) {
                    lastOfA = i;
                } else if (b.equals(id)) {
                    firstOfB = Math.min(firstOfB, i);
                }
            }
            assertThat(lastOfA).isLessThan(firstOfB);
            assertThat(of(run, "response.output_item.added")).extracting(e -> ((Number) e.get("output_index")).intValue())
                    .containsExactly(0, 1);
            Response sdk = OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json()));
            assertThat(sdk.output()).hasSize(2);
            assertThat(sdk.output().get(0).asFunctionCall().arguments()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(sdk.output().get(1).asFunctionCall().arguments()).isEqualTo("{\"tz\":\"CET\"}");
        }

        /** Several fragments of different calls in one chunk's tool_calls array. */
        @Test
        void fragmentsOfTwoCallsInOneChunk() {
            ResponsesRun run = c2r(List.of(ROLE_NULL_CONTENT,
                    chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_A\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}},"
                            + "{\"index\":1,\"id\":\"call_B\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"y\\\"\"}}]}"),
                    chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\":2}\"}},{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}"),
                    finish("tool_calls")));
            Result r = ResponsesStreamChecker.check(run.trees(), "one chunk, two calls");
            assertThat(r.items("function_call")).extracting(c -> c.get("arguments")).containsExactly("{\"x\":1}", "{\"y\":2}");
        }

        /** Responses → Chat: the recorded two parallel calls get indices 0 and 1, each with its own arguments. */
        @Test
        void responsesCallsGetDistinctIndices() {
            ChatRun run = r2c(recorded("respstream-10-parallel-function-calls.jsonl"), false);
            Assembled a = check(run, false, "respstream-10");
            assertThat(a.calls()).extracting(ChatStreamChecker.Call::index).containsExactly(0, 1);
            assertThat(a.calls()).extracting(ChatStreamChecker.Call::id).containsExactly("call_paris_2Vq8", "call_berlin_7Kd2");
            assertThat(a.calls()).extracting(ChatStreamChecker.Call::arguments).containsExactly(
                    "{\"location\":\"Paris, France\",\"unit\":\"C\"}", "{\"location\":\"Berlin, Germany\",\"unit\":\"C\"}");
            assertThat(a.finishReason()).isEqualTo("tool_calls");
            ChatCompletion sdk = OpenAiOracle.accumulateChatChunks(run.chunkJsons());
            List<ChatCompletionMessageToolCall> calls = sdk.choices().get(0).message().toolCalls().orElseThrow();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"location\":\"Paris, France\",\"unit\":\"C\"}");
            assertThat(calls.get(1).asFunction().function().arguments()).isEqualTo("{\"location\":\"Berlin, Germany\",\"unit\":\"C\"}");
        }

        /** Servers that rotate item ids: argument deltas are matched to their call by output_index. */
        @Test
        void rotatedItemIdsStillReachTheirCall() {
            List<String> events = responsesStart();
            events.add(added(0, callItem("fc_1", "call_1", "f", "", "in_progress"), 2));
            events.add(argsDelta(0, "fc_1_rotated", "{\"a\":", 3));
            events.add(added(1, callItem("fc_2", "call_2", "g", "", "in_progress"), 4));
            events.add(argsDelta(1, "fc_2_rotated", "{\"b\":2}", 5));
            events.add(argsDelta(0, "fc_other", "1}", 6));
            String out = "[" + callItem("fc_1", "call_1", "f", "{\"a\":1}", "completed") + ","
                    + callItem("fc_2", "call_2", "g", "{\"b\":2}", "completed") + "]";
            events.add(completed(out, 7));
            Assembled a = check(r2c(events, false), false, "rotated");
            assertThat(a.calls()).extracting(ChatStreamChecker.Call::arguments).containsExactly("{\"a\":1}", "{\"b\":2}");
        }
    }

    /**
     * Trap 2: deltas before output_item.added, overlapping items, ghost done events for tool-only turns, reused or
     * per-event random item ids, a fixed or clock-based sequence_number.
     */
    @Nested
    class Lifecycle {

        /** A tool-only turn whose role chunk carries content "" opens no message: no ghost text/part/item done. */
        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void toolOnlyTurnHasNoGhostMessage(boolean emptyStringContent) {
            ResponsesRun run = c2r(List.of(emptyStringContent ? ROLE : ROLE_NULL_CONTENT,
                    callStart(0, "call_A", "f", "{}"), finish("tool_calls")));
            Result r = ResponsesStreamChecker.check(run.trees(), "tool only");
            assertThat(run.types()).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                    "response.function_call_arguments.delta", "response.function_call_arguments.done",
                    "response.output_item.done", "response.completed");
            assertThat(r.items("message")).isEmpty();
        }

        /** With real random ids: each item keeps one id in every event, and the final output has the streamed ids. */
        @Test
        void itemIdsAreStableAcrossEventsWithRandomIds() {
            TranslatorOptions random = TranslatorOptions.builder().ids(IdSource.random()).codec(JACKSON2).build();
            ResponsesRun run = c2r(random, List.of(ROLE, text("Let me "), text("check."),
                    callStart(0, "call_A", "f", "{\"q\":"), callArgs(0, "1}"),
                    callStart(1, "call_B", "g", "{}"), finish("tool_calls")));
            Result r = ResponsesStreamChecker.check(run.trees(), "random ids");
            assertThat(r.streamedIds()).hasSize(3).doesNotHaveDuplicates();
            assertThat(r.streamedIds().get(0)).startsWith("msg_");
            assertThat(r.streamedIds().subList(1, 3)).allMatch(id -> id.startsWith("fc_"));
            for (Object item : list(r.response().get("output"))) {
                assertThat(map(item).get("id")).isNotIn("call_A", "call_B");
            }
            Response sdk = OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json()));
            assertThat(sdk.output()).extracting(o -> o.isMessage() ? o.asMessage().id() : o.asFunctionCall().id().orElseThrow())
                    .containsExactlyElementsOf(r.streamedIds());
        }

        /** sequence_number counts events from 0 whatever the clock says: two runs at different times agree. */
        @Test
        void sequenceNumbersAreContiguousAndNotClockBased() {
            List<String> chunks = List.of(ROLE, text("a"), text("b"), finish("stop"));
            ResponsesRun first = c2r(chunks);
            TranslatorOptions later = options(JACKSON3).toBuilder()
                    .clock(java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)).build();
            ResponsesRun second = c2r(later, chunks);
            for (ResponsesRun run : List.of(first, second)) {
                for (int i = 0; i < run.trees().size(); i++) {
                    assertThat(((Number) run.trees().get(i).get("sequence_number")).intValue()).isEqualTo(i);
                }
            }
            assertThat(second.trees()).hasSameSizeAs(first.trees());
        }

        /** Text, then a call, then text again: the second text is a new message item, never an overlap. */
        @Test
        void textAfterToolCallOpensANewItemAfterClosingTheCall() {
            ResponsesRun run = c2r(List.of(ROLE, text("before"), callStart(0, "call_A", "f", "{}"), text("after"), finish("tool_calls")));
            Result r = ResponsesStreamChecker.check(run.trees(), "text, call, text");
            assertThat(r.doneItems()).extracting(i -> i.get("type")).containsExactly("message", "function_call", "message");
            assertThat(r.text()).isEqualTo("beforeafter");
        }

        /**
         * A buffered parallel call whose fragments resume only after other content closed the open call: its
         * deltas must still add up to its arguments (nothing buffered is skipped).
         */
        @Test
        void bufferedCallResumingAfterOtherContentStreamsAllItsArguments() {
            ResponsesRun run = c2r(List.of(ROLE_NULL_CONTENT,
                    callStart(0, "call_A", "f", "{\"a\":"),
                    callStart(1, "call_B", "g", "{\"b\":"),
                    callArgs(0, "1}"),
                    text("note"),
                    callArgs(1, "2}"),
                    finish("tool_calls")));
            Result r = ResponsesStreamChecker.check(run.trees(), "buffered call resumes");
            List<Map<String, Object>> calls = r.items("function_call");
            assertThat(r.terminalType()).isEqualTo("response.completed");
            assertThat(r.doneItems()).extracting(i -> i.get("type")).containsExactly("function_call", "message", "function_call");
            assertThat(calls).extracting(c -> c.get("call_id")).containsExactly("call_A", "call_B");
            assertThat(calls).extracting(c -> c.get("arguments")).containsExactly("{\"a\":1}", "{\"b\":2}");
            assertThat(deltas(run, "response.function_call_arguments.delta", (String) calls.get(1).get("id"))).isEqualTo("{\"b\":2}");
        }

        /** Responses → Chat: every chunk repeats one id, and tool call ids are the call_ids, never item ids. */
        @Test
        void chatChunksRepeatOneIdAndUseCallIds() {
            ChatRun run = r2c(recorded("respstream-02-function-call.jsonl"), true);
            Assembled a = check(run, true, "respstream-02");
            assertThat(a.calls()).hasSize(1);
            assertThat(a.calls().get(0).id()).startsWith("call_").doesNotStartWith("fc_");
        }
    }

    /** Trap 3: tool arguments that arrive only in .done (or in one big chunk) lost or truncated. */
    @Nested
    class ArgumentsDelivery {
        static final String ARGS = "{\"city\":\"Zürich\",\"note\":\"日本 😀\"}";

        List<String> oneCall(List<String> middle, String finalArgs) {
            List<String> events = responsesStart();
            events.add(added(0, callItem("fc_1", "call_1", "lookup", "", "in_progress"), 2));
            events.addAll(middle);
            events.add(completed("[" + callItem("fc_1", "call_1", "lookup", finalArgs, "completed") + "]", 3 + middle.size()));
            return events;
        }

        void assertArguments(List<String> events, String ctx) {
            for (boolean includeUsage : new boolean[] {false, true}) {
                ChatRun run = r2c(events, includeUsage);
                Assembled a = check(run, includeUsage, ctx);
                assertThat(a.calls()).as(ctx).hasSize(1);
                assertThat(a.calls().get(0).arguments()).as(ctx).isEqualTo(ARGS);
                assertThat(a.finishReason()).as(ctx).isEqualTo("tool_calls");
                ChatCompletion sdk = OpenAiOracle.accumulateChatChunks(run.chunkJsons());
                ChatCompletionMessageFunctionToolCall call = sdk.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
                assertThat(call.function().arguments()).as(ctx + " (SDK accumulator)").isEqualTo(ARGS);
                assertThat(call.id()).as(ctx).isEqualTo("call_1");
            }
        }

        @Test
        void onlyInArgumentsDone() {
            assertArguments(oneCall(List.of(argsDone(0, "fc_1", "lookup", ARGS, 3),
                    itemDone(0, callItem("fc_1", "call_1", "lookup", ARGS, "completed"), 4)), ARGS), "only .done");
        }

        @Test
        void onlyInOutputItemDone() {
            assertArguments(oneCall(List.of(itemDone(0, callItem("fc_1", "call_1", "lookup", ARGS, "completed"), 3)), ARGS),
                    "only output_item.done");
        }

        @Test
        void inOneBigDelta() {
            assertArguments(oneCall(List.of(argsDelta(0, "fc_1", ARGS, 3), argsDone(0, "fc_1", "lookup", ARGS, 4),
                    itemDone(0, callItem("fc_1", "call_1", "lookup", ARGS, "completed"), 5)), ARGS), "one delta");
        }

        @Test
        void deltasShortOfTheDoneArguments() {
            assertArguments(oneCall(List.of(argsDelta(0, "fc_1", "{\"city\":\"Zü", 3), argsDone(0, "fc_1", "lookup", ARGS, 4),
                    itemDone(0, callItem("fc_1", "call_1", "lookup", ARGS, "completed"), 5)), ARGS), "missing suffix");
        }

        @Test
        void addedItemThenOnlyTheFinalResponse() {
            assertArguments(oneCall(List.of(), ARGS), "only response.completed");
        }

        @Test
        void notEvenAddedOnlyTheFinalResponse() {
            List<String> events = responsesStart();
            events.add(completed("[" + callItem("fc_1", "call_1", "lookup", ARGS, "completed") + "]", 2));
            assertArguments(events, "item only in response.completed");
        }

        /** Chat → Responses: all arguments in the first fragment, or in one later chunk. */
        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void chatArgumentsInOneChunk(boolean inFirstFragment) {
            List<String> chunks = inFirstFragment
                    ? List.of(ROLE_NULL_CONTENT, callStart(0, "call_1", "lookup", ARGS), finish("tool_calls"))
                    : List.of(ROLE_NULL_CONTENT, callStart(0, "call_1", "lookup", ""), callArgs(0, ARGS), finish("tool_calls"));
            ResponsesRun run = c2r(chunks);
            Result r = ResponsesStreamChecker.check(run.trees(), "one chunk");
            assertThat(r.items("function_call")).extracting(c -> c.get("arguments")).containsExactly(ARGS);
            assertThat(of(run, "response.function_call_arguments.done")).extracting(e -> e.get("arguments")).containsExactly(ARGS);
            assertThat(OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json())).output().get(0).asFunctionCall().arguments()).isEqualTo(ARGS);
        }
    }

    /** Trap 7: usage lost on incomplete responses; cached tokens dropped; zeros when include_usage was never asked. */
    @Nested
    class Usage {

        void assertChatUsageMapped(Map<String, Object> usage) {
            assertThat(usage.get("input_tokens")).isEqualTo(120);
            assertThat(usage.get("output_tokens")).isEqualTo(30);
            assertThat(usage.get("total_tokens")).isEqualTo(150);
            assertThat(map(usage.get("input_tokens_details")).get("cached_tokens")).isEqualTo(64);
            assertThat(map(usage.get("output_tokens_details")).get("reasoning_tokens")).isEqualTo(7);
        }

        @Test
        void usageInSeparateChunkAfterFinishReason() {
            ResponsesRun run = c2r(List.of(ROLE, text("hi"), finish("stop"), usageChunk(USAGE)));
            // nothing terminal before the usage chunk has been seen
            assertThat(c2rWithoutEnd(List.of(ROLE, text("hi"), finish("stop"))).types()).doesNotContain("response.completed");
            Result r = ResponsesStreamChecker.check(run.trees(), "usage after finish");
            assertChatUsageMapped(map(r.response().get("usage")));
        }

        ResponsesRun c2rWithoutEnd(List<String> chunks) {
            return chatJsonToResponses(options(JACKSON3), null, chunks, false);
        }

        @Test
        void usageOnTheFinishChunk() {
            Result r = ResponsesStreamChecker.check(c2r(List.of(ROLE, text("hi"), finishWithUsage("stop", USAGE))).trees(), "usage on finish");
            assertChatUsageMapped(map(r.response().get("usage")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"length", "content_filter"})
        void usageKeptOnIncompleteResponse(String reason) {
            Result r = ResponsesStreamChecker.check(c2r(List.of(ROLE, text("cut"), finish(reason), usageChunk(USAGE))).trees(), reason);
            assertThat(r.terminalType()).isEqualTo("response.incomplete");
            assertChatUsageMapped(map(r.response().get("usage")));
        }

        @Test
        void noUsageBeforeTheEnd() {
            ResponsesRun run = c2r(List.of(ROLE, text("hi"), finish("stop"), usageChunk(USAGE)));
            assertThat(run.trees().get(0).get("response")).satisfies(r -> assertThat(map(r).get("usage")).isNull());
        }

        /** Responses → Chat: no usage chunk unless asked; when asked, after the finish chunk, cached tokens kept. */
        @ParameterizedTest
        @ValueSource(strings = {"respstream-01-text.jsonl", "respstream-07-incomplete-max-output-tokens.jsonl",
                "respstream-08-incomplete-content-filter.jsonl", "respstream-02-function-call.jsonl"})
        void chatUsageChunkOnlyWhenAsked(String name) {
            List<String> events = recorded(name);
            Map<String, Object> upstream = map(StreamTestKit.tree(JACKSON2, events.get(events.size() - 1)).get("response"));
            Map<String, Object> upstreamUsage = map(upstream.get("usage"));

            ChatRun without = r2c(events, false);
            check(without, false, name + " without include_usage");
            for (String p : without.chunkJsons()) {
                assertThat(StreamTestKit.tree(JACKSON2, p).get("usage")).as(name + ": no usage, not even zeros").isNull();
            }

            ChatRun with = r2c(events, true);
            Assembled a = check(with, true, name + " with include_usage");
            assertThat(a.usage().get("prompt_tokens")).isEqualTo(upstreamUsage.get("input_tokens"));
            assertThat(a.usage().get("completion_tokens")).isEqualTo(upstreamUsage.get("output_tokens"));
            assertThat(a.usage().get("total_tokens")).isEqualTo(upstreamUsage.get("total_tokens"));
            assertThat(map(a.usage().get("prompt_tokens_details")).get("cached_tokens"))
                    .isEqualTo(map(upstreamUsage.get("input_tokens_details")).get("cached_tokens"));
            ChatCompletion sdk = OpenAiOracle.accumulateChatChunks(with.chunkJsons());
            assertThat(sdk.usage().orElseThrow().totalTokens()).isEqualTo(((Number) upstreamUsage.get("total_tokens")).longValue());
        }

        @Test
        void chatCachedTokensKept() {
            List<String> events = responsesStart();
            events.add(completed("[]", 2));
            Assembled a = check(r2c(events, true), true, "cached");
            assertThat(map(a.usage().get("prompt_tokens_details")).get("cached_tokens")).isEqualTo(64);
            assertThat(map(a.usage().get("completion_tokens_details")).get("reasoning_tokens")).isEqualTo(7);
        }
    }

    /** Trap 8: truncation reported as success, or as HTTP 500. */
    @Nested
    class Truncation {

        @ParameterizedTest
        @ValueSource(strings = {"length", "content_filter"})
        void chatTruncationBecomesIncomplete(String reason) {
            ResponsesRun run = c2r(List.of(ROLE, text("Once upon"), finish(reason)));
            Result r = ResponsesStreamChecker.check(run.trees(), reason);
            assertThat(r.terminalType()).isEqualTo("response.incomplete");
            assertThat(map(r.response().get("incomplete_details")).get("reason"))
                    .isEqualTo("length".equals(reason) ? "max_output_tokens" : "content_filter");
            assertThat(run.types()).doesNotContain("error", "response.failed", "response.completed");
            assertThat(r.text()).isEqualTo("Once upon");
            assertThat(run.stream().failed()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"chatstream-04-length.jsonl", "chatstream-08-content-filter.jsonl"})
        void recordedChatTruncation(String name) {
            ResponsesRun run = chatJsonToResponses(options(JACKSON2), null, recorded(name), true);
            Result r = ResponsesStreamChecker.check(run.trees(), name);
            assertThat(r.terminalType()).isEqualTo("response.incomplete");
            Response sdk = OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json()));
            assertThat(sdk.status().orElseThrow().asString()).isEqualTo("incomplete");
            assertThat(sdk.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
                    .isEqualTo(name.contains("length") ? "max_output_tokens" : "content_filter");
        }

        @ParameterizedTest
        @ValueSource(strings = {"respstream-07-incomplete-max-output-tokens.jsonl", "respstream-08-incomplete-content-filter.jsonl"})
        void responsesIncompleteBecomesLengthOrContentFilter(String name) {
            ChatRun run = r2c(recorded(name), false);
            Assembled a = check(run, false, name);
            assertThat(a.finishReason()).isEqualTo(name.contains("max-output") ? "length" : "content_filter");
            assertThat(a.error()).isNull();
            assertThat(OpenAiOracle.accumulateChatChunks(run.chunkJsons()).choices().get(0).finishReason().asString())
                    .isEqualTo(a.finishReason());
        }

        @Test
        void responsesIncompleteWithToolCallIsLengthNotToolCalls() {
            List<String> events = responsesStart();
            events.add(added(0, callItem("fc_1", "call_1", "f", "", "in_progress"), 2));
            events.add(argsDelta(0, "fc_1", "{\"a\":", 3));
            events.add("{\"type\":\"response.incomplete\",\"sequence_number\":4,\"response\":"
                    + response("incomplete", "[" + callItem("fc_1", "call_1", "f", "{\"a\":", "incomplete") + "]",
                    "{\"reason\":\"max_output_tokens\"}") + "}");
            Assembled a = check(r2c(events, false), false, "incomplete call");
            assertThat(a.finishReason()).isEqualTo("length");
        }
    }

    /** Trap 12: a text chunk that also carries reasoning loses its text. */
    @Nested
    class ReasoningWithText {

        @ParameterizedTest
        @ValueSource(strings = {"reasoning_content", "reasoning"})
        void textKeptWithoutTheReasoningOption(String field) {
            ResponsesRun run = c2r(options(JACKSON3, false), List.of(ROLE,
                    chunk("{\"" + field + "\":\"think \"}"),
                    chunk("{\"" + field + "\":\"more\",\"content\":\"Hel\"}"),
                    text("lo"), finish("stop")));
            Result r = ResponsesStreamChecker.check(run.trees(), field + " off");
            assertThat(r.text()).isEqualTo("Hello");
            assertThat(r.items("reasoning")).isEmpty();
            assertThat(run.stream().warnings()).isNotEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"reasoning_content", "reasoning"})
        void textAndReasoningKeptWithTheReasoningOption(String field) {
            ResponsesRun run = c2r(options(JACKSON3, true), List.of(ROLE,
                    chunk("{\"" + field + "\":\"think \"}"),
                    chunk("{\"" + field + "\":\"more\",\"content\":\"Hel\"}"),
                    text("lo"), finish("stop")));
            Result r = ResponsesStreamChecker.check(run.trees(), field + " on");
            assertThat(r.doneItems()).extracting(i -> i.get("type")).containsExactly("reasoning", "message");
            assertThat(map(list(r.items("reasoning").get(0).get("content")).get(0)).get("text")).isEqualTo("think more");
            assertThat(r.text()).isEqualTo("Hello");
        }

        /** Only one chunk in the whole stream, carrying reasoning and text together. */
        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void singleChunkWithBoth(boolean option) {
            ResponsesRun run = c2r(options(JACKSON2, option), List.of(
                    HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"r\",\"content\":\"Answer\"},"
                            + "\"finish_reason\":\"stop\"}]}"));
            Result r = ResponsesStreamChecker.check(run.trees(), "single chunk " + option);
            assertThat(r.text()).isEqualTo("Answer");
            assertThat(r.items("reasoning")).hasSize(option ? 1 : 0);
        }

        /** Responses → Chat with the option: reasoning then text, both kept, in that order. */
        @Test
        void responsesReasoningThenText() {
            ChatRun run = responsesJsonToChat(options(JACKSON2, true), false,
                    recorded("respstream-03-reasoning-summary-then-text.partial.jsonl"), true);
            Assembled a = check(run, false, "respstream-03");
            List<String> events = recorded("respstream-03-reasoning-summary-then-text.partial.jsonl");
            Map<String, Object> last = map(StreamTestKit.tree(JACKSON2, events.get(events.size() - 1)).get("response"));
            Map<String, Object> message = map(list(last.get("output")).get(1));
            Map<String, Object> reasoning = map(list(last.get("output")).get(0));
            assertThat(a.content()).isEqualTo(map(list(message.get("content")).get(0)).get("text"));
            StringBuilder summary = new StringBuilder();
            list(reasoning.get("summary")).forEach(part -> summary.append(map(part).get("text")));
            assertThat(a.reasoning()).isEqualTo(summary.toString());
            int firstText = -1;
            int lastReasoning = -1;
            for (int i = 0; i < run.chunkJsons().size(); i++) {
                Map<String, Object> c = StreamTestKit.tree(JACKSON2, run.chunkJsons().get(i));
                if (list(c.get("choices")).isEmpty()) {
                    continue;
                }
                Map<String, Object> delta = map(map(list(c.get("choices")).get(0)).get("delta"));
                if (delta.get("reasoning_content") != null) {
                    lastReasoning = i;
                }
                if (delta.get("content") instanceof String s && !s.isEmpty() && firstText < 0) {
                    firstText = i;
                }
            }
            assertThat(lastReasoning).isLessThan(firstText);
        }
    }

    /** Both codecs write the same events for the same input. */
    @Test
    void bothCodecsWriteTheSameEvents() {
        List<String> chunks = List.of(ROLE, text("Grüße 😀"), callStart(0, "call_A", "f", "{\"x\":\"ü\"}"), finish("tool_calls"),
                usageChunk(USAGE));
        List<String> two = chatJsonToResponses(options(JACKSON2), null, chunks, true).json();
        List<String> three = chatJsonToResponses(options(JACKSON3), null, chunks, true).json();
        assertThat(three).isEqualTo(two);
        for (JsonCodec codec : StreamTestKit.CODECS) {
            ResponsesRun run = chatJsonToResponses(options(codec), null, chunks, true);
            Response sdk = OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json()));
            ResponseOutputItem call = sdk.output().get(1);
            assertThat(call.asFunctionCall().arguments()).isEqualTo("{\"x\":\"ü\"}");
        }
    }
}
