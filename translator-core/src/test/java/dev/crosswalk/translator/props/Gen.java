package dev.crosswalk.translator.props;

import static dev.crosswalk.translator.props.Json.a;
import static dev.crosswalk.translator.props.Json.o;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of protocol-valid bodies of the four kinds, as plain JSON trees (see {@link Json}), restricted
 * to what docs/architecture.md §7 calls the translatable subset. A generator is a pure function of its seed: a failure message
 * names the seed, and {@code new Gen(seed).chatRequest()} rebuilds the very same body.
 *
 * <p>Every free text and identifier is unique within one body ({@code v17x…}: a counter between {@code v} and
 * {@code x}, so no token is a substring of another); the no-silent-loss property relies on that to find a value in the
 * output. Texts mix in non-ASCII, quotes, backslashes and line breaks to exercise escaping.
 */
final class Gen {
    private static final String[] FLAVOUR = {"", " ", "\n", "é", "日本語", "🙂", "\"q\"", "\\", "\t", "<b>", "ünïcödé", "\u2028"};
    private static final String[] DETAILS = {null, "auto", "low", "high"};
    private static final String[] EFFORTS = {"minimal", "low", "medium", "high"};
    private static final String[] VERBOSITY = {"low", "medium", "high"};
    private static final String[] TIERS = {"auto", "default", "flex", "priority"};

    final long seed;
    final Random r;
    /**
     * Also generate protocol-valid shapes outside the translatable subset (images in system messages and tool
     * outputs, message names, item ids and statuses in Responses input, annotations in assistant history): the
     * translator must reject or report them, and what it does translate must still be valid.
     */
    final boolean wide;
    private int counter;

    Gen(long seed) {
        this(seed, false);
    }

    Gen(long seed, boolean wide) {
        this.seed = seed;
        this.r = new Random(seed);
        this.wide = wide;
    }

    // ---------------------------------------------------------------------------------------------------- primitives

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    /** A unique token: {@code v<n>x} plus a few random letters. */
    String token() {
        StringBuilder s = new StringBuilder("v").append(counter++).append('x');
        for (int i = between(1, 5); i > 0; i--) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    /** A unique free text with some non-ASCII and escaping-sensitive characters around its token. */
    String text() {
        return pick(FLAVOUR) + token() + pick(FLAVOUR) + (chance(0.3) ? " " + pick(FLAVOUR) + token() : "");
    }

    String name() {
        return "fn_" + token();
    }

    /** A decimal with three places in [lo, hi], as JSON writes it. */
    BigDecimal decimal(double lo, double hi) {
        return BigDecimal.valueOf(Math.round((lo + r.nextDouble() * (hi - lo)) * 1000), 3);
    }

    BigDecimal integer(int lo, int hi) {
        return BigDecimal.valueOf(between(lo, hi));
    }

    String base64() {
        byte[] bytes = new byte[between(3, 24)];
        r.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    String argumentsJson() {
        return Json.write(o("q", text(), "n", between(0, 99), "ok", r.nextBoolean()));
    }

    Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = between(1, 3); i > 0; i--) {
            m.put("k" + token(), text());
        }
        return m;
    }

    /**
     * A JSON Schema for function parameters or structured output. {@code strictCompatible}: every object lists all its
     * properties as required and forbids additional properties (docs/architecture.md §4), at every depth; otherwise it breaks one
     * of those rules somewhere.
     */
    Map<String, Object> schema(boolean strictCompatible) {
        return objectSchema(strictCompatible, between(0, 2), true);
    }

