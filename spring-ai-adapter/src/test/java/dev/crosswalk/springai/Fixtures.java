package dev.crosswalk.springai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crosswalk.translator.json.JsonCodec;

/**
 * Realistic answers of both protocols, shaped like OpenAI's live traffic: full completion and response objects,
 * Chat chunks with {@code usage:null} and a last usage chunk, Responses events with sequence numbers, obfuscation
 * fields and no {@code [DONE]}.
 */
final class Fixtures {

    static final String MODEL = "gpt-test-2025-01-01";
    private static final JsonCodec JSON = JsonCodec.jackson3();

    private Fixtures() {
    }

    /** A tool call in an answer. */
    record Call(String id, String name, String arguments) {
    }

    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String json(Object value) {
        return JSON.write(value);
    }

    // ---------------------------------------------------------------- Chat Completions

    static Map<String, Object> chatUsage() {
        return obj("prompt_tokens", 19, "completion_tokens", 10, "total_tokens", 29,
                "prompt_tokens_details", obj("cached_tokens", 8, "audio_tokens", 0),
                "completion_tokens_details", obj("reasoning_tokens", 4, "audio_tokens", 0,
                        "accepted_prediction_tokens", 0, "rejected_prediction_tokens", 0));
    }

    static String chatCompletion(String text) {
        return chatCompletion(obj("role", "assistant", "content", text, "refusal", null, "annotations", List.of()),
                "stop");
    }

    static String chatCompletionWithReasoning(String text, String reasoning) {
        return chatCompletion(obj("role", "assistant", "content", text, "refusal", null, "annotations", List.of(),
                "reasoning_content", reasoning), "stop");
    }

    static String chatToolCalls(Call... calls) {
        List<Object> toolCalls = new ArrayList<>();
        for (Call c : calls) {
            toolCalls.add(obj("id", c.id(), "type", "function",
                    "function", obj("name", c.name(), "arguments", c.arguments())));
        }
        return chatCompletion(obj("role", "assistant", "content", null, "refusal", null, "annotations", List.of(),
                "tool_calls", toolCalls), "tool_calls");
    }

    private static String chatCompletion(Map<String, Object> message, String finishReason) {
        return json(obj("id", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object", "chat.completion",
                "created", 1741570283, "model", MODEL,
                "choices", List.of(obj("index", 0, "message", message, "logprobs", null,
                        "finish_reason", finishReason)),
                "usage", chatUsage(), "service_tier", "default", "system_fingerprint", "fp_06737a9306"));
    }

    private static String chunk(Map<String, Object> delta, String finishReason) {
        return "data: " + json(obj("id", "chatcmpl-stream1", "object", "chat.completion.chunk", "created", 1741570283,
                "model", MODEL, "service_tier", "default", "system_fingerprint", "fp_06737a9306",
                "choices", List.of(obj("index", 0, "delta", delta, "logprobs", null, "finish_reason", finishReason)),
                "usage", null)) + "\n\n";
    }

    private static List<String> chatEnd(String finishReason) {
        return List.of(chunk(obj(), finishReason),
                "data: " + json(obj("id", "chatcmpl-stream1", "object", "chat.completion.chunk", "created",
                        1741570283, "model", MODEL, "choices", List.of(), "usage", chatUsage())) + "\n\n",
                "data: [DONE]\n\n");
    }

    static List<String> chatStream(String... pieces) {
        List<String> events = new ArrayList<>();
        events.add(chunk(obj("role", "assistant", "content", "", "refusal", null), null));
        for (String p : pieces) {
            events.add(chunk(obj("content", p), null));
        }
        events.addAll(chatEnd("stop"));
        return events;
    }

    /** Only the text chunks: the stream stops before its finish_reason, as when a connection is cut. */
    static List<String> chatStreamCut(String... pieces) {
        List<String> events = new ArrayList<>(chatStream(pieces));
        return events.subList(0, 1 + pieces.length);
    }

