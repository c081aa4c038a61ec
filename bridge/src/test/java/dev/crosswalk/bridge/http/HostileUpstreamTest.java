package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import dev.crosswalk.translator.WireApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10 (1): an upstream that echoes the bridge's key (shaped like no provider's key, so only the exact-secret
 * rule can catch it) in every error member, every header, every stream frame, in plain and JSON-escaped form, and in
 * successful answers too. Nothing the client receives, status line, headers or body, may hold it, in either
 * upstream mode, translated or passed through, streamed or not.
 */
class HostileUpstreamTest {
    static final String KEY = "Zq7tY2uV9wX4kR3m";
    static final String CLIENT_KEY = "client-Pw8nL5jH2d";
    /** The key as a JSON writer that escapes everything would send it. */
    static final String ESCAPED = escapeAll(KEY);

    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi hostile;
    static BridgeServer overChat;
    static BridgeServer overResponses;

    @BeforeAll
    static void start() {
        hostile = kit.upstream().otherwise(HostileUpstreamTest::answer);
        overChat = bridge(WireApi.CHAT_COMPLETIONS);
        overResponses = bridge(WireApi.RESPONSES);
    }

    @AfterAll
    static void stop() {
        overChat.close();
        overResponses.close();
    }

    @Test
    void overAChatUpstreamNothingLeaks() {
        List<String> seen = new ArrayList<>();
        for (String model : List.of("err-json", "err-text", "err-other-shape", "ok", "ok-escaped", "stream-error")) {
            for (boolean stream : List.of(false, true)) {
                seen.add(call(overChat, "/v1/responses", Json.map("model", model, "input", "hi", "stream", stream)));
                seen.add(call(overChat, "/v1/chat/completions", Json.map("model", model, "stream", stream,
                        "messages", List.of(Json.map("role", "user", "content", "hi")))));
            }
        }
        seen.add(get(overChat, "/v1/models"));
        assertClean(seen);
    }

    @Test
    void overAResponsesUpstreamNothingLeaks() {
        List<String> seen = new ArrayList<>();
        for (String model : List.of("err-json", "err-text", "ok", "ok-escaped", "failed", "stream-error")) {
            for (boolean stream : List.of(false, true)) {
                seen.add(call(overResponses, "/v1/chat/completions", Json.map("model", model, "stream", stream,
                        "messages", List.of(Json.map("role", "user", "content", "hi")))));
                seen.add(call(overResponses, "/v1/responses", Json.map("model", model, "input", "hi", "stream", stream)));
            }
        }
        seen.add(get(overResponses, "/v1/models"));
        assertClean(seen);
    }

    private static void assertClean(List<String> seen) {
        // The exchanges really carried the upstream's words: the check below is not vacuous.
        assertThat(String.join("\n", seen)).contains("***").contains("your key is");
        for (String exchange : seen) {
            assertThat(exchange).doesNotContain(KEY).doesNotContain(KEY.substring(0, 6)).doesNotContain(KEY.substring(KEY.length() - 6))
                    .doesNotContain(ESCAPED.substring(0, 12)).doesNotContain(CLIENT_KEY);
        }
    }

    private static BridgeServer bridge(WireApi api) {
        return BridgeServer.start(BridgeConfig.builder(java.net.URI.create("http://127.0.0.1:" + hostile.port() + "/v1"), api)
                .host("127.0.0.1").port(0)
                .upstreamKey(Secret.of(KEY)).clientKeys(ClientKeys.of(List.of(CLIENT_KEY)))
                .translator(dev.crosswalk.translator.TranslatorOptions.builder()
                        .codec(dev.crosswalk.translator.json.JsonCodec.jackson3()).build())
                .build());
    }

