package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.testkit.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic bodies and streams of both protocols, shaped like OpenAI's live traffic (docs/architecture.md §11): the Chat stream
 * opens with a role chunk and ends with a usage chunk and {@code [DONE]}; the Responses stream has
 * {@code sequence_number}s from 0, {@code event:} lines, {@code obfuscation} on deltas, added items that already
 * carry {@code call_id} and {@code name}, and no {@code [DONE]}.
 */
final class Fixtures {
    static final long CREATED = 1_767_225_600L;

    private Fixtures() {
    }

    static Reply reply(WireApi wire, Turn turn, boolean stream) {
        if (wire == WireApi.CHAT_COMPLETIONS) {
            return stream ? Reply.sse(chatStream(turn)) : Reply.json(200, chatCompletion(turn));
        }
        return stream ? Reply.sse(responsesStream(turn)) : Reply.json(200, json(response(turn, "resp_0a1b2c")));
    }

    static String json(Object value) {
        return dev.crosswalk.testkit.Json.write(value);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    // ---- Chat Completions

    static String chatCompletion(Turn t) {
        Map<String, Object> message = map("role", "assistant", "content", t.text.isEmpty() ? null : t.joinedText(),
                "refusal", t.refusal, "annotations", List.of());
        if (!t.calls.isEmpty()) {
            List<Object> calls = new ArrayList<>();
            for (Turn.Call c : t.calls) {
                calls.add(map("id", c.id(), "type", "function", "function", map("name", c.name(), "arguments", c.joined())));
            }
            message.put("tool_calls", calls);
        }
        if (!t.reasoning.isEmpty()) {
            message.put("reasoning_content", t.joinedReasoning());
        }
        return json(map("id", "chatcmpl-Bx7", "object", "chat.completion", "created", CREATED, "model", t.model,
                "choices", List.of(map("index", 0, "message", message, "logprobs", null, "finish_reason", t.finishReason())),
                "usage", chatUsage(t), "service_tier", "default", "system_fingerprint", "fp_c0ffee"));
    }

    static Map<String, Object> chatUsage(Turn t) {
        return map("prompt_tokens", t.inputTokens, "completion_tokens", t.outputTokens,
                "total_tokens", t.inputTokens + t.outputTokens,
                "prompt_tokens_details", map("cached_tokens", t.cachedTokens, "audio_tokens", 0),
                "completion_tokens_details", map("reasoning_tokens", t.reasoningTokens, "audio_tokens", 0,
                        "accepted_prediction_tokens", 0, "rejected_prediction_tokens", 0));
    }

    static List<String> chatStream(Turn t) {
        List<String> events = new ArrayList<>();
        events.add(chunk(t, map("role", "assistant", "content", "", "refusal", null), null));
        t.reasoning.forEach(r -> events.add(chunk(t, map("reasoning_content", r), null)));
        t.text.forEach(piece -> events.add(chunk(t, map("content", piece), null)));
        if (t.refusal != null) {
            events.add(chunk(t, map("refusal", t.refusal), null));
        }
        for (int i = 0; i < t.calls.size(); i++) {
            Turn.Call c = t.calls.get(i);
            events.add(chunk(t, map("tool_calls", List.of(map("index", i, "id", c.id(), "type", "function",
                    "function", map("name", c.name(), "arguments", "")))), null));
            if (!t.interleaved) {
                for (String piece : c.arguments()) {
                    events.add(argumentChunk(t, i, piece));
                }
            }
        }
        if (t.interleaved) {
            int longest = t.calls.stream().mapToInt(c -> c.arguments().size()).max().orElse(0);
            for (int p = 0; p < longest; p++) {
                for (int i = 0; i < t.calls.size(); i++) {
                    if (p < t.calls.get(i).arguments().size()) {
                        events.add(argumentChunk(t, i, t.calls.get(i).arguments().get(p)));
                    }
                }
            }
        }
        events.add(chunk(t, map(), t.finishReason()));
        events.add(data(json(map("id", "chatcmpl-Bx7", "object", "chat.completion.chunk", "created", CREATED,
                "model", t.model, "service_tier", "default", "system_fingerprint", "fp_c0ffee", "choices", List.of(),
                "usage", chatUsage(t)))));
        events.add(data("[DONE]"));
        return events;
    }

    /** Later fragments carry "id":"" and "type":"" as OpenAI-compatible servers send them. */
    private static String argumentChunk(Turn t, int index, String piece) {
        return chunk(t, map("tool_calls", List.of(map("index", index, "id", "", "type", "",
                "function", map("arguments", piece)))), null);
    }

    private static String chunk(Turn t, Map<String, Object> delta, String finish) {
        return data(json(map("id", "chatcmpl-Bx7", "object", "chat.completion.chunk", "created", CREATED,
                "model", t.model, "service_tier", "default", "system_fingerprint", "fp_c0ffee",
                "choices", List.of(map("index", 0, "delta", delta, "logprobs", null, "finish_reason", finish)),
                "usage", null)));
    }

    static String data(String json) {
        return "data: " + json + "\n\n";
    }

    // ---- Responses

    static Map<String, Object> response(Turn t, String id) {
        String finish = t.finishReason();
        boolean incomplete = finish.equals("length") || finish.equals("content_filter");
        return map("id", id, "object", "response", "created_at", CREATED, "status", incomplete ? "incomplete" : "completed",
                "completed_at", CREATED + 2, "error", null,
                "incomplete_details", incomplete ? map("reason", finish.equals("length") ? "max_output_tokens" : "content_filter") : null,
                "instructions", null, "max_output_tokens", null, "model", t.model, "output", outputItems(t),
                "parallel_tool_calls", true, "previous_response_id", null, "reasoning", map("effort", null, "summary", null),
                "service_tier", "default", "store", false, "temperature", 1.0, "text", map("format", map("type", "text")),
                "tool_choice", "auto", "tools", List.of(), "top_p", 1.0, "truncation", "disabled",
                "usage", responsesUsage(t), "user", null, "metadata", map());
    }

    static Map<String, Object> responsesUsage(Turn t) {
        return map("input_tokens", t.inputTokens, "input_tokens_details", map("cached_tokens", t.cachedTokens),
                "output_tokens", t.outputTokens, "output_tokens_details", map("reasoning_tokens", t.reasoningTokens),
                "total_tokens", t.inputTokens + t.outputTokens);
    }

    private static List<Object> outputItems(Turn t) {
        List<Object> items = new ArrayList<>();
        if (!t.reasoning.isEmpty() || t.encryptedReasoning != null) {
            items.add(reasoningItem(t, t.reasoning.isEmpty() ? List.of() : List.of(map("type", "summary_text", "text", t.joinedReasoning()))));
        }
        if (!t.text.isEmpty() || t.refusal != null) {
            items.add(messageItem(t, "completed"));
        }
        for (int i = 0; i < t.calls.size(); i++) {
            items.add(callItem(t.calls.get(i), i, "completed", t.calls.get(i).joined()));
        }
        return items;
    }

    private static Map<String, Object> reasoningItem(Turn t, List<Object> summary) {
        Map<String, Object> item = map("id", "rs_01", "type", "reasoning", "summary", summary);
        if (t.encryptedReasoning != null) {
            item.put("encrypted_content", t.encryptedReasoning);
        }
        return item;
    }

    private static Map<String, Object> messageItem(Turn t, String status) {
        List<Object> content = new ArrayList<>();
        if (!status.equals("in_progress")) {
            if (!t.text.isEmpty()) {
                content.add(map("type", "output_text", "text", t.joinedText(), "annotations", List.of(), "logprobs", List.of()));
            }
            if (t.refusal != null) {
                content.add(map("type", "refusal", "refusal", t.refusal));
            }
        }
        return map("id", "msg_01", "type", "message", "status", status, "role", "assistant", "content", content);
    }

    private static Map<String, Object> callItem(Turn.Call c, int i, String status, String arguments) {
        return map("id", "fc_0" + i, "type", "function_call", "status", status, "arguments", arguments,
                "call_id", c.id(), "name", c.name());
    }

    static List<String> responsesStream(Turn t) {
        ResponsesEvents e = new ResponsesEvents();
        String id = "resp_stream01";
        Map<String, Object> initial = response(t, id);
        initial.put("status", "in_progress");
        initial.put("output", List.of());
        initial.put("usage", null);
        initial.put("completed_at", null);
        e.add("response.created", "response", initial);
        e.add("response.in_progress", "response", initial);
        int output = 0;
        if (!t.reasoning.isEmpty() || t.encryptedReasoning != null) {
            e.add("response.output_item.added", "output_index", output, "item", reasoningItem(t, List.of()));
            if (!t.reasoning.isEmpty()) {
                e.add("response.reasoning_summary_part.added", "item_id", "rs_01", "output_index", output, "summary_index", 0,
                        "part", map("type", "summary_text", "text", ""));
                for (String piece : t.reasoning) {
                    e.add("response.reasoning_summary_text.delta", "item_id", "rs_01", "output_index", output,
                            "summary_index", 0, "delta", piece, "obfuscation", "q3");
                }
                e.add("response.reasoning_summary_text.done", "item_id", "rs_01", "output_index", output, "summary_index", 0,
                        "text", t.joinedReasoning());
                e.add("response.reasoning_summary_part.done", "item_id", "rs_01", "output_index", output, "summary_index", 0,
                        "part", map("type", "summary_text", "text", t.joinedReasoning()));
            }
            e.add("response.output_item.done", "output_index", output,
                    "item", ((List<?>) response(t, id).get("output")).get(0));
            output++;
        }
        if (!t.text.isEmpty()) {
            e.add("response.output_item.added", "output_index", output, "item", messageItem(t, "in_progress"));
            e.add("response.content_part.added", "item_id", "msg_01", "output_index", output, "content_index", 0,
                    "part", map("type", "output_text", "text", "", "annotations", List.of(), "logprobs", List.of()));
            for (String piece : t.text) {
                e.add("response.output_text.delta", "item_id", "msg_01", "output_index", output, "content_index", 0,
                        "delta", piece, "logprobs", List.of(), "obfuscation", "Zx9");
            }
            e.add("response.output_text.done", "item_id", "msg_01", "output_index", output, "content_index", 0,
                    "text", t.joinedText(), "logprobs", List.of());
            e.add("response.content_part.done", "item_id", "msg_01", "output_index", output, "content_index", 0,
                    "part", map("type", "output_text", "text", t.joinedText(), "annotations", List.of(), "logprobs", List.of()));
            e.add("response.output_item.done", "output_index", output, "item", messageItem(t, "completed"));
            output++;
        }
        if (t.text.isEmpty() && t.refusal != null) {
            e.add("response.output_item.added", "output_index", output, "item", messageItem(t, "in_progress"));
            e.add("response.content_part.added", "item_id", "msg_01", "output_index", output, "content_index", 0,
                    "part", map("type", "refusal", "refusal", ""));
            e.add("response.refusal.delta", "item_id", "msg_01", "output_index", output, "content_index", 0, "delta", t.refusal);
            e.add("response.refusal.done", "item_id", "msg_01", "output_index", output, "content_index", 0, "refusal", t.refusal);
            e.add("response.content_part.done", "item_id", "msg_01", "output_index", output, "content_index", 0,
                    "part", map("type", "refusal", "refusal", t.refusal));
            e.add("response.output_item.done", "output_index", output, "item", messageItem(t, "completed"));
            output++;
        }
        for (int i = 0; i < t.calls.size(); i++, output++) {
            Turn.Call c = t.calls.get(i);
            e.add("response.output_item.added", "output_index", output, "item", callItem(c, i, "in_progress", ""));
            for (String piece : c.arguments()) {
                e.add("response.function_call_arguments.delta", "item_id", "fc_0" + i, "output_index", output,
                        "delta", piece, "obfuscation", "k1");
            }
            e.add("response.function_call_arguments.done", "item_id", "fc_0" + i, "output_index", output,
                    "name", c.name(), "arguments", c.joined());
            e.add("response.output_item.done", "output_index", output, "item", callItem(c, i, "completed", c.joined()));
        }
        Map<String, Object> done = response(t, id);
        e.add("incomplete".equals(done.get("status")) ? "response.incomplete" : "response.completed", "response", done);
        return e.events;
    }

    /** Numbers events from 0 and writes each with its {@code event:} line. */
    private static final class ResponsesEvents {
        final List<String> events = new ArrayList<>();

        void add(String type, Object... fields) {
            Map<String, Object> event = map("type", type);
            event.putAll(map(fields));
            event.put("sequence_number", events.size());
            events.add("event: " + type + "\n" + data(json(event)));
        }
    }

    /** Raw SSE text of a list of events, for tests that slice streams. */
    static List<String> slice(List<String> events, int from, int to) {
        return new ArrayList<>(events.subList(from, to));
    }

    static List<String> concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
