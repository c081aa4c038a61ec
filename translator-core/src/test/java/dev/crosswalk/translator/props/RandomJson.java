package dev.crosswalk.translator.props;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random JSON for the totality property: documents built from the two protocols' member names and type tags
 * with random value types, and mutations of valid bodies (type changes, nulls, removed members, unknown item types,
 * empty arrays, huge strings, deep nesting, broken syntax).
 */
final class RandomJson {
    static final String[] KEYS = {
        "model", "messages", "role", "content", "type", "text", "image_url", "url", "detail", "file", "file_id", "file_data",
        "file_url", "filename", "input_audio", "refusal", "name", "tool_calls", "id", "function", "arguments", "custom",
        "input", "tool_call_id", "tools", "parameters", "strict", "description", "format", "grammar", "syntax",
        "definition", "tool_choice", "allowed_tools", "mode", "parallel_tool_calls", "response_format", "json_schema",
        "schema", "temperature", "top_p", "max_tokens", "max_completion_tokens", "n", "stop", "seed", "logit_bias",
        "frequency_penalty", "presence_penalty", "logprobs", "top_logprobs", "stream", "stream_options", "include_usage",
        "include_obfuscation", "store", "metadata", "user", "safety_identifier", "prompt_cache_key", "service_tier",
        "reasoning_effort", "verbosity", "web_search_options", "user_location", "approximate", "search_context_size",
        "prediction", "modalities", "audio", "functions", "function_call", "reasoning_content", "instructions", "call_id",
        "output", "status", "summary", "encrypted_content", "effort", "reasoning", "include", "previous_response_id",
        "conversation", "truncation", "background", "max_tool_calls", "prompt", "max_output_tokens", "annotations",
        "start_index", "end_index", "title", "url_citation", "choices", "index", "message", "finish_reason", "usage",
        "prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details", "cached_tokens",
        "completion_tokens_details", "reasoning_tokens", "object", "created", "created_at", "completed_at", "error",
        "incomplete_details", "reason", "code", "input_tokens", "output_tokens", "input_tokens_details",
        "output_tokens_details", "cache_write_tokens", "namespace", "phase", "token", "bytes", "system_fingerprint",
        "client_metadata", "access_programs", "generate_summary", "", "x-odd key", "'quoted'", "日本"};
    static final String[] TAGS = {
        "message", "function_call", "function_call_output", "custom_tool_call", "custom_tool_call_output", "reasoning",
        "item_reference", "web_search_call", "mcp_call", "input_text", "output_text", "input_image", "input_file", "refusal",
        "text", "image_url", "file", "input_audio", "json_schema", "json_object", "function", "custom", "allowed_tools",
        "web_search", "web_search_preview", "file_search", "mcp", "url_citation", "file_citation", "summary_text",
        "reasoning_text", "user", "assistant", "system", "developer", "tool", "auto", "none", "required", "completed",
        "incomplete", "failed", "cancelled", "in_progress", "queued", "stop", "length", "tool_calls", "content_filter",
        "max_output_tokens", "grammar", "lark", "approximate", "disabled", "message.output_text.logprobs",
        "reasoning.encrypted_content", "response", "chat.completion", "future_type_v9"};

    private final Random r;

    RandomJson(Random r) {
        this.r = r;
    }

    /** A random document: most often an object of protocol members, sometimes any JSON value. */
    Object document() {
        return r.nextInt(10) < 8 ? object(4) : value(3);
    }

    Object value(int depth) {
        int kind = r.nextInt(depth <= 0 ? 6 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> number();
            case 3, 4 -> string();
            case 5 -> r.nextBoolean() ? tag() : "";
            case 6 -> array(depth - 1);
            default -> object(depth - 1);
        };
    }