    private static String call(BridgeServer bridge, String path, Object body) {
        return exchange(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + bridge.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), path + " " + Json.write(body));
    }

    private static String get(BridgeServer bridge, String path) {
        return exchange(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + bridge.port() + path)).GET(), path);
    }

    private static String exchange(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<byte[]> r = TestClient.HTTP.send(request.header("Authorization", "Bearer " + CLIENT_KEY)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return what + " -> " + r.statusCode() + " " + r.headers().map() + "\n" + new String(r.body(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            // A connection cut mid-stream is an acceptable end; what was received is what counts.
            return what + " -> " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the hostile upstream ----

    private static Reply answer(FakeOpenAi.Recorded req) {
        String received = String.valueOf(req.header("Authorization")).replaceFirst("(?i)^bearer ", "");
        return reply(req, received).header("openai-organization", "org-" + received)
                .header("openai-processing-ms", "Bearer " + received)
                .header("x-ratelimit-remaining-requests", received)
                .header("x-request-id", received)
                .header("retry-after", received);
    }

    private static Reply reply(FakeOpenAi.Recorded req, String received) {
        Map<String, Object> body = req.body().isBlank() ? Map.of() : Json.obj(req.body());
        String model = String.valueOf(body.get("model"));
        boolean stream = Boolean.TRUE.equals(body.get("stream"));
        boolean chat = req.path().endsWith("/chat/completions");
        String k = model.equals("ok-escaped") ? ESCAPED : received;
        if (req.path().endsWith("/models")) {
            return send(200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"" + k + "\",\"object\":\"model\"}]}");
        }
        switch (model) {
            case "err-json":
                return send(401, "application/json", "{\"error\":" + errorMember(k) + "}");
            case "err-text":
                return send(500, "text/plain", "x".repeat(295) + k + " and more");
            case "err-other-shape":
                return send(400, "application/json", "{\"message\":\"bad key " + k + "\",\"" + k + "\":[\"" + k + "\"]}");
            default:
                break;
        }
        if (!stream) {
            if (chat) {
                return send(200, "application/json", "{\"id\":\"chatcmpl-" + k + "\",\"object\":\"chat.completion\",\"created\":1,"
                        + "\"model\":\"" + k + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"your key is "
                        + k + "\"},\"finish_reason\":\"stop\"}],\"x_debug\":\"" + k + "\"}");
            }
            String status = model.equals("failed") ? "failed" : "completed";
            return send(200, "application/json", response(k, status));
        }
        List<String> frames = new ArrayList<>();
        if (chat) {
            frames.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"content\":\"your key is " + k + "\"},\"finish_reason\":null}]}\n\n");
            if (model.equals("stream-error")) {
                frames.add("data: {\"error\":" + errorMember(k) + "}\n\n");
            } else {
                frames.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
                frames.add("data: [DONE]\n\n");
            }
        } else {
            frames.add("event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                    + response(k, "in_progress").replace("\"output\":[{", "\"output\":[],\"x\":[{") + "}\n\n");
            frames.add("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":1,"
                    + "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"your key is " + k + "\"}\n\n");
            if (model.equals("stream-error") || model.equals("failed")) {
                frames.add("event: error\ndata: {\"type\":\"error\",\"sequence_number\":2,\"code\":\"" + k + "\",\"message\":\"" + k
                        + "\",\"param\":\"" + k + "\"}\n\n");
                frames.add("event: response.failed\ndata: {\"type\":\"response.failed\",\"sequence_number\":3,\"response\":"
                        + response(k, "failed") + "}\n\n");
            } else {
                frames.add("event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":2,\"response\":"
                        + response(k, "completed") + "}\n\n");
            }
        }
        // Split every frame in two, mid-key where it has one: the bridge must see across buffers.
        List<byte[]> pieces = new ArrayList<>();
        for (String f : frames) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            int cut = f.indexOf(k) >= 0 ? f.indexOf(k) + 3 : b.length / 2;
            pieces.add(java.util.Arrays.copyOfRange(b, 0, cut));
            pieces.add(java.util.Arrays.copyOfRange(b, cut, b.length));
        }
        return Reply.sseBytes(pieces).frameDelay(Duration.ofMillis(2));
    }

    private static String errorMember(String k) {
        return "{\"message\":\"Incorrect API key provided: " + k + "\",\"type\":\"auth:" + k + "\",\"param\":\"" + k + "\",\"code\":\"" + k
                + "\",\"debug\":{\"auth\":\"Bearer " + k + "\",\"" + k + "\":[\"" + k + "\"]}}";
    }

    private static String response(String k, String status) {
        String error = status.equals("failed") ? "{\"code\":\"server_error\",\"message\":\"failed with " + k + "\"}" : "null";
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"" + status + "\",\"model\":\"m\",\"error\":" + error
                + ",\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"status\":\"completed\",\"content\":[{\"type\":"
                + "\"output_text\",\"text\":\"your key is " + k + "\",\"annotations\":[]}]}],\"metadata\":{\"" + k + "\":\"" + k + "\"}}";
    }

    private static Reply send(int status, String type, String text) {
        return type.equals("application/json") ? Reply.json(status, text) : Reply.text(status, text);
    }

    private static String escapeAll(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