    /** Two calls whose fragments interleave (0, 1, 0, 1), as parallel calls do on the wire. */
    static List<String> chatStreamToolCalls(Call a, Call b) {
        String a1 = a.arguments().substring(0, a.arguments().length() / 2);
        String a2 = a.arguments().substring(a1.length());
        List<String> events = new ArrayList<>();
        events.add(chunk(obj("role", "assistant", "content", null, "refusal", null), null));
        events.add(chunk(obj("tool_calls", List.of(obj("index", 0, "id", a.id(), "type", "function",
                "function", obj("name", a.name(), "arguments", "")))), null));
        events.add(chunk(obj("tool_calls", List.of(obj("index", 0, "function", obj("arguments", a1)))), null));
        events.add(chunk(obj("tool_calls", List.of(obj("index", 1, "id", b.id(), "type", "function",
                "function", obj("name", b.name(), "arguments", "")))), null));
        events.add(chunk(obj("tool_calls", List.of(obj("index", 0, "function", obj("arguments", a2)))), null));
        events.add(chunk(obj("tool_calls", List.of(obj("index", 1, "function", obj("arguments", b.arguments())))),
                null));
        events.addAll(chatEnd("tool_calls"));
        return events;
    }

    // ---------------------------------------------------------------- Responses

    static Map<String, Object> responsesUsage() {
        return obj("input_tokens", 36, "input_tokens_details", obj("cached_tokens", 12),
                "output_tokens", 87, "output_tokens_details", obj("reasoning_tokens", 64), "total_tokens", 123);
    }

    static Map<String, Object> messageItem(String id, String text) {
        return obj("type", "message", "id", id, "status", "completed", "role", "assistant",
                "content", List.of(obj("type", "output_text", "text", text, "annotations", List.of(),
                        "logprobs", List.of())));
    }

    static Map<String, Object> reasoningItem(String summary) {
        return obj("type", "reasoning", "id", "rs_68af4030592c81938ec0a5fbab4a3e9f",
                "summary", List.of(obj("type", "summary_text", "text", summary)));
    }

    static Map<String, Object> functionCallItem(String id, Call c) {
        return obj("type", "function_call", "id", id, "call_id", c.id(), "name", c.name(),
                "arguments", c.arguments(), "status", "completed");
    }

    static Map<String, Object> response(String id, String status, List<Object> output, Object usage) {
        return obj("id", id, "object", "response", "created_at", 1741476542, "status", status,
                "background", false, "error", null, "incomplete_details", null, "instructions", null,
                "max_output_tokens", null, "model", MODEL, "output", output, "parallel_tool_calls", true,
                "previous_response_id", null, "reasoning", obj("effort", "low", "summary", null),
                "service_tier", "default", "store", false, "temperature", 1.0,
                "text", obj("format", obj("type", "text"), "verbosity", "medium"), "tool_choice", "auto",
                "tools", List.of(), "top_logprobs", 0, "top_p", 1.0, "truncation", "disabled", "usage", usage,
                "user", null, "metadata", obj());
    }

    static String responsesText(String text) {
        return json(response("resp_67ccd2bed1ec8190b14f964abc054267", "completed",
                List.of(messageItem("msg_67ccd2bf17f0819081ff3bb2cf6508e6", text)), responsesUsage()));
    }

    static String responsesWithReasoning(String text, String summary) {
        return json(response("resp_67ccd2bed1ec8190b14f964abc054267", "completed",
                List.of(reasoningItem(summary), messageItem("msg_67ccd2bf17f0819081ff3bb2cf6508e6", text)),
                responsesUsage()));
    }