    private Map<String, Object> objectSchema(boolean strict, int depth, boolean breakHere) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Object> required = new ArrayList<>();
        int n = between(1, 3);
        int nested = depth > 0 ? r.nextInt(n) : -1;
        boolean breakDeeper = !strict && nested >= 0 && chance(0.5);
        for (int i = 0; i < n; i++) {
            String p = "p" + token();
            properties.put(p, i == nested ? objectSchema(strict, depth - 1, breakDeeper)
                    : o("type", pick("string", "integer", "number", "boolean"), "description", chance(0.3) ? text() : null));
            required.add(p);
        }
        Map<String, Object> schema = o("type", "object", "properties", properties, "required", required,
                "additionalProperties", false);
        if (!strict && breakHere && !breakDeeper) {
            switch (r.nextInt(3)) {
                case 0 -> schema.remove("additionalProperties");
                case 1 -> schema.put("additionalProperties", true);
                default -> required.remove(required.size() - 1);
            }
        }
        return schema;
    }

    // ---------------------------------------------------------------------------------------------------- Chat request

    /** A translatable Chat Completions request body. */
    Map<String, Object> chatRequest() {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("model", pick("gpt-5.4", "gpt-4o", "o3-mini", "my-model-" + token()));
        List<Tool> tools = new ArrayList<>();
        if (chance(0.6)) {
            for (int i = between(1, 4); i > 0; i--) {
                tools.add(chance(0.8) ? new Tool("function", name()) : new Tool("custom", "ct_" + token()));
            }
        }
        req.put("messages", chatMessages(tools));
        if (!tools.isEmpty()) {
            List<Object> json = new ArrayList<>();
            for (Tool t : tools) {
                json.add(t.kind.equals("function") ? chatFunctionTool(t.name) : chatCustomTool(t.name));
            }
            req.put("tools", json);
            if (chance(0.6)) {
                req.put("tool_choice", chatToolChoice(tools));
            }
            if (chance(0.4)) {
                req.put("parallel_tool_calls", r.nextBoolean());
            }
        }
        if (chance(0.4)) {
            req.put("response_format", switch (r.nextInt(3)) {
                case 0 -> o("type", "text");
                case 1 -> o("type", "json_object");
                default -> o("type", "json_schema", "json_schema", o("name", "s_" + token(),
                        "description", chance(0.5) ? text() : null, "schema", schema(true),
                        "strict", chance(0.7) ? (Object) r.nextBoolean() : null));
            });
        }
        scalars(req);
        if (chance(0.5)) {
            req.put(chance(0.5) ? "max_completion_tokens" : "max_tokens", integer(16, 100_000));
        }
        if (chance(0.3)) {
            req.put("reasoning_effort", pick(EFFORTS));
        }
        if (chance(0.3)) {
            req.put("verbosity", pick(VERBOSITY));
        }
        if (chance(0.25)) {
            req.put("logprobs", true);
            if (chance(0.8)) {
                req.put("top_logprobs", integer(0, 20));
            }
        } else if (chance(0.1)) {
            req.put("logprobs", false);
        }
        if (chance(0.4)) {
            boolean stream = r.nextBoolean();
            req.put("stream", stream);
            if (stream && chance(0.6)) {
                req.put("stream_options", o("include_usage", r.nextBoolean(),
                        "include_obfuscation", chance(0.4) ? (Object) r.nextBoolean() : null));
            }
        }
        if (chance(0.5)) {
            req.put("store", r.nextBoolean());
        }
        if (chance(0.15)) {
            Map<String, Object> options = o("search_context_size", chance(0.6) ? pick("low", "medium", "high") : null);
            if (chance(0.6)) {
                options.put("user_location", o("type", "approximate", "approximate", o("city", text(),
                        "country", pick("FR", "DE", "JP"), "region", chance(0.5) ? text() : null,
                        "timezone", chance(0.5) ? "Europe/Paris" : null)));
            }
            req.put("web_search_options", options);
        }
        // Values equal to the target's only behaviour: accepted quietly (see RoundTripPropertyTest, normalisation).
        if (chance(0.1)) {
            req.put("n", BigDecimal.ONE);
        }
        if (chance(0.1)) {
            req.put("frequency_penalty", BigDecimal.ZERO);
        }
        if (chance(0.1)) {
            req.put("presence_penalty", BigDecimal.ZERO);
        }
        return req;
    }

    /** Sampling and bookkeeping fields that have the same name and meaning in both protocols' requests. */
    private void scalars(Map<String, Object> req) {
        if (chance(0.5)) {
            req.put("temperature", decimal(0, 2));
        }
        if (chance(0.4)) {
            req.put("top_p", decimal(0, 1));
        }
        if (chance(0.3)) {
            req.put("metadata", metadata());
        }
        if (chance(0.3)) {
            req.put("user", "user-" + token());
        }
        if (chance(0.2)) {
            req.put("safety_identifier", "sid-" + token());
        }
        if (chance(0.2)) {
            req.put("prompt_cache_key", "pck-" + token());
        }
        if (chance(0.1)) {
            req.put("prompt_cache_retention", pick("in_memory", "24h"));
        }
        if (chance(0.2)) {
            req.put("service_tier", pick(TIERS));
        }
    }

    record Tool(String kind, String name) {
    }

    private Map<String, Object> chatFunctionTool(String name) {
        Boolean strict = chance(0.7) ? r.nextBoolean() : null;
        Map<String, Object> params = chance(0.85) ? schema(Boolean.TRUE.equals(strict) || chance(0.5)) : null;
        return o("type", "function", "function", o("name", name, "description", chance(0.6) ? text() : null,
                "parameters", params, "strict", strict));
    }

    private Map<String, Object> chatCustomTool(String name) {
        return o("type", "custom", "custom", o("name", name, "description", chance(0.5) ? text() : null,
                "format", switch (r.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> o("type", "text");
                    default -> o("type", "grammar", "grammar", o("syntax", pick("lark", "regex"), "definition", text()));
                }));
    }

    private Object chatToolChoice(List<Tool> tools) {
        Tool t = tools.get(r.nextInt(tools.size()));
        return switch (r.nextInt(5)) {
            case 0 -> pick("auto", "none", "required");
            case 1, 2 -> t.kind.equals("function") ? o("type", "function", "function", o("name", t.name))
                    : o("type", "custom", "custom", o("name", t.name));
            default -> {
                List<Object> allowed = new ArrayList<>();
                for (Tool x : tools) {
                    if (chance(0.7) || allowed.isEmpty()) {
                        allowed.add(o("type", x.kind, x.kind, o("name", x.name)));
                    }
                }
                yield o("type", "allowed_tools", "allowed_tools", o("mode", pick("auto", "required"), "tools", allowed));
            }
        };
    }

    private List<Object> chatMessages(List<Tool> tools) {
        List<Object> messages = new ArrayList<>();
        for (int i = between(0, 2); i > 0; i--) {
            messages.add(o("role", pick("system", "developer"), "content", textContent()));
        }
        for (int turn = between(1, 4); turn > 0; turn--) {
            if (chance(0.15)) {
                messages.add(o("role", pick("system", "developer"), "content", textContent()));
            }
            messages.add(o("role", "user", "content", userContent(), "name", wide && chance(0.1) ? token() : null));
            int answers = chance(0.12) ? 2 : 1;
            for (int k = 0; k < answers; k++) {
                List<Object> calls = new ArrayList<>();
                List<String> callKinds = new ArrayList<>();
                if (!tools.isEmpty() && chance(0.5)) {
                    for (int c = between(1, 3); c > 0; c--) {
                        Tool t = tools.get(r.nextInt(tools.size()));
                        String id = "call_" + token();
                        calls.add(t.kind.equals("function")
                                ? o("id", id, "type", "function", "function", o("name", t.name, "arguments", argumentsJson()))
                                : o("id", id, "type", "custom", "custom", o("name", t.name, "input", text())));
                        callKinds.add(id);
                    }
                }
                messages.add(assistantMessage(calls));
                for (String id : callKinds) {
                    if (chance(0.9)) {
                        messages.add(o("role", "tool", "tool_call_id", id, "content", textContent()));
                    }
                }
            }
        }
        return messages;
    }

    private Map<String, Object> assistantMessage(List<Object> calls) {
        Map<String, Object> m = o("role", "assistant");
        int shape = calls.isEmpty() ? r.nextInt(4) : r.nextInt(6);
        switch (shape) {
            case 0, 1 -> m.put("content", textContent());
            case 2 -> m.put("refusal", text());
            case 3 -> {
                m.put("content", textContent());
                m.put("refusal", text());
            }
            default -> {
                if (chance(0.5)) {
                    m.put("content", chance(0.5) ? null : "");
                }
            }
        }
        if (!calls.isEmpty()) {
            m.put("tool_calls", calls);
        }
        return m;
    }

    /** A string, or one to three text parts. */
    private Object textContent() {
        if (chance(0.5)) {
            return text();
        }
        List<Object> parts = new ArrayList<>();
        for (int i = between(1, 3); i > 0; i--) {
            parts.add(o("type", "text", "text", text()));
        }
        return parts;
    }

    private Object userContent() {
        if (chance(0.4)) {
            return text();
        }
        List<Object> parts = new ArrayList<>();
        for (int i = between(1, 4); i > 0; i--) {
            parts.add(switch (r.nextInt(4)) {
                case 0, 1 -> o("type", "text", "text", text());
                case 2 -> o("type", "image_url", "image_url", o("url", imageUrl(), "detail", pick(DETAILS)));
                default -> o("type", "file", "file", chance(0.5) ? o("file_id", "file-" + token())
                        : o("file_data", "data:application/pdf;base64," + base64(), "filename", token() + ".pdf"));
            });
        }
        return parts;
    }

    private String imageUrl() {
        return chance(0.5) ? "https://example.com/img/" + token() + ".png" : "data:image/png;base64," + base64();
    }

    // ---------------------------------------------------------------------------------------------------- Responses request

    /** A translatable Responses request body. */
    Map<String, Object> responsesRequest() {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("model", pick("gpt-5.4", "gpt-4o", "o3-mini", "my-model-" + token()));
        if (chance(0.3)) {
            req.put("instructions", text());
        }
        List<Tool> tools = new ArrayList<>();
        if (chance(0.6)) {
            for (int i = between(1, 4); i > 0; i--) {
                tools.add(chance(0.8) ? new Tool("function", name()) : new Tool("custom", "ct_" + token()));
            }
        }
        req.put("input", chance(0.2) ? text() : responsesItems(tools));
        if (!tools.isEmpty() || chance(0.1)) {
            List<Object> json = new ArrayList<>();
            for (Tool t : tools) {
                json.add(t.kind.equals("function") ? responsesFunctionTool(t.name) : responsesCustomTool(t.name));
            }
            if (chance(0.15)) {
                json.add(r.nextInt(json.size() + 1), webSearchTool());
            }
            if (!json.isEmpty()) {
                req.put("tools", json);
            }
            if (!tools.isEmpty() && chance(0.6)) {
                req.put("tool_choice", responsesToolChoice(tools));
            }
            if (!json.isEmpty() && chance(0.4)) {
                req.put("parallel_tool_calls", r.nextBoolean());
            }
        }
        if (chance(0.5)) {
            Map<String, Object> text = new LinkedHashMap<>();
            if (chance(0.7)) {
                text.put("format", switch (r.nextInt(3)) {
                    case 0 -> o("type", "text");
                    case 1 -> o("type", "json_object");
                    default -> o("type", "json_schema", "name", "s_" + token(), "description", chance(0.5) ? text() : null,
                            "schema", schema(true), "strict", chance(0.7) ? (Object) r.nextBoolean() : null);
                });
            }
            if (text.isEmpty() || chance(0.4)) {
                text.put("verbosity", pick(VERBOSITY));
            }
            req.put("text", text);
        }
        if (chance(0.3)) {
            req.put("reasoning", o("effort", pick(EFFORTS)));
        }
        scalars(req);
        if (chance(0.5)) {
            req.put("max_output_tokens", integer(16, 100_000));
        }
        if (chance(0.25)) {
            req.put("include", a("message.output_text.logprobs"));
            if (chance(0.8)) {
                req.put("top_logprobs", integer(0, 20));
            }
        }
        if (chance(0.4)) {
            boolean stream = r.nextBoolean();
            req.put("stream", stream);
            if (stream && chance(0.3)) {
                req.put("stream_options", o("include_obfuscation", r.nextBoolean()));
            }
        }
        if (chance(0.5)) {
            req.put("store", r.nextBoolean());
        }
        if (chance(0.1)) {
            req.put("truncation", "disabled");
        }
        return req;
    }

    private Map<String, Object> responsesFunctionTool(String name) {
        Boolean strict = chance(0.6) ? r.nextBoolean() : null;
        boolean strictSchema = !Boolean.FALSE.equals(strict) ? chance(0.7) : chance(0.5);
        Map<String, Object> params = chance(0.9) ? schema(strictSchema || Boolean.TRUE.equals(strict)) : null;
        Map<String, Object> tool = o("type", "function", "name", name, "description", chance(0.6) ? text() : null);
        tool.put("parameters", params);
        if (strict != null) {
            tool.put("strict", strict);
        }
        return tool;
    }

    private Map<String, Object> responsesCustomTool(String name) {
        return o("type", "custom", "name", name, "description", chance(0.5) ? text() : null,
                "format", switch (r.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> o("type", "text");
                    default -> o("type", "grammar", "syntax", pick("lark", "regex"), "definition", text());
                });
    }

    private Map<String, Object> webSearchTool() {
        Map<String, Object> tool = o("type", "web_search", "search_context_size", chance(0.6) ? pick("low", "medium", "high") : null);
        if (chance(0.6)) {
            tool.put("user_location", o("type", "approximate", "city", text(), "country", pick("FR", "DE", "JP"),
                    "region", chance(0.5) ? text() : null, "timezone", chance(0.5) ? "Asia/Tokyo" : null));
        }
        return tool;
    }

    private Object responsesToolChoice(List<Tool> tools) {
        Tool t = tools.get(r.nextInt(tools.size()));
        return switch (r.nextInt(5)) {
            case 0 -> pick("auto", "none", "required");
            case 1, 2 -> o("type", t.kind, "name", t.name);
            default -> {
                List<Object> allowed = new ArrayList<>();
                for (Tool x : tools) {
                    if (chance(0.7) || allowed.isEmpty()) {
                        allowed.add(o("type", x.kind, "name", x.name));
                    }
                }
                yield o("type", "allowed_tools", "mode", pick("auto", "required"), "tools", allowed);
            }
        };
    }

    private List<Object> responsesItems(List<Tool> tools) {
        List<Object> items = new ArrayList<>();
        for (int i = between(0, 2); i > 0; i--) {
            items.add(messageItem(pick("system", "developer"), wide && chance(0.3) ? userInputContent() : inputTextContent()));
        }
        for (int turn = between(1, 4); turn > 0; turn--) {
            if (chance(0.15)) {
                items.add(messageItem(pick("system", "developer"), wide && chance(0.3) ? userInputContent() : inputTextContent()));
            }
            items.add(messageItem("user", userInputContent()));
            int answers = chance(0.12) ? 2 : 1;
            for (int k = 0; k < answers; k++) {
                boolean calls = !tools.isEmpty() && chance(0.5);
                if (!calls || chance(0.5)) {
                    Map<String, Object> answer = messageItem("assistant", assistantContent());
                    if (wide && answer.get("content") instanceof List<?> && chance(0.3)) {
                        answer.put("id", "msg_" + token());
                        answer.put("status", "completed");
                    }
                    items.add(answer);
                }
                if (calls) {
                    List<Object> outputs = new ArrayList<>();
                    for (int c = between(1, 3); c > 0; c--) {
                        Tool t = tools.get(r.nextInt(tools.size()));
                        String id = "call_" + token();
                        boolean function = t.kind.equals("function");
                        items.add(function
                                ? o("type", "function_call", "call_id", id, "name", t.name, "arguments", argumentsJson())
                                : o("type", "custom_tool_call", "call_id", id, "name", t.name, "input", text()));
                        if (chance(0.9)) {
                            outputs.add(o("type", function ? "function_call_output" : "custom_tool_call_output",
                                    "call_id", id, "output", wide && chance(0.2) ? userInputContent() : toolOutput()));
                        }
                    }
                    items.addAll(outputs);
                }
            }
        }
        return items;
    }

    /** A message item; sometimes in the easy form without {@code type} (the API and the SDK accept both). */
    private Map<String, Object> messageItem(String role, Object content) {
        Map<String, Object> item = chance(0.2) && !(content instanceof List<?> l && role.equals("assistant"))
                ? o("role", role, "content", content) : o("type", "message", "role", role, "content", content);
        return item;
    }

    private Object inputTextContent() {
        if (chance(0.5)) {
            return text();
        }
        List<Object> parts = new ArrayList<>();
        for (int i = between(1, 3); i > 0; i--) {
            parts.add(o("type", "input_text", "text", text()));
        }
        return parts;
    }

    private Object userInputContent() {
        if (chance(0.4)) {
            return text();
        }
        List<Object> parts = new ArrayList<>();
        for (int i = between(1, 4); i > 0; i--) {
            parts.add(switch (r.nextInt(4)) {
                case 0, 1 -> o("type", "input_text", "text", text());
                case 2 -> o("type", "input_image", "image_url", imageUrl(), "detail", pick("auto", "low", "high"));
                default -> chance(0.5) ? o("type", "input_file", "file_id", "file-" + token())
                        : o("type", "input_file", "file_data", "data:application/pdf;base64," + base64(),
                                "filename", token() + ".pdf");
            });
        }
        return parts;
    }

    /** Assistant history: a string, or output_text parts with at most one refusal, last. */
    private Object assistantContent() {
        if (chance(0.4)) {
            return text();
        }
        List<Object> parts = new ArrayList<>();
        int texts = between(chance(0.2) ? 0 : 1, 2);
        for (int i = 0; i < texts; i++) {
            parts.add(o("type", "output_text", "text", text(), "annotations", wide && chance(0.2)
                    ? a(o("type", "url_citation", "url", "https://example.org/" + token(), "title", text(),
                            "start_index", BigDecimal.ZERO, "end_index", BigDecimal.ONE))
                    : chance(0.7) ? a() : null));
        }
        if (texts == 0 || chance(0.2)) {
            parts.add(o("type", "refusal", "refusal", text()));
        }
        return parts;
    }

    private Object toolOutput() {
        if (chance(0.6)) {
            return text();
        }
        List<Object> parts = new ArrayList<>();
        for (int i = between(1, 2); i > 0; i--) {
            parts.add(o("type", "input_text", "text", text()));
        }
        return parts;
    }

    // ---------------------------------------------------------------------------------------------------- completions

    /** A Chat completion with one choice, as OpenAI returns it. */
    Map<String, Object> chatCompletion() {
        String finish = pick("stop", "stop", "tool_calls", "length", "content_filter");
        boolean calls = finish.equals("tool_calls") || (finish.equals("length") && chance(0.2));
        boolean refusal = !calls && chance(0.15);
        String content = refusal ? (chance(0.5) ? null : "") : calls ? (chance(0.7) ? null : text()) : text();
        Map<String, Object> message = o("role", "assistant");
        message.put("content", content);
        message.put("refusal", refusal ? text() : null);
        List<Object> annotations = new ArrayList<>();
        if (content != null && !content.isEmpty() && chance(0.3)) {
            int length = content.codePointCount(0, content.length());
            for (int i = between(1, 3); i > 0; i--) {
                int start = r.nextInt(length);
                annotations.add(o("type", "url_citation", "url_citation", o("url", "https://example.org/" + token(),
                        "title", text(), "start_index", BigDecimal.valueOf(start),
                        "end_index", BigDecimal.valueOf(start + r.nextInt(length - start + 1)))));
            }
        }
        if (wide && content != null && chance(0.2)) {
            annotations.add(o("type", "future_citation", "future_citation", o("ref", token())));
        }
        message.put("annotations", annotations);
        if (calls) {
            List<Object> toolCalls = new ArrayList<>();
            for (int i = between(1, 3); i > 0; i--) {
                toolCalls.add(chance(0.8)
                        ? o("id", "call_" + token(), "type", "function", "function", o("name", name(), "arguments", argumentsJson()))
                        : o("id", "call_" + token(), "type", "custom", "custom", o("name", "ct_" + token(), "input", text())));
            }
            message.put("tool_calls", toolCalls);
        }
        Map<String, Object> choice = o("index", BigDecimal.ZERO, "message", message);
        choice.put("logprobs", content != null && !content.isEmpty() && chance(0.3)
                ? o("content", tokenLogprobs(), "refusal", null) : null);
        choice.put("finish_reason", finish);
        Map<String, Object> completion = o("id", "chatcmpl-" + token(), "object", "chat.completion",
                "created", integer(1_700_000_000, 1_900_000_000), "model", pick("gpt-5.4-2026-03-05", "gpt-4o-2024-08-06"),
                "choices", a(choice));
        if (chance(0.9)) {
            completion.put("usage", chatUsage());
        }
        if (chance(0.5)) {
            completion.put("service_tier", pick("default", "flex", "priority"));
        }
        if (chance(0.5)) {
            completion.put("system_fingerprint", "fp_" + token());
        }
        return completion;
    }

    private List<Object> tokenLogprobs() {
        List<Object> out = new ArrayList<>();
        for (int i = between(1, 4); i > 0; i--) {
            List<Object> top = new ArrayList<>();
            for (int k = between(0, 2); k > 0; k--) {
                top.add(o("token", token(), "logprob", decimal(-20, 0), "bytes", a(BigDecimal.valueOf(between(32, 126)))));
            }
            out.add(o("token", token(), "logprob", decimal(-20, 0), "bytes", a(BigDecimal.valueOf(between(32, 126))),
                    "top_logprobs", top));
        }
        return out;
    }

    private Map<String, Object> chatUsage() {
        int prompt = between(1, 50_000);
        int completion = between(1, 20_000);
        Map<String, Object> usage = o("prompt_tokens", BigDecimal.valueOf(prompt), "completion_tokens", BigDecimal.valueOf(completion),
                "total_tokens", BigDecimal.valueOf(prompt + completion));
        if (chance(0.8)) {
            usage.put("prompt_tokens_details", o("cached_tokens", integer(0, prompt), "audio_tokens", chance(0.5) ? BigDecimal.ZERO : null));
            usage.put("completion_tokens_details", o("reasoning_tokens", integer(0, completion),
                    "audio_tokens", chance(0.5) ? BigDecimal.ZERO : null,
                    "accepted_prediction_tokens", chance(0.5) ? BigDecimal.ZERO : null,
                    "rejected_prediction_tokens", chance(0.5) ? BigDecimal.ZERO : null));
        }
        return usage;
    }

    // ---------------------------------------------------------------------------------------------------- responses

    /**
     * A finished Responses object as OpenAI returns it: {@code completed} or {@code incomplete}, message text first
     * (one item, at most one output_text part and one refusal part), then function and custom tool calls; every echo
     * field set, as the API sets them.
     */
    Map<String, Object> response() {
        boolean incomplete = chance(0.3);
        String reason = incomplete ? pick("max_output_tokens", "content_filter") : null;
        String itemStatus = incomplete ? "incomplete" : "completed";
        List<Object> output = new ArrayList<>();
        boolean calls = chance(0.4);
        if (!calls || chance(0.5)) {
            List<Object> content = new ArrayList<>();
            if (chance(0.85)) {
                String text = chance(0.05) ? "" : text();
                List<Object> annotations = new ArrayList<>();
                if (!text.isEmpty() && chance(0.3)) {
                    int length = text.codePointCount(0, text.length());
                    for (int i = between(1, 2); i > 0; i--) {
                        int start = r.nextInt(length);
                        annotations.add(o("type", "url_citation", "url", "https://example.org/" + token(), "title", text(),
                                "start_index", BigDecimal.valueOf(start),
                                "end_index", BigDecimal.valueOf(start + r.nextInt(length - start + 1))));
                    }
                }
                List<Object> logprobs = !text.isEmpty() && chance(0.3) ? tokenLogprobs() : new ArrayList<>();
                content.add(o("type", "output_text", "text", text, "annotations", annotations, "logprobs", logprobs));
            }
            if (content.isEmpty() || chance(0.1)) {
                content.add(o("type", "refusal", "refusal", text()));
            }
            output.add(o("type", "message", "id", "msg_" + token(), "status", itemStatus, "role", "assistant", "content", content,
                    "phase", wide && chance(0.2) ? pick("commentary", "final_answer") : null));
        }
        if (calls) {
            for (int i = between(1, 3); i > 0; i--) {
                output.add(chance(0.8)
                        ? o("type", "function_call", "id", "fc_" + token(), "call_id", "call_" + token(), "name", name(),
                                "arguments", argumentsJson(), "status", "completed")
                        : o("type", "custom_tool_call", "id", "ctc_" + token(), "call_id", "call_" + token(),
                                "name", "ct_" + token(), "input", text()));
            }
        }
        long created = between(1_700_000_000, 1_900_000_000);
        Map<String, Object> resp = new LinkedHashMap<>();
        resp.put("id", "resp_" + token());
        resp.put("object", "response");
        resp.put("created_at", BigDecimal.valueOf(created));
        resp.put("completed_at", incomplete ? null : BigDecimal.valueOf(created + between(0, 90)));
        resp.put("status", incomplete ? "incomplete" : "completed");
        resp.put("error", null);
        resp.put("incomplete_details", incomplete ? o("reason", reason) : null);
        resp.put("instructions", chance(0.3) ? text() : null);
        resp.put("max_output_tokens", chance(0.4) ? integer(16, 100_000) : null);
        resp.put("model", pick("gpt-5.4-2026-03-05", "gpt-4o-2024-08-06"));
        resp.put("output", output);
        resp.put("parallel_tool_calls", r.nextBoolean());
        resp.put("previous_response_id", null);
        resp.put("reasoning", chance(0.4) ? o("effort", pick(EFFORTS)) : null);
        resp.put("temperature", decimal(0, 2));
        resp.put("text", o("format", o("type", "text"), "verbosity", pick(VERBOSITY)));
        resp.put("tool_choice", pick("auto", "none", "required"));
        List<Object> tools = new ArrayList<>();
        for (int i = chance(0.5) ? between(1, 2) : 0; i > 0; i--) {
            tools.add(o("type", "function", "name", name(), "description", text(), "parameters", schema(true), "strict", true));
        }
        resp.put("tools", tools);
        resp.put("top_p", decimal(0, 1));
        resp.put("truncation", "disabled");
        resp.put("usage", responseUsage());
        resp.put("user", null);
        resp.put("metadata", chance(0.3) ? metadata() : new LinkedHashMap<>());
        if (chance(0.5)) {
            resp.put("service_tier", pick("default", "flex", "priority"));
        }
        resp.put("access_programs", null);
        return resp;
    }

    private Map<String, Object> responseUsage() {
        int input = between(1, 50_000);
        int output = between(1, 20_000);
        return o("input_tokens", BigDecimal.valueOf(input),
                "input_tokens_details", o("cached_tokens", integer(0, input), "cache_write_tokens", BigDecimal.ZERO),
                "output_tokens", BigDecimal.valueOf(output),
                "output_tokens_details", o("reasoning_tokens", integer(0, output)),
                "total_tokens", BigDecimal.valueOf(input + output));
    }

    // ---------------------------------------------------------------------------------------------------- by kind

    Map<String, Object> of(Corpus.Kind kind) {
        return switch (kind) {
            case CHAT_REQUEST -> chatRequest();
            case CHAT_COMPLETION -> chatCompletion();
            case RESPONSES_REQUEST -> responsesRequest();
            case RESPONSE -> response();
        };
    }
}
