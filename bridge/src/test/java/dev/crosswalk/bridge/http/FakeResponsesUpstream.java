package dev.crosswalk.bridge.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A Responses-only upstream ({@code POST /v1/responses}, {@code GET /v1/responses/{id}}), with OpenAI-shaped response
 * objects and typed events carrying {@code sequence_number}, {@code obfuscation} and no {@code [DONE]}, as live
 * OpenAI streams do.
 */
final class FakeResponsesUpstream extends FakeUpstream {

    FakeResponsesUpstream() {
        super("/responses");
    }

    @Override
    Answer answer(Map<String, Object> body) {
        if ("json_schema".equals(Json.str(body, "text.format.type"))) {
            return new Answer(STRUCTURED, List.of());
        }
        Object input = body.get("input");
        if (input instanceof String s) {
            return body.get("tools") != null ? toolAnswer(s) : new Answer("Echo: " + s + " (1 items)", List.of());
        }
        List<Object> items = Json.list(body, "input");
        Object last = items.get(items.size() - 1);
        if ("function_call_output".equals(Json.str(last, "type"))) {
            StringBuilder results = new StringBuilder();
            for (int i = items.size() - 1; i >= 0 && "function_call_output".equals(Json.str(items.get(i), "type")); i--) {
                results.insert(0, (results.length() > 0 ? "; " : "") + Json.str(items.get(i), "output"));
            }
            return new Answer("Weather: " + results, List.of());
        }
        String text = FakeChatUpstream.text(last);
        if (body.get("tools") != null && "user".equals(Json.str(last, "role"))) {
            return toolAnswer(text);
        }
        return new Answer("Echo: " + text + " (" + items.size() + " items)", List.of());
    }

    @Override
    Map<String, Object> unary(Map<String, Object> body, Answer answer) {
        return response(body, "completed", outputItems(answer));
    }

    @Override
    List<String> frames(Map<String, Object> body, Answer answer) {
        List<String> frames = new ArrayList<>();
        int[] seq = {0};
        frames.add(event("response.created", seq, Json.map("response", inProgress(body))));
        frames.add(event("response.in_progress", seq, Json.map("response", inProgress(body))));
        List<Map<String, Object>> items = outputItems(answer);
        for (int index = 0; index < items.size(); index++) {
            Map<String, Object> item = items.get(index);
            String id = (String) item.get("id");
            if ("message".equals(item.get("type"))) {
                frames.add(event("response.output_item.added", seq, Json.map("output_index", index,
                        "item", Json.map("id", id, "type", "message", "status", "in_progress", "content", List.of(), "role", "assistant"))));
                frames.add(event("response.content_part.added", seq, Json.map("item_id", id, "output_index", index, "content_index", 0,
                        "part", Json.map("type", "output_text", "annotations", List.of(), "logprobs", List.of(), "text", ""))));
                for (String piece : pieces(answer.text(), "slow".equals(body.get("model")) ? 1 : 4)) {
                    frames.add(event("response.output_text.delta", seq, Json.map("item_id", id, "output_index", index,
                            "content_index", 0, "delta", piece, "logprobs", List.of(), "obfuscation", "xY")));
                }
                frames.add(event("response.output_text.done", seq, Json.map("item_id", id, "output_index", index,
                        "content_index", 0, "text", answer.text(), "logprobs", List.of())));
                frames.add(event("response.content_part.done", seq, Json.map("item_id", id, "output_index", index, "content_index", 0,
                        "part", Json.map("type", "output_text", "annotations", List.of(), "logprobs", List.of(), "text", answer.text()))));
            } else {
                frames.add(event("response.output_item.added", seq, Json.map("output_index", index,
                        "item", Json.map("id", id, "type", "function_call", "status", "in_progress", "arguments", "",
                                "call_id", item.get("call_id"), "name", item.get("name")))));
                for (String piece : pieces((String) item.get("arguments"), 5)) {
                    frames.add(event("response.function_call_arguments.delta", seq, Json.map("item_id", id, "output_index", index,
                            "delta", piece, "obfuscation", "ab")));
                }
                frames.add(event("response.function_call_arguments.done", seq, Json.map("item_id", id, "output_index", index,
                        "name", item.get("name"), "arguments", item.get("arguments"))));
            }
            frames.add(event("response.output_item.done", seq, Json.map("output_index", index, "item", item)));
        }
        frames.add(event("response.completed", seq, Json.map("response", response(body, "completed", items))));
        return frames;
    }

    @Override
    String errorFrame(int sequence) {
        return "event: error\ndata: " + Json.write(Json.map("type", "error", "sequence_number", sequence, "code", "model_overloaded",
                "message", "The model is overloaded. Please try again later.", "param", null)) + "\n\n";
    }

