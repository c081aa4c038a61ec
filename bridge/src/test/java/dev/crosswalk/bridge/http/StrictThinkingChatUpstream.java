package dev.crosswalk.bridge.http;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback Chat Completions server that behaves like the strict third-party thinking providers (DeepSeek in
 * thinking mode, Qwen, vLLM with a reasoning parser and a strict chat template):
 *
 * <ul>
 *   <li>rejects (400) top-level fields it does not know, {@code developer} messages, {@code system} messages after
 *       the first message, tools that are not {@code type: "function"}, and {@code parallel_tool_calls} without
 *       tools;</li>
 *   <li>thinks: every answer starts with {@code reasoning_content} (streamed in pieces), and a request that continues
 *       a tool-call turn whose assistant message lacks its {@code reasoning_content} gets 400, as DeepSeek answers;</li>
 *   <li>uses tools: asked to write a file while an {@code apply_patch} tool is offered, it calls it with
 *       {@code {"input": PATCH}}; after a tool result it answers with text. Model {@code raw-patch} answers with the
 *       bare patch instead of the JSON around it.</li>
 * </ul>
 *
 * Every request body is kept, as received, in {@link #received}. Written so it can move to the shared testkit.
 */
final class StrictThinkingChatUpstream implements AutoCloseable {
    /** The patch the model writes: adds {@code hello.txt}. */
    static final String PATCH = "*** Begin Patch\n*** Add File: hello.txt\n+Hello from a strict thinking model\n*** End Patch\n";
    static final String THINKING_FIRST = "The user wants hello.txt. I will add it with apply_patch.";
    static final String THINKING_AFTER_TOOL = "The patch was applied; I can report back.";
    static final String FINAL_TEXT = "Created hello.txt.";
    static final Set<String> KNOWN_FIELDS = Set.of("model", "messages", "tools", "tool_choice", "stream", "stream_options",
            "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "n", "seed", "user", "response_format",
            "frequency_penalty", "presence_penalty", "logprobs", "top_logprobs", "parallel_tool_calls");

    /** The bodies received, in order, as JSON text. */
    final List<String> received = new CopyOnWriteArrayList<>();
    /** The 400 messages sent, in order. */
    final List<String> rejections = new CopyOnWriteArrayList<>();
    private final DisposableServer server;
    private int calls;

    StrictThinkingChatUpstream() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.post("/v1/chat/completions", this::complete))
                .bindNow();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** The last body received, parsed. */
    Map<String, Object> last() {
        return Json.obj(received.get(received.size() - 1));
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    private Publisher<Void> complete(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("{}").flatMap(text -> {
            received.add(text);
            Map<String, Object> body = Json.obj(text);
            String problem = validate(body);
            if (problem != null) {
                rejections.add(problem);
                return FakeUpstream.json(res, 400, Json.map("error", Json.map("message", problem, "type", "invalid_request_error",
                        "param", null, "code", "invalid_request_error")));
            }
            Reply reply = reply(body);
            if (Boolean.TRUE.equals(body.get("stream"))) {
                res.status(200).header("Content-Type", "text/event-stream; charset=utf-8");
                return res.send(Flux.fromIterable(frames(body, reply)).map(s -> Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8))), b -> true).then();
            }
            return FakeUpstream.json(res, 200, unary(body, reply));
        });
    }

    /** Why a strict thinking server refuses this body, or null. */
    static String validate(Map<String, Object> body) {
        for (String key : body.keySet()) {
            if (!KNOWN_FIELDS.contains(key)) {
                return "Unrecognized request argument supplied: " + key;
            }
        }
        List<Object> tools = body.get("tools") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        for (Object tool : tools) {
            if (!"function".equals(((Map<?, ?>) tool).get("type"))) {
                return "Invalid tool type: " + ((Map<?, ?>) tool).get("type") + ". Only function is supported.";
            }
        }
        if (body.containsKey("parallel_tool_calls") && tools.isEmpty()) {
            return "parallel_tool_calls is only allowed when tools are specified";
        }
        List<?> messages = (List<?>) body.get("messages");
        for (int i = 0; i < messages.size(); i++) {
            Map<?, ?> m = (Map<?, ?>) messages.get(i);
            Object role = m.get("role");
            if ("developer".equals(role)) {
                return "messages[" + i + "]: unknown variant `developer`, expected one of `system`, `user`, `assistant`, `tool`";
            }
            if ("system".equals(role) && i > 0) {
                return "messages[" + i + "]: System message must be at the beginning.";
            }
            boolean continued = i + 1 < messages.size() && "tool".equals(((Map<?, ?>) messages.get(i + 1)).get("role"));
            if ("assistant".equals(role) && m.get("tool_calls") != null && continued
                    && !(m.get("reasoning_content") instanceof String r && !r.isEmpty())) {
                return "Missing `reasoning_content` field in the assistant message at message index " + i
                        + ". For more information, please refer to https://api-docs.deepseek.com/guides/thinking_mode#tool-calls";
            }
        }
        return null;
    }

    /** What the model answers: thinking, then a call to apply_patch or text. */
    private record Reply(String thinking, String text, String callId, String arguments) {
    }

    private synchronized Reply reply(Map<String, Object> body) {
        List<?> messages = (List<?>) body.get("messages");
        Map<?, ?> last = (Map<?, ?>) messages.get(messages.size() - 1);
        boolean patchTool = body.get("tools") instanceof List<?> tools && tools.stream()
                .anyMatch(t -> "apply_patch".equals(((Map<?, ?>) ((Map<?, ?>) t).get("function")).get("name")));
        if ("user".equals(last.get("role")) && patchTool) {
            String arguments = "raw-patch".equals(body.get("model")) ? PATCH : Json.write(Map.of("input", PATCH));
            return new Reply(THINKING_FIRST, null, "call_patch_" + (++calls), arguments);
        }
        return new Reply("tool".equals(last.get("role")) ? THINKING_AFTER_TOOL : "A greeting is enough.",
                "tool".equals(last.get("role")) ? FINAL_TEXT : "Hello.", null, null);
    }

    private static Map<String, Object> unary(Map<String, Object> body, Reply reply) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", reply.text() == null ? "" : reply.text());
        message.put("reasoning_content", reply.thinking());
        if (reply.callId() != null) {
            message.put("tool_calls", List.of(Json.map("index", 0, "id", reply.callId(), "type", "function",
                    "function", Json.map("name", "apply_patch", "arguments", reply.arguments()))));
        }
        return Json.map("id", "chatcmpl-strict", "object", "chat.completion", "created", 1770000000, "model", body.get("model"),
                "choices", List.of(Json.map("index", 0, "message", message, "logprobs", null,
                        "finish_reason", reply.callId() != null ? "tool_calls" : "stop")),
                "usage", Json.map("prompt_tokens", 40, "completion_tokens", 20, "total_tokens", 60,
                        "completion_tokens_details", Json.map("reasoning_tokens", 12)));
    }

    /** The stream: the thinking in three pieces, then the call's arguments in small pieces (or the text), usage, DONE. */
    private static List<String> frames(Map<String, Object> body, Reply reply) {
        List<Map<String, Object>> deltas = new ArrayList<>();
        deltas.add(Json.map("role", "assistant", "content", null, "reasoning_content", ""));
        for (String piece : pieces(reply.thinking(), 3)) {
            deltas.add(Json.map("reasoning_content", piece));
        }
        if (reply.callId() != null) {
            deltas.add(Json.map("tool_calls", List.of(Json.map("index", 0, "id", reply.callId(), "type", "function",
                    "function", Json.map("name", "apply_patch", "arguments", "")))));
            for (String piece : pieces(reply.arguments(), 7)) {
                deltas.add(Json.map("tool_calls", List.of(Json.map("index", 0, "function", Json.map("arguments", piece)))));
            }
        } else {
            for (String piece : pieces(reply.text(), 2)) {
                deltas.add(Json.map("content", piece));
            }
        }
        List<String> frames = new ArrayList<>();
        for (Map<String, Object> delta : deltas) {
            frames.add(chunk(body, delta, null, null));
        }
        frames.add(chunk(body, Map.of(), reply.callId() != null ? "tool_calls" : "stop", null));
        frames.add(chunk(body, null, null, Json.map("prompt_tokens", 40, "completion_tokens", 20, "total_tokens", 60)));
        frames.add("data: [DONE]\n\n");
        return frames;
    }

    private static String chunk(Map<String, Object> body, Map<String, Object> delta, String finish, Map<String, Object> usage) {
        Map<String, Object> chunk = Json.map("id", "chatcmpl-strict", "object", "chat.completion.chunk", "created", 1770000000,
                "model", body.get("model"),
                "choices", delta == null ? List.of() : List.of(Json.map("index", 0, "delta", delta, "logprobs", null, "finish_reason", finish)),
                "usage", usage);
        return "data: " + Json.write(chunk) + "\n\n";
    }

    private static List<String> pieces(String text, int n) {
        List<String> out = new ArrayList<>();
        int size = Math.max(1, (text.length() + n - 1) / n);
        for (int at = 0; at < text.length(); at += size) {
            out.add(text.substring(at, Math.min(text.length(), at + size)));
        }
        return out;
    }
}