    static String responsesToolCalls(Call... calls) {
        List<Object> output = new ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            output.add(functionCallItem("fc_67ca09c6bedc8190a7abfec07b1a1332" + i, calls[i]));
        }
        return json(response("resp_67ca09c5efe0819096d0511c92b8c890", "completed", output, responsesUsage()));
    }

    /** Builds a Responses SSE stream, numbering events from 0. */
    static final class ResponsesStream {
        private final String id;
        private final List<String> events = new ArrayList<>();
        private final List<Object> output = new ArrayList<>();

        ResponsesStream(String id) {
            this.id = id;
            Map<String, Object> initial = response(id, "in_progress", List.of(), null);
            event("response.created", obj("response", initial));
            event("response.in_progress", obj("response", initial));
        }

        ResponsesStream text(String itemId, String... pieces) {
            int index = output.size();
            event("response.output_item.added", obj("output_index", index, "item", obj("id", itemId, "type",
                    "message", "status", "in_progress", "role", "assistant", "content", List.of())));
            event("response.content_part.added", obj("item_id", itemId, "output_index", index, "content_index", 0,
                    "part", obj("type", "output_text", "text", "", "annotations", List.of(), "logprobs", List.of())));
            for (String p : pieces) {
                event("response.output_text.delta", obj("item_id", itemId, "output_index", index, "content_index", 0,
                        "delta", p, "logprobs", List.of(), "obfuscation", "Xq7"));
            }
            String full = String.join("", Arrays.asList(pieces));
            event("response.output_text.done", obj("item_id", itemId, "output_index", index, "content_index", 0,
                    "text", full, "logprobs", List.of()));
            event("response.content_part.done", obj("item_id", itemId, "output_index", index, "content_index", 0,
                    "part", obj("type", "output_text", "text", full, "annotations", List.of(), "logprobs", List.of())));
            Map<String, Object> item = messageItem(itemId, full);
            event("response.output_item.done", obj("output_index", index, "item", item));
            output.add(item);
            return this;
        }

        ResponsesStream reasoning(String summary) {
            int index = output.size();
            Map<String, Object> item = reasoningItem(summary);
            event("response.output_item.added", obj("output_index", index, "item", obj("type", "reasoning",
                    "id", item.get("id"), "summary", List.of())));
            event("response.reasoning_summary_part.added", obj("item_id", item.get("id"), "output_index", index,
                    "summary_index", 0, "part", obj("type", "summary_text", "text", "")));
            event("response.reasoning_summary_text.delta", obj("item_id", item.get("id"), "output_index", index,
                    "summary_index", 0, "delta", summary, "obfuscation", "a1"));
            event("response.reasoning_summary_text.done", obj("item_id", item.get("id"), "output_index", index,
                    "summary_index", 0, "text", summary));
            event("response.output_item.done", obj("output_index", index, "item", item));
            output.add(item);
            return this;
        }

        ResponsesStream call(String itemId, Call c) {
            int index = output.size();
            event("response.output_item.added", obj("output_index", index, "item", obj("type", "function_call",
                    "id", itemId, "call_id", c.id(), "name", c.name(), "arguments", "", "status", "in_progress")));
            String first = c.arguments().substring(0, c.arguments().length() / 2);
            event("response.function_call_arguments.delta", obj("item_id", itemId, "output_index", index,
                    "delta", first, "obfuscation", "k2"));
            event("response.function_call_arguments.delta", obj("item_id", itemId, "output_index", index,
                    "delta", c.arguments().substring(first.length()), "obfuscation", "k3"));
            event("response.function_call_arguments.done", obj("item_id", itemId, "output_index", index,
                    "name", c.name(), "arguments", c.arguments()));
            Map<String, Object> item = functionCallItem(itemId, c);
            event("response.output_item.done", obj("output_index", index, "item", item));
            output.add(item);
            return this;
        }

        List<String> completed() {
            event("response.completed", obj("response", response(id, "completed", output, responsesUsage())));
            return List.copyOf(events);
        }

        /** The events so far, without a terminal one: a stream cut mid-way. */
        List<String> cut() {
            return List.copyOf(events);
        }

        List<String> failed(String code, String message) {
            Map<String, Object> failed = response(id, "failed", output, null);
            failed.put("error", obj("code", code, "message", message));
            event("response.failed", obj("response", failed));
            return List.copyOf(events);
        }

        private void event(String type, Map<String, Object> fields) {
            Map<String, Object> data = obj("type", type, "sequence_number", events.size());
            data.putAll(fields);
            events.add("event: " + type + "\ndata: " + json(data) + "\n\n");
        }
    }

    static List<String> responsesStream(String... pieces) {
        return new ResponsesStream("resp_stream_68af4030").text("msg_68af40305f", pieces).completed();
    }
}