    /** As recorded from api.openai.com: the error nested, nothing at the top level. */
    @Override
    String liveErrorFrame(int sequence) {
        return "event: error\ndata: " + Json.write(Json.map("type", "error", "sequence_number", sequence, "error", Json.map(
                "type", "insufficient_quota", "code", "insufficient_quota",
                "message", "You exceeded your current quota, please check your plan and billing details.", "param", null))) + "\n\n";
    }

    /** {@code GET /v1/responses/{id}}: the upstream's own store, for the pass-through test. */
    @Override
    Publisher<Void> other(HttpServerRequest req, HttpServerResponse res) {
        if (req.method().name().equals("GET") && req.uri().startsWith("/v1/responses/resp_upstream")) {
            return record(req, null).then(json(res, 200, response(Json.map("model", "gpt-test"), "completed",
                    outputItems(new Answer("stored upstream", List.of())))));
        }
        if (req.method().name().equals("POST") && req.uri().equals("/v1/responses/compact")) {
            // The upstream's own compaction, opaque to the bridge (which passes it through).
            return req.receive().aggregate().asString().defaultIfEmpty("{}").flatMap(text -> {
                Map<String, Object> body = Json.obj(text);
                return record(req, body).then(body.get("model") == null
                        ? json(res, 400, error("Missing required parameter: 'model'.", "invalid_request_error", "missing_required_parameter"))
                        : json(res, 200, Json.map("id", "resp_compact1", "object", "response.compaction", "created_at", 1700000000,
                                "output", List.of(Json.map("type", "compaction", "id", "cmp_upstream1", "encrypted_content", "gAAAA-upstream-opaque")),
                                "usage", Json.map("input_tokens", 40, "output_tokens", 12, "total_tokens", 52))));
            });
        }
        return super.other(req, res);
    }

    private List<Map<String, Object>> outputItems(Answer answer) {
        List<Map<String, Object>> items = new ArrayList<>();
        if (answer.toolCalls()) {
            int n = 1;
            for (ToolCall c : answer.calls()) {
                items.add(Json.map("id", "fc_" + c.id() + "_" + n++, "type", "function_call", "status", "completed",
                        "arguments", c.arguments(), "call_id", c.id(), "name", c.name()));
            }
        } else {
            items.add(Json.map("id", "msg_fake1", "type", "message", "status", "completed", "role", "assistant",
                    "content", List.of(Json.map("type", "output_text", "annotations", List.of(), "logprobs", List.of(), "text", answer.text()))));
        }
        return items;
    }

    private static Map<String, Object> inProgress(Map<String, Object> body) {
        Map<String, Object> r = response(body, "in_progress", List.of());
        r.put("usage", null);
        r.put("completed_at", null);
        return r;
    }

    private static Map<String, Object> response(Map<String, Object> body, String status, List<Map<String, Object>> output) {
        Map<String, Object> r = Json.map("id", "resp_fake1", "object", "response", "created_at", 1700000000, "status", status,
                "background", false, "completed_at", 1700000001, "error", null, "incomplete_details", null,
                "instructions", body.get("instructions"), "max_output_tokens", body.get("max_output_tokens"), "max_tool_calls", null,
                "model", body.get("model"), "output", output, "parallel_tool_calls", true, "previous_response_id", null,
                "reasoning", Json.map("effort", null, "summary", null), "service_tier", "default",
                "store", body.getOrDefault("store", true), "temperature", 1.0,
                "text", body.get("text") != null ? body.get("text") : Json.map("format", Json.map("type", "text"), "verbosity", "medium"),
                "tool_choice", body.getOrDefault("tool_choice", "auto"), "tools", body.getOrDefault("tools", List.of()),
                "top_logprobs", 0, "top_p", 1.0, "truncation", "disabled",
                "usage", Json.map("input_tokens", 12, "input_tokens_details", Json.map("cached_tokens", 2), "output_tokens", 9,
                        "output_tokens_details", Json.map("reasoning_tokens", 0), "total_tokens", 21),
                "user", null, "metadata", Json.map(), "presence_penalty", 0.0, "frequency_penalty", 0.0,
                "safety_identifier", null, "prompt_cache_key", body.get("prompt_cache_key"));
        r.put("previous_response_id", body.get("previous_response_id"));
        return r;
    }

    private static String event(String type, int[] seq, Map<String, Object> fields) {
        Map<String, Object> data = Json.map("type", type, "sequence_number", seq[0]++);
        data.putAll(fields);
        return "event: " + type + "\ndata: " + Json.write(data) + "\n\n";
    }
}