    Map<String, Object> object(int depth) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (r.nextInt(3) > 0) {
            o.put(r.nextBoolean() ? "type" : "role", r.nextInt(6) == 0 ? value(0) : tag());
        }
        for (int i = r.nextInt(6); i > 0; i--) {
            o.put(key(), value(depth));
        }
        return o;
    }

    List<Object> array(int depth) {
        List<Object> a = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            a.add(r.nextInt(3) == 0 ? value(depth) : object(depth));
        }
        return a;
    }

    String key() {
        return r.nextInt(12) == 0 ? "k" + r.nextInt(1000) : KEYS[r.nextInt(KEYS.length)];
    }

    String tag() {
        return TAGS[r.nextInt(TAGS.length)];
    }

    Object number() {
        return switch (r.nextInt(10)) {
            case 0 -> new BigDecimal("1e400");
            case 1 -> new BigDecimal("-1e-400");
            case 2 -> new BigDecimal("99999999999999999999999");
            case 3 -> BigDecimal.valueOf(-r.nextInt(1000));
            case 4 -> new BigDecimal("0.5");
            case 5 -> new BigDecimal("15");
            default -> BigDecimal.valueOf(r.nextInt(100));
        };
    }

    String string() {
        return switch (r.nextInt(8)) {
            case 0 -> "";
            case 1 -> "\u0000\ud83d\ude42\u2028\"\\";
            case 2 -> "x".repeat(r.nextInt(5000));
            case 3 -> "{\"not\":\"parsed\"}";
            default -> "s" + r.nextInt(100_000);
        };
    }

    // ------------------------------------------------------------------------------------------------ mutations

    /** A path to a node: member names and array indexes from the root. */
    private record Slot(Object parent, Object key) {
    }

    /** Applies one to three random mutations to the tree (in place where possible) and returns the new root. */
    Object mutate(Object root) {
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            root = mutateOnce(root);
        }
        return root;
    }

    private Object mutateOnce(Object root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return value(2);
        }
        Slot slot = slots.get(r.nextInt(slots.size()));
        Object current = get(slot);
        Object replacement;
        switch (r.nextInt(10)) {
            case 0 -> replacement = null;
            case 1 -> {
                remove(slot);
                return root;
            }
            case 2 -> replacement = current instanceof List<?> ? new ArrayList<>() : current instanceof Map<?, ?> ? new LinkedHashMap<>() : "";
            case 3 -> replacement = slot.key instanceof String k && (k.equals("type") || k.equals("role"))
                    ? (r.nextBoolean() ? "future_" + r.nextInt(100) : value(1)) : differentType(current);
            case 4 -> replacement = "z".repeat(50_000 + r.nextInt(100_000));
            case 5 -> replacement = DEEP + (501 + r.nextInt(1000)) + DEEP;
            case 6 -> replacement = nest(current, 1 + r.nextInt(40));
            case 7 -> {
                if (current instanceof Map<?, ?> m) {
                    Json.obj(m).put(key(), value(2));
                    return root;
                }
                replacement = differentType(current);
            }
            default -> replacement = differentType(current);
        }
        set(slot, replacement);
        return root;
    }

    private Object differentType(Object current) {
        for (int tries = 0; tries < 10; tries++) {
            Object v = value(2);
            if (v == null ? current != null : current == null || v.getClass() != current.getClass()) {
                return v;
            }
        }
        return null;
    }

    /**
     * Marks a place for very deep nesting in a tree: {@link #render} replaces {@code "<DEEP>n<DEEP>"} by {@code n}
     * nested arrays and objects in the text (a tree that deep would overflow the stack of the writer, not of the
     * code under test).
     */
    static final String DEEP = "\u0007deep\u0007";

    /** The tree as JSON text, with every deep-nesting mark expanded. */
    static String render(Object tree) {
        String json = Json.write(tree);
        String mark = "\"\\u0007deep\\u0007";
        int at;
        while ((at = json.indexOf(mark)) >= 0) {
            String closing = "\\u0007deep\\u0007\"";
            int end = json.indexOf(closing, at + mark.length());
            int depth = Integer.parseInt(json.substring(at + mark.length(), end));
            StringBuilder deep = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                deep.append(i % 3 == 0 ? "{\"content\":" : "[");
            }
            deep.append("null");
            for (int i = depth - 1; i >= 0; i--) {
                deep.append(i % 3 == 0 ? "}" : "]");
            }
            json = json.substring(0, at) + deep + json.substring(end + closing.length());
        }
        return json;
    }

    /** {@code value} wrapped in {@code depth} arrays or objects (mixed). */
    Object nest(Object value, int depth) {
        Object v = value;
        for (int i = 0; i < depth; i++) {
            v = r.nextBoolean() ? new ArrayList<>(List.of(v == null ? "null" : v)) : new LinkedHashMap<>(Map.of(key(), v == null ? "null" : v));
        }
        return v;
    }

    private static void collect(Object node, List<Slot> slots) {
        if (node instanceof Map<?, ?> map) {
            for (Object k : new ArrayList<>(map.keySet())) {
                slots.add(new Slot(node, k));
                collect(map.get(k), slots);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                slots.add(new Slot(node, i));
                collect(list.get(i), slots);
            }
        }
    }

    private static Object get(Slot s) {
        return s.parent instanceof Map<?, ?> m ? m.get(s.key) : ((List<?>) s.parent).get((Integer) s.key);
    }

    private static void set(Slot s, Object value) {
        if (s.parent instanceof Map<?, ?> m) {
            Json.obj(m).put((String) s.key, value);
        } else {
            Json.arr(s.parent).set((Integer) s.key, value);
        }
    }

    private static void remove(Slot s) {
        if (s.parent instanceof Map<?, ?> m) {
            m.remove(s.key);
        } else {
            Json.arr(s.parent).remove((int) (Integer) s.key);
        }
    }

    /** Text-level damage: truncation, a stray character, a duplicated member, a trailing token. */
    String breakSyntax(String json) {
        int at = json.isEmpty() ? 0 : r.nextInt(json.length());
        return switch (r.nextInt(5)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + "\u0001}]:,\"" .charAt(r.nextInt(6)) + json.substring(at);
            case 2 -> json.startsWith("{\"") ? "{\"model\":\"a\",\"model\":\"b\"," + json.substring(1) : json + "}";
            case 3 -> json + " " + (r.nextBoolean() ? "{}" : "x");
            default -> json.replaceFirst(":", "=");
        };
    }
}
