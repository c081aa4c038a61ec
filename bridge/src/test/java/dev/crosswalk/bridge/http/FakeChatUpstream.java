package dev.crosswalk.bridge.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Chat Completions-only upstream ({@code POST /v1/chat/completions}), with OpenAI-shaped bodies and chunks. */
final class FakeChatUpstream extends FakeUpstream {

    FakeChatUpstream() {
        super("/chat/completions");
    }

    @Override
    Answer answer(Map<String, Object> body) {
        if ("json_schema".equals(Json.str(body, "response_format.type"))) {
            return new Answer(STRUCTURED, List.of());
        }
        List<Object> messages = Json.list(body, "messages");
        Object last = messages.get(messages.size() - 1);
        String role = Json.str(last, "role");
        if ("tool".equals(role)) {
            StringBuilder results = new StringBuilder();
            for (int i = messages.size() - 1; i >= 0 && "tool".equals(Json.str(messages.get(i), "role")); i--) {
                results.insert(0, (results.length() > 0 ? "; " : "") + text(messages.get(i)));
            }
            return new Answer("Weather: " + results, List.of());
        }
        if (body.get("tools") != null && "user".equals(role)) {
            return toolAnswer(text(last));
        }
        return new Answer("Echo: " + text(last) + " (" + messages.size() + " messages)", List.of());
    }

    /** A message's text, whether its content is a string or parts. */
    static String text(Object message) {
        Object content = Json.at(message, "content");
        if (content instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        if (content instanceof List<?> parts) {
            for (Object p : parts) {
                Object t = Json.at(p, "text");
                if (t != null) {
                    out.append(t);
                }
            }
        }
        return out.toString();
    }

    @Override
    Map<String, Object> unary(Map<String, Object> body, Answer answer) {
        Map<String, Object> message = Json.map("role", "assistant", "content", answer.text(), "refusal", null, "annotations", List.of());
        if (answer.toolCalls()) {
            List<Object> calls = new ArrayList<>();
            for (ToolCall c : answer.calls()) {
                calls.add(Json.map("id", c.id(), "type", "function", "function", Json.map("name", c.name(), "arguments", c.arguments())));
            }
            message.put("tool_calls", calls);
        }
        return Json.map("id", "chatcmpl-fake1", "object", "chat.completion", "created", 1700000000, "model", body.get("model"),
                "choices", List.of(Json.map("index", 0, "message", message, "logprobs", null,
                        "finish_reason", answer.toolCalls() ? "tool_calls" : "stop")),
                "usage", usage(body), "service_tier", "default", "system_fingerprint", "fp_fake");
    }

    @Override
    List<String> frames(Map<String, Object> body, Answer answer) {
        boolean usage = Boolean.TRUE.equals(Json.at(body, "stream_options.include_usage"));
        Object model = body.get("model");
        List<String> frames = new ArrayList<>();
        frames.add(chunk(model, Json.map("role", "assistant", "content", "", "refusal", null), null, usage));
        if (answer.toolCalls()) {
            List<ToolCall> calls = answer.calls();
            for (int i = 0; i < calls.size(); i++) {
                ToolCall c = calls.get(i);
                frames.add(chunk(model, Json.map("tool_calls", List.of(Json.map("index", i, "id", c.id(), "type", "function",
                        "function", Json.map("name", c.name(), "arguments", "")))), null, usage));
                if (!interleave(body)) {
                    for (String piece : pieces(c.arguments(), 5)) {
                        frames.add(chunk(model, Json.map("tool_calls", List.of(Json.map("index", i,
                                "function", Json.map("arguments", piece)))), null, usage));
                    }
                }
            }
            // Asked to, parallel calls interleave their fragments (index 0, 1, 0, 1) as some OpenAI-compatible servers do.
            int longest = interleave(body) ? calls.stream().mapToInt(c -> pieces(c.arguments(), 5).size()).max().orElse(0) : 0;
            for (int p = 0; p < longest; p++) {
                for (int i = 0; i < calls.size(); i++) {
                    List<String> args = pieces(calls.get(i).arguments(), 5);
                    if (p < args.size()) {
                        frames.add(chunk(model, Json.map("tool_calls", List.of(Json.map("index", i,
                                "function", Json.map("arguments", args.get(p))))), null, usage));
                    }
                }
            }
        } else {
            for (String piece : pieces(answer.text(), "slow".equals(model) ? 1 : 4)) {
                frames.add(chunk(model, Json.map("content", piece), null, usage));
            }
        }
        frames.add(chunk(model, Json.map(), answer.toolCalls() ? "tool_calls" : "stop", usage));
        if (usage) {
            frames.add("data: " + Json.write(Json.map("id", "chatcmpl-fake1", "object", "chat.completion.chunk", "created", 1700000000,
                    "model", model, "system_fingerprint", "fp_fake", "choices", List.of(), "usage", usage(body))) + "\n\n");
        }
        frames.add("data: [DONE]\n\n");
        return frames;
    }

    @Override
    String errorFrame(int sequence) {
        return "data: " + Json.write(error("The model is overloaded. Please try again later.", "server_error", "model_overloaded")) + "\n\n";
    }

    private static boolean interleave(Map<String, Object> body) {
        List<Object> messages = Json.list(body, "messages");
        return text(messages.get(messages.size() - 1)).contains("interleaved");
    }

    private static String chunk(Object model, Map<String, Object> delta, String finish, boolean usage) {
        Map<String, Object> chunk = Json.map("id", "chatcmpl-fake1", "object", "chat.completion.chunk", "created", 1700000000,
                "model", model, "service_tier", "default", "system_fingerprint", "fp_fake",
                "choices", List.of(Json.map("index", 0, "delta", delta, "logprobs", null, "finish_reason", finish)));
        if (usage) {
            chunk.put("usage", null);
        }
        return "data: " + Json.write(chunk) + "\n\n";
    }

    private static Map<String, Object> usage(Map<String, Object> body) {
        int prompt = 10 * Json.list(body, "messages").size();
        return Json.map("prompt_tokens", prompt, "completion_tokens", 9, "total_tokens", prompt + 9,
                "prompt_tokens_details", Json.map("cached_tokens", 0, "audio_tokens", 0),
                "completion_tokens_details", Json.map("reasoning_tokens", 0, "audio_tokens", 0,
                        "accepted_prediction_tokens", 0, "rejected_prediction_tokens", 0));
    }
}
