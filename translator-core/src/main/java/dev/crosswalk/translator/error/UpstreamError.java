package dev.crosswalk.translator.error;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.ErrorEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one reader of errors that come from an upstream: HTTP error bodies and error frames inside streams, in every
 * shape live servers send. The bridge and both adapters read upstream errors only through it.
 *
 * <p>Shapes read (see docs/architecture.md, "Upstream errors"):
 * <ul>
 *   <li>OpenAI's nested body {@code {"error":{"message","type","param","code"}}}, which is also how a Chat server
 *       fails inside a stream ({@code data: {"error":{…}}}, no {@code choices});</li>
 *   <li>the Responses {@code error} event in the specification's top-level shape
 *       {@code {"type":"error","code","message","param"}} and in the live nested shape
 *       {@code {"type":"error","error":{"type","code","message","param"}}};</li>
 *   <li>the top-level body of vLLM and similar servers {@code {"object":"error","message","type","param","code"}}
 *       ({@code code} may be a number), gateways' {@code {"error":"text"}} and FastAPI's {@code {"detail":"text"}}.</li>
 * </ul>
 *
 * <pre>{@code
 * OpenAiError e = UpstreamError.fromBody(status, bodyBytes, codec, redactor);   // never null, redacted
 * OpenAiError f = UpstreamError.fromFrame(codec, sseData);                       // null: not an error frame
 * int status = UpstreamError.status(f);                                          // 429 for rate limits, ...
 * }</pre>
 */
public final class UpstreamError {
    /** How much of a body that is not an error object is quoted in the message. */
    public static final int MAX_QUOTED_CHARS = 300;

    private static final Set<String> MEMBERS = Set.of("message", "type", "param", "code");

    private UpstreamError() {
    }

    /**
     * The error of an HTTP answer with status ≥ 400, always: the upstream's own error object when the body has one,
     * else a description quoting the start of the body. Every member is redacted; a missing {@code type} is set
     * from the status.
     */
    public static OpenAiError fromBody(int status, byte[] body, JsonCodec codec, Redactor redactor) {
        OpenAiError parsed = readBody(body, codec);
        if (parsed != null) {
            OpenAiError typed = parsed.type() != null ? parsed
                    : new OpenAiError(parsed.message(), typeFor(status), parsed.param(), parsed.code(), parsed.extra());
            return redactor.redact(typed);
        }
        // Masked whole, then cut: a secret straddling the cut would otherwise leave its first characters.
        String text = redactor.redactAndTruncate(new String(body, StandardCharsets.UTF_8), MAX_QUOTED_CHARS).strip();
        String message = "The upstream answered HTTP " + status + (text.isEmpty() ? "." : ": " + text);
        return new OpenAiError(message, typeFor(status), null, "upstream_error");
    }

    /** The error object in an HTTP error body, in any shape above, or {@code null} (not JSON, or no error in it). */
    public static OpenAiError readBody(byte[] body, JsonCodec codec) {
        if (body == null || body.length == 0) {
            return null;
        }
        Object tree;
        try {
            tree = codec.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException notJson) {
            // Gateways answer errors in HTML or plain text too: the caller describes the body instead.
            return null;
        }
        return readBody(tree);
    }

    /** Like {@link #readBody(byte[], JsonCodec)}, on a JSON tree as {@link JsonCodec#readTree} returns it. */
    public static OpenAiError readBody(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            return null;
        }
        OpenAiError framed = fromFrame(tree);
        if (framed != null) {
            return framed;
        }
        if (map.get("message") instanceof String) {
            return error(map, Set.of("object"));
        }
        if (map.get("detail") instanceof String detail && !detail.isBlank()) {
            return new OpenAiError(detail, null, null, null);
        }
        return null;
    }

    /**
     * The error a stream frame's {@code data} carries, or {@code null} when the frame is not an error frame (an
     * ordinary chunk or event; also when it is not JSON, which the stream's own reader reports).
     */
    public static OpenAiError fromFrame(JsonCodec codec, String data) {
        if (data == null || !data.contains("error")) {
            return null;
        }
        try {
            return fromFrame(codec.readTree(data));
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** Like {@link #fromFrame(JsonCodec, String)}, on a JSON tree. */
    public static OpenAiError fromFrame(Object tree) {
        if (!(tree instanceof Map<?, ?> map) || map.containsKey("choices")) {
            return null;
        }
        Object nested = map.get("error");
        boolean errorEvent = "error".equals(map.get("type"));
        if (nested instanceof Map<?, ?> error) {
            return error(error, Set.of());
        }
        if (nested instanceof String text && !text.isBlank()) {
            return new OpenAiError(text, null, null, null);
        }
        if (errorEvent) {
            // The specification's top-level shape: "type" is the event's tag, not the error's class.
            return error(map, Set.of("type", "sequence_number"));
        }
        if ("error".equals(map.get("object"))) {
            return error(map, Set.of("object"));
        }
        return null;
    }

    /** The error of a Responses {@code error} event, in either shape. */
    public static OpenAiError fromEvent(ErrorEvent event) {
        if (event.error() != null) {
            // The live shape, read into ErrorEvent's typed nested error (its values win over the top-level ones).
            return event.toOpenAiError();
        }
        if (event.extra().get("error") instanceof Map<?, ?> nested) {
            return error(nested, Set.of());
        }
        return new OpenAiError(event.message(), null, event.param(), event.code(), Map.of());
    }

    /** The HTTP status that fits an error that arrived without one (inside a stream, or in a failed response). */
    public static int status(OpenAiError error) {
        String type = error.type() == null ? "" : error.type();
        String code = error.code() == null ? "" : error.code();
        if (code.contains("rate_limit") || type.contains("rate_limit") || code.equals("insufficient_quota")) {
            return 429;
        }
        if (code.equals("invalid_api_key") || type.equals("authentication_error")) {
            return 401;
        }
        if (type.equals("invalid_request_error") || code.equals("context_length_exceeded") || code.equals("invalid_prompt")) {
            return 400;
        }
        if (code.equals("upstream_timeout")) {
            return 504;
        }
        if (code.startsWith("upstream_") || code.equals("stream_incomplete")) {
            return 502;
        }
        return 500;
    }

    /** OpenAI's error {@code type} for an HTTP status. */
    public static String typeFor(int status) {
        if (status == 429) {
            return "rate_limit_error";
        }
        if (status == 401 || status == 403) {
            return "authentication_error";
        }
        return status < 500 ? "invalid_request_error" : "server_error";
    }

    private static OpenAiError error(Map<?, ?> members, Set<String> skip) {
        Map<String, Object> extra = new LinkedHashMap<>();
        members.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!MEMBERS.contains(key) && !skip.contains(key)) {
                extra.put(key, v);
            }
        });
        String type = skip.contains("type") ? null : string(members.get("type"));
        return new OpenAiError(string(members.get("message")), type, string(members.get("param")),
                string(members.get("code")), extra);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
