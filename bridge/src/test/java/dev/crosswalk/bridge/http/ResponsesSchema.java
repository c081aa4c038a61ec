package dev.crosswalk.bridge.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Responses schema's required keys and their JSON types, written from the Open Responses specification
 * ({@code ResponseResource} and the streaming event schemas that its compliance suite validates with) — an oracle
 * independent of the bridge's own records. Each check returns the problems it found, by path; none means valid.
 */
final class ResponsesSchema {
    private ResponsesSchema() {
    }

    private enum T { STRING, NULLABLE_STRING, INT, NULLABLE_INT, NUMBER, BOOL, ARRAY, OBJECT, NULLABLE_OBJECT, PRESENT }

    /** ResponseResource: every key required, nullable ones only where the schema says {@code | null}. */
    private static final Map<String, T> RESPONSE = Map.ofEntries(
            Map.entry("id", T.STRING), Map.entry("object", T.STRING), Map.entry("created_at", T.INT),
            Map.entry("completed_at", T.NULLABLE_INT), Map.entry("status", T.STRING),
            Map.entry("incomplete_details", T.NULLABLE_OBJECT), Map.entry("model", T.STRING),
            Map.entry("previous_response_id", T.NULLABLE_STRING), Map.entry("instructions", T.NULLABLE_STRING),
            Map.entry("output", T.ARRAY), Map.entry("error", T.NULLABLE_OBJECT), Map.entry("tools", T.ARRAY),
            Map.entry("tool_choice", T.PRESENT), Map.entry("truncation", T.STRING), Map.entry("parallel_tool_calls", T.BOOL),
            Map.entry("text", T.OBJECT), Map.entry("top_p", T.NUMBER), Map.entry("presence_penalty", T.NUMBER),
            Map.entry("frequency_penalty", T.NUMBER), Map.entry("top_logprobs", T.INT), Map.entry("temperature", T.NUMBER),
            Map.entry("reasoning", T.NULLABLE_OBJECT), Map.entry("usage", T.NULLABLE_OBJECT),
            Map.entry("max_output_tokens", T.NULLABLE_INT), Map.entry("max_tool_calls", T.NULLABLE_INT),
            Map.entry("store", T.BOOL), Map.entry("background", T.BOOL), Map.entry("service_tier", T.STRING),
            Map.entry("metadata", T.PRESENT), Map.entry("safety_identifier", T.NULLABLE_STRING),
            Map.entry("prompt_cache_key", T.NULLABLE_STRING));

    private static final Map<String, Map<String, T>> EVENTS = Map.ofEntries(
            Map.entry("response.output_item.added", Map.of("output_index", T.INT, "item", T.OBJECT)),
            Map.entry("response.output_item.done", Map.of("output_index", T.INT, "item", T.OBJECT)),
            Map.entry("response.content_part.added", Map.of("item_id", T.STRING, "output_index", T.INT, "content_index", T.INT, "part", T.OBJECT)),
            Map.entry("response.content_part.done", Map.of("item_id", T.STRING, "output_index", T.INT, "content_index", T.INT, "part", T.OBJECT)),
            Map.entry("response.output_text.delta", Map.of("item_id", T.STRING, "output_index", T.INT, "content_index", T.INT,
                    "delta", T.STRING, "logprobs", T.ARRAY)),
            Map.entry("response.output_text.done", Map.of("item_id", T.STRING, "output_index", T.INT, "content_index", T.INT,
                    "text", T.STRING, "logprobs", T.ARRAY)),
            Map.entry("response.function_call_arguments.delta", Map.of("item_id", T.STRING, "output_index", T.INT, "delta", T.STRING)),
            Map.entry("response.function_call_arguments.done", Map.of("item_id", T.STRING, "output_index", T.INT, "arguments", T.STRING)),
            Map.entry("response.refusal.delta", Map.of("item_id", T.STRING, "output_index", T.INT, "content_index", T.INT, "delta", T.STRING)),
            Map.entry("response.refusal.done", Map.of("item_id", T.STRING, "output_index", T.INT, "content_index", T.INT, "refusal", T.STRING)));

    private static final Set<String> RESPONSE_EVENTS = Set.of("response.created", "response.queued", "response.in_progress",
            "response.completed", "response.failed", "response.incomplete");

    /** Problems of a Response object, its output items included. */
    static List<String> response(Object response) {
        List<String> problems = new ArrayList<>();
        checkResponse("$", response, problems);
        return problems;
    }

    /** Problems of one streaming event, its response snapshot included. */
    static List<String> event(Map<String, Object> event) {
        List<String> problems = new ArrayList<>();
        Object type = event.get("type");
        if (!(type instanceof String t)) {
            problems.add("$.type: missing");
            return problems;
        }
        check("$", event, "sequence_number", T.INT, problems);
        if (RESPONSE_EVENTS.contains(t)) {
            checkResponse("$.response", event.get("response"), problems);
        } else if (t.equals("error")) {
            // Both shapes: the spec's top-level fields and the live API's nested error (the SDKs raise on the latter).
            check("$", event, "message", T.STRING, problems);
            check("$", event, "code", T.NULLABLE_STRING, problems);
            check("$", event, "param", T.NULLABLE_STRING, problems);
            Object error = event.get("error");
            if (!(error instanceof Map<?, ?> e)) {
                problems.add("$.error: the nested error object is missing");
            } else {
                check("$.error", cast(e), "type", T.STRING, problems);
                check("$.error", cast(e), "message", T.STRING, problems);
                check("$.error", cast(e), "code", T.NULLABLE_STRING, problems);
                check("$.error", cast(e), "param", T.NULLABLE_STRING, problems);
            }
        } else if (EVENTS.containsKey(t)) {
            EVENTS.get(t).forEach((key, kind) -> check("$", event, key, kind, problems));
            if (event.get("item") instanceof Map<?, ?> item) {
                checkItem("$.item", cast(item), problems);
            }
        }
        return problems;
    }

    /**
     * A compacted response ({@code POST /v1/responses/compact}) against the spec's {@code CompactResource}: id,
     * {@code object: "response.compaction"}, {@code created_at}, usage, and output items that are full items (a
     * message with id, status, role and content parts; a compaction with its {@code encrypted_content}).
     */
    static List<String> compacted(Object value) {
        List<String> problems = new ArrayList<>();
        if (!(value instanceof Map<?, ?> m)) {
            return List.of("$: not an object");
        }
        Map<String, Object> c = cast(m);
        check("$", c, "id", T.STRING, problems);
        check("$", c, "created_at", T.INT, problems);
        check("$", c, "output", T.ARRAY, problems);
        check("$", c, "usage", T.OBJECT, problems);
        if (!"response.compaction".equals(c.get("object"))) {
            problems.add("$.object: not \"response.compaction\"");
        }
        if (c.get("output") instanceof List<?> output) {
            for (int i = 0; i < output.size(); i++) {
                if (!(output.get(i) instanceof Map<?, ?> item)) {
                    problems.add("$.output[" + i + "]: not an object");
                } else if ("compaction".equals(item.get("type"))) {
                    check("$.output[" + i + "]", cast(item), "encrypted_content", T.STRING, problems);
                } else {
                    checkItem("$.output[" + i + "]", cast(item), problems);
                }
            }
        }
        return problems;
    }

    private static void checkResponse(String path, Object value, List<String> problems) {
        if (!(value instanceof Map<?, ?> m)) {
            problems.add(path + ": not an object");
            return;
        }
        Map<String, Object> r = cast(m);
        RESPONSE.forEach((key, kind) -> check(path, r, key, kind, problems));
        if (!"response".equals(r.get("object"))) {
            problems.add(path + ".object: not \"response\"");
        }
        if (r.get("truncation") != null && !Set.of("auto", "disabled").contains(r.get("truncation"))) {
            problems.add(path + ".truncation: not auto|disabled");
        }
        if (r.get("output") instanceof List<?> output) {
            for (int i = 0; i < output.size(); i++) {
                if (output.get(i) instanceof Map<?, ?> item) {
                    checkItem(path + ".output[" + i + "]", cast(item), problems);
                }
            }
        }
    }

    private static void checkItem(String path, Map<String, Object> item, List<String> problems) {
        check(path, item, "type", T.STRING, problems);
        switch (String.valueOf(item.get("type"))) {
            case "message" -> {
                for (String key : List.of("id", "status", "role")) {
                    check(path, item, key, T.STRING, problems);
                }
                check(path, item, "content", T.ARRAY, problems);
            }
            case "function_call" -> {
                for (String key : List.of("id", "call_id", "name", "arguments", "status")) {
                    check(path, item, key, T.STRING, problems);
                }
            }
            default -> {
            }
        }
    }

    private static void check(String path, Map<String, Object> object, String key, T kind, List<String> problems) {
        String at = path + "." + key;
        if (!object.containsKey(key)) {
            problems.add(at + ": required key missing");
            return;
        }
        Object v = object.get(key);
        boolean ok = switch (kind) {
            case STRING -> v instanceof String;
            case NULLABLE_STRING -> v == null || v instanceof String;
            case INT -> isInt(v);
            case NULLABLE_INT -> v == null || isInt(v);
            case NUMBER -> v instanceof Number;
            case BOOL -> v instanceof Boolean;
            case ARRAY -> v instanceof List;
            case OBJECT -> v instanceof Map;
            case NULLABLE_OBJECT -> v == null || v instanceof Map;
            case PRESENT -> true;
        };
        if (!ok) {
            problems.add(at + ": " + kind.name().toLowerCase() + " expected, got " + v);
        }
    }

    private static boolean isInt(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger
                || (v instanceof java.math.BigDecimal d && d.stripTrailingZeros().scale() <= 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
