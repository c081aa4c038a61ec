package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.FreeJson.NOT_COVERED;
import static dev.crosswalk.translator.internal.FreeJson.bool;
import static dev.crosswalk.translator.internal.FreeJson.doubleOrNull;
import static dev.crosswalk.translator.internal.FreeJson.expect;
import static dev.crosswalk.translator.internal.FreeJson.extra;
import static dev.crosswalk.translator.internal.FreeJson.intOrNull;
import static dev.crosswalk.translator.internal.FreeJson.list;
import static dev.crosswalk.translator.internal.FreeJson.number;
import static dev.crosswalk.translator.internal.FreeJson.objectOrNull;
import static dev.crosswalk.translator.internal.FreeJson.objects;
import static dev.crosswalk.translator.internal.FreeJson.once;
import static dev.crosswalk.translator.internal.FreeJson.orEmpty;
import static dev.crosswalk.translator.internal.FreeJson.string;
import static dev.crosswalk.translator.internal.FreeJson.strings;
import static dev.crosswalk.translator.internal.FreeJson.value;
import static dev.crosswalk.translator.internal.JsonTokens.END_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.END_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.EOF;
import static dev.crosswalk.translator.internal.JsonTokens.NAME;
import static dev.crosswalk.translator.internal.JsonTokens.NULL;
import static dev.crosswalk.translator.internal.JsonTokens.START_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.START_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.STRING;

import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.FunctionCallOutputItem;
import dev.crosswalk.translator.responses.FunctionTool;
import dev.crosswalk.translator.responses.InputImageContent;
import dev.crosswalk.translator.responses.InputTextContent;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.Reasoning;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponseText;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.ResponsesTool;
import dev.crosswalk.translator.responses.ResponsesToolChoice;
import dev.crosswalk.translator.responses.TextFormat;
import dev.crosswalk.translator.responses.TextFormatJsonObject;
import dev.crosswalk.translator.responses.TextFormatJsonSchema;
import dev.crosswalk.translator.responses.TextFormatText;
import dev.crosswalk.translator.responses.ToolOutput;
import java.util.List;
import java.util.Map;

/**
 * A Responses request read from parser tokens into its record, and written from the record with generator calls,
 * without the data binder — for the shapes nearly every request has: {@code message} items with text, image and
 * output-text parts (no annotations or logprobs), {@code function_call} and {@code function_call_output} items
 * (text output), function tools, the {@code text}/{@code json_object}/{@code json_schema} formats, reasoning
 * options and every scalar option. Anything else (reasoning, custom-tool, hosted or unknown items, hosted tools, an
 * item without its {@code type}, annotations, a wrongly typed value, a duplicate member) throws
 * {@link FreeJson#NOT_COVERED} and {@link RequestJson} takes the data binder instead. The mapping is not here: it
 * stays in {@code mapping}, on the records.
 */
final class ResponsesRequestJson {
    private ResponsesRequestJson() {
    }

    static ResponsesRequest read(JsonTokens t) {
        expect(t.next(), START_OBJECT);
        // read straight into the canonical constructor: a builder per request was a second ~40-member object
        String model = null;
        ResponsesInput input = null;
        String instructions = null;
        List<ResponsesTool> tools = null;
        ResponsesToolChoice toolChoice = null;
        Boolean parallelToolCalls = null;
        ResponseText text = null;
        Reasoning reasoning = null;
        Double temperature = null;
        Double topP = null;
        Integer maxOutputTokens = null;
        Integer topLogprobs = null;
        List<String> include = null;
        Boolean store = null;
        Map<String, String> metadata = null;
        String user = null;
        String safetyIdentifier = null;
        String promptCacheKey = null;
        String promptCacheRetention = null;
        String serviceTier = null;
        Boolean stream = null;
        Map<String, Object> streamOptions = null;
        String previousResponseId = null;
        Object conversation = null;
        String truncation = null;
        Boolean background = null;
        Integer maxToolCalls = null;
        Object prompt = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "model" -> { seen = once(seen, 1L); model = string(t); }
                case "input" -> { seen = once(seen, 1L << 1); input = input(t); }
                case "instructions" -> { seen = once(seen, 1L << 2); instructions = string(t); }
                case "tools" -> { seen = once(seen, 1L << 3); tools = objects(t, ResponsesRequestJson::tool); }
                case "tool_choice" -> { seen = once(seen, 1L << 4); toolChoice = toolChoice(t); }
                case "parallel_tool_calls" -> { seen = once(seen, 1L << 5); parallelToolCalls = bool(t); }
                case "text" -> { seen = once(seen, 1L << 6); text = text(t); }
                case "reasoning" -> { seen = once(seen, 1L << 7); reasoning = reasoning(t); }
                case "temperature" -> { seen = once(seen, 1L << 8); temperature = doubleOrNull(t); }
                case "top_p" -> { seen = once(seen, 1L << 9); topP = doubleOrNull(t); }
                case "max_output_tokens" -> { seen = once(seen, 1L << 10); maxOutputTokens = intOrNull(t); }
                case "top_logprobs" -> { seen = once(seen, 1L << 11); topLogprobs = intOrNull(t); }
                case "include" -> { seen = once(seen, 1L << 12); include = strings(t); }
                case "store" -> { seen = once(seen, 1L << 13); store = bool(t); }
                case "metadata" -> { seen = once(seen, 1L << 14); metadata = FreeJson.stringMap(t); }
                case "user" -> { seen = once(seen, 1L << 15); user = string(t); }
                case "safety_identifier" -> { seen = once(seen, 1L << 16); safetyIdentifier = string(t); }
                case "prompt_cache_key" -> { seen = once(seen, 1L << 17); promptCacheKey = string(t); }
                case "prompt_cache_retention" -> { seen = once(seen, 1L << 18); promptCacheRetention = string(t); }
                case "service_tier" -> { seen = once(seen, 1L << 19); serviceTier = string(t); }
                case "stream" -> { seen = once(seen, 1L << 20); stream = bool(t); }
                case "stream_options" -> { seen = once(seen, 1L << 21); streamOptions = objectOrNull(t); }
                case "previous_response_id" -> { seen = once(seen, 1L << 22); previousResponseId = string(t); }
                case "conversation" -> { seen = once(seen, 1L << 23); conversation = value(t, t.next()); }
                case "truncation" -> { seen = once(seen, 1L << 24); truncation = string(t); }
                case "background" -> { seen = once(seen, 1L << 25); background = bool(t); }
                case "max_tool_calls" -> { seen = once(seen, 1L << 26); maxToolCalls = intOrNull(t); }
                case "prompt" -> { seen = once(seen, 1L << 27); prompt = value(t, t.next()); }
                default -> extra = extra(t, name, extra);
            }
        }
        expect(t.next(), EOF);
        return new ResponsesRequest(model, input, instructions, tools, toolChoice, parallelToolCalls, text, reasoning, temperature, topP, maxOutputTokens, topLogprobs, include, store, metadata, user, safetyIdentifier, promptCacheKey, promptCacheRetention, serviceTier, stream, streamOptions, previousResponseId, conversation, truncation, background, maxToolCalls, prompt, orEmpty(extra));
    }

    private static ResponsesInput input(JsonTokens t) {
        return switch (t.next()) {
            case STRING -> ResponsesInput.of(t.text());
            case NULL -> null;
            case START_ARRAY -> {
                JsonList<ResponseItem> items = new JsonList<>();
                for (int token = t.next(); token != END_ARRAY; token = t.next()) {
                    expect(token, START_OBJECT);
                    items.add(item(t));
                }
                yield ResponsesInput.of(items);
            }
            default -> throw NOT_COVERED;
        };
    }

    private static ResponsesToolChoice toolChoice(JsonTokens t) {
        Object json = value(t, t.next());
        if (json == null) {
            throw NOT_COVERED;
        }
        return ResponsesToolChoice.fromJson(json);
    }

    // Items: the type may come anywhere; members are read into one set and the type decides the record. A member
    // of another item type is not covered (for this type it would be an extra).

    private static final long TYPE = 1, ID = 2, ROLE = 4, CONTENT = 8, STATUS = 16, PHASE = 32, CALL_ID = 64,
            NAME_BIT = 128, ARGUMENTS = 256, NAMESPACE = 512, OUTPUT = 1024;

    private static ResponseItem item(JsonTokens t) {
        String type = null;
        String id = null;
        String role = null;
        List<ResponseContent> content = null;
        String contentText = null;
        String status = null;
        String phase = null;
        String callId = null;
        String name = null;
        String arguments = null;
        String namespace = null;
        ToolOutput output = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String member = t.text();
            switch (member) {
                case "type" -> { seen = once(seen, TYPE); type = string(t); }
                case "id" -> { seen = once(seen, ID); id = string(t); }
                case "role" -> { seen = once(seen, ROLE); role = string(t); }
                case "content" -> {
                    seen = once(seen, CONTENT);
                    int next = t.next();
                    if (next == STRING) {
                        contentText = t.text();
                    } else if (next != NULL) {
                        content = parts(t, next);
                    }
                }
                case "status" -> { seen = once(seen, STATUS); status = string(t); }
                case "phase" -> { seen = once(seen, PHASE); phase = string(t); }
                case "call_id" -> { seen = once(seen, CALL_ID); callId = string(t); }
                case "name" -> { seen = once(seen, NAME_BIT); name = string(t); }
                case "arguments" -> { seen = once(seen, ARGUMENTS); arguments = string(t); }
                case "namespace" -> { seen = once(seen, NAMESPACE); namespace = string(t); }
                case "output" -> {
                    seen = once(seen, OUTPUT);
                    int next = t.next();
                    output = next == STRING ? ToolOutput.of(t.text()) : next == NULL ? null : ToolOutput.of(parts(t, next));
                }
                default -> extra = extra(t, member, extra);
            }
        }
        Map<String, Object> x = orEmpty(extra);
        return switch (type == null ? "" : type) {
            case "message" -> {
                only(seen, ID | ROLE | CONTENT | STATUS | PHASE);
                ResponsesContent c = contentText != null ? ResponsesContent.of(contentText)
                        : content != null ? ResponsesContent.of(content) : null;
                yield new MessageItem(id, role, c, status, phase, x);
            }
            case "function_call" -> {
                only(seen, ID | CALL_ID | NAME_BIT | ARGUMENTS | STATUS | NAMESPACE);
                yield new FunctionCallItem(id, callId, name, arguments, status, namespace, x);
            }
            case "function_call_output" -> {
                only(seen, ID | CALL_ID | OUTPUT | STATUS);
                yield new FunctionCallOutputItem(id, callId, output, status, x);
            }
            default -> throw NOT_COVERED;
        };
    }

    private static void only(long seen, long allowed) {
        if ((seen & ~(allowed | TYPE)) != 0) {
            throw NOT_COVERED;
        }
    }

    private static List<ResponseContent> parts(JsonTokens t, int token) {
        expect(token, START_ARRAY);
        JsonList<ResponseContent> parts = new JsonList<>();
        for (token = t.next(); token != END_ARRAY; token = t.next()) {
            expect(token, START_OBJECT);
            parts.add(part(t));
        }
        return parts;
    }

    private static ResponseContent part(JsonTokens t) {
        String type = null;
        String text = null;
        String imageUrl = null;
        String fileId = null;
        String detail = null;
        List<Object> annotations = null;
        List<Object> logprobs = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "type" -> { seen = once(seen, 1); type = string(t); }
                case "text" -> { seen = once(seen, 2); text = string(t); }
                case "image_url" -> { seen = once(seen, 4); imageUrl = string(t); }
                case "file_id" -> { seen = once(seen, 8); fileId = string(t); }
                case "detail" -> { seen = once(seen, 16); detail = string(t); }
                case "annotations" -> { seen = once(seen, 32); annotations = emptyOrNull(t); }
                case "logprobs" -> { seen = once(seen, 64); logprobs = emptyOrNull(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        Map<String, Object> x = orEmpty(extra);
        return switch (type == null ? "" : type) {
            case "input_text" -> { onlyParts(seen, 2); yield new InputTextContent(text, x); }
            case "input_image" -> { onlyParts(seen, 4 | 8 | 16); yield new InputImageContent(imageUrl, fileId, detail, x); }
            case "output_text" -> {
                onlyParts(seen, 2 | 32 | 64);
                yield new OutputTextContent(text, annotations == null ? null : List.of(), logprobs == null ? null : List.of(), x);
            }
            default -> throw NOT_COVERED;
        };
    }

    private static void onlyParts(long seen, long allowed) {
        if ((seen & ~(allowed | 1)) != 0) {
            throw NOT_COVERED;
        }
    }

    /** {@code annotations} and {@code logprobs} are covered empty only. */
    private static List<Object> emptyOrNull(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_ARRAY);
        expect(t.next(), END_ARRAY);
        return List.of();
    }

    private static ResponsesTool tool(JsonTokens t) {
        String type = null;
        String name = null;
        String description = null;
        Map<String, Object> parameters = null;
        Boolean strict = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String member = t.text();
            switch (member) {
                case "type" -> { seen = once(seen, 1); type = string(t); }
                case "name" -> { seen = once(seen, 2); name = string(t); }
                case "description" -> { seen = once(seen, 4); description = string(t); }
                case "parameters" -> { seen = once(seen, 8); parameters = objectOrNull(t); }
                case "strict" -> { seen = once(seen, 16); strict = bool(t); }
                default -> extra = extra(t, member, extra);
            }
        }
        if (!"function".equals(type)) {
            throw NOT_COVERED;
        }
        return new FunctionTool(name, description, parameters, strict, orEmpty(extra));
    }

    private static ResponseText text(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        TextFormat format = null;
        String verbosity = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "format" -> { seen = once(seen, 1); format = format(t); }
                case "verbosity" -> { seen = once(seen, 2); verbosity = string(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        return new ResponseText(format, verbosity, orEmpty(extra));
    }

    private static TextFormat format(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String type = null;
        String name = null;
        String description = null;
        Map<String, Object> schema = null;
        Boolean strict = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String member = t.text();
            switch (member) {
                case "type" -> { seen = once(seen, 1); type = string(t); }
                case "name" -> { seen = once(seen, 2); name = string(t); }
                case "description" -> { seen = once(seen, 4); description = string(t); }
                case "schema" -> { seen = once(seen, 8); schema = objectOrNull(t); }
                case "strict" -> { seen = once(seen, 16); strict = bool(t); }
                default -> extra = extra(t, member, extra);
            }
        }
        if ("json_schema".equals(type)) {
            return new TextFormatJsonSchema(name, description, schema, strict, orEmpty(extra));
        }
        if (seen != 1) {
            throw NOT_COVERED; // a json_schema member beside another type is one of its extras
        }
        return switch (type == null ? "" : type) {
            case "text" -> new TextFormatText(orEmpty(extra));
            case "json_object" -> new TextFormatJsonObject(orEmpty(extra));
            default -> throw NOT_COVERED;
        };
    }

    private static Reasoning reasoning(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String effort = null;
        String summary = null;
        String generateSummary = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "effort" -> { seen = once(seen, 1); effort = string(t); }
                case "summary" -> { seen = once(seen, 2); summary = string(t); }
                case "generate_summary" -> { seen = once(seen, 4); generateSummary = string(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        return new Reasoning(effort, summary, generateSummary, orEmpty(extra));
    }

    // Writing, in each record's component order (its type tag first, its extras last).

    static void write(ResponsesRequest r, JsonOut out) {
        out.startObject();
        FreeJson.string(out, "model", r.model());
        if (r.input() != null) {
            out.name("input");
            if (r.input().isText()) {
                out.string(r.input().text());
            } else {
                out.startArray();
                for (ResponseItem item : r.input().items()) {
                    item(out, item);
                }
                out.endArray();
            }
        }
        FreeJson.string(out, "instructions", r.instructions());
        list(out, "tools", r.tools(), ResponsesRequestJson::tool);
        if (r.toolChoice() != null) {
            FreeJson.value(out, "tool_choice", r.toolChoice().toJson());
        }
        FreeJson.bool(out, "parallel_tool_calls", r.parallelToolCalls());
        if (r.text() != null) {
            out.name("text");
            out.startObject();
            if (r.text().format() != null) {
                out.name("format");
                format(out, r.text().format());
            }
            FreeJson.string(out, "verbosity", r.text().verbosity());
            FreeJson.extra(out, r.text().extra());
            out.endObject();
        }
        if (r.reasoning() != null) {
            Reasoning reasoning = r.reasoning();
            out.name("reasoning");
            out.startObject();
            FreeJson.string(out, "effort", reasoning.effort());
            FreeJson.string(out, "summary", reasoning.summary());
            FreeJson.string(out, "generate_summary", reasoning.generateSummary());
            FreeJson.extra(out, reasoning.extra());
            out.endObject();
        }
        number(out, "temperature", r.temperature());
        number(out, "top_p", r.topP());
        number(out, "max_output_tokens", r.maxOutputTokens());
        number(out, "top_logprobs", r.topLogprobs());
        FreeJson.strings(out, "include", r.include());
        FreeJson.bool(out, "store", r.store());
        FreeJson.value(out, "metadata", r.metadata());
        FreeJson.string(out, "user", r.user());
        FreeJson.string(out, "safety_identifier", r.safetyIdentifier());
        FreeJson.string(out, "prompt_cache_key", r.promptCacheKey());
        FreeJson.string(out, "prompt_cache_retention", r.promptCacheRetention());
        FreeJson.string(out, "service_tier", r.serviceTier());
        FreeJson.bool(out, "stream", r.stream());
        FreeJson.value(out, "stream_options", r.streamOptions());
        FreeJson.string(out, "previous_response_id", r.previousResponseId());
        FreeJson.value(out, "conversation", r.conversation());
        FreeJson.string(out, "truncation", r.truncation());
        FreeJson.bool(out, "background", r.background());
        number(out, "max_tool_calls", r.maxToolCalls());
        FreeJson.value(out, "prompt", r.prompt());
        FreeJson.extra(out, r.extra());
        out.endObject();
    }

    private static void item(JsonOut out, ResponseItem item) {
        out.startObject();
        out.name("type");
        out.string(item.type());
        if (item instanceof MessageItem m) {
            FreeJson.string(out, "id", m.id());
            FreeJson.string(out, "role", m.role());
            if (m.content() != null) {
                out.name("content");
                if (m.content().isText()) {
                    out.string(m.content().text());
                } else {
                    parts(out, m.content().parts());
                }
            }
            FreeJson.string(out, "status", m.status());
            FreeJson.string(out, "phase", m.phase());
            FreeJson.extra(out, m.extra());
        } else if (item instanceof FunctionCallItem c) {
            FreeJson.string(out, "id", c.id());
            FreeJson.string(out, "call_id", c.callId());
            FreeJson.string(out, "name", c.name());
            FreeJson.string(out, "arguments", c.arguments());
            FreeJson.string(out, "status", c.status());
            FreeJson.string(out, "namespace", c.namespace());
            FreeJson.extra(out, c.extra());
        } else if (item instanceof FunctionCallOutputItem o) {
            FreeJson.string(out, "id", o.id());
            FreeJson.string(out, "call_id", o.callId());
            if (o.output() != null) {
                out.name("output");
                if (o.output().isText()) {
                    out.string(o.output().text());
                } else {
                    parts(out, o.output().parts());
                }
            }
            FreeJson.string(out, "status", o.status());
            FreeJson.extra(out, o.extra());
        } else {
            throw NOT_COVERED;
        }
        out.endObject();
    }

    private static void parts(JsonOut out, List<ResponseContent> parts) {
        out.startArray();
        for (ResponseContent part : parts) {
            out.startObject();
            out.name("type");
            out.string(part.type());
            if (part instanceof InputTextContent p) {
                FreeJson.string(out, "text", p.text());
                FreeJson.extra(out, p.extra());
            } else if (part instanceof InputImageContent p) {
                FreeJson.string(out, "image_url", p.imageUrl());
                FreeJson.string(out, "file_id", p.fileId());
                FreeJson.string(out, "detail", p.detail());
                FreeJson.extra(out, p.extra());
            } else if (part instanceof OutputTextContent p) {
                FreeJson.string(out, "text", p.text());
                emptyOrNull(out, "annotations", p.annotations());
                emptyOrNull(out, "logprobs", p.logprobs());
                FreeJson.extra(out, p.extra());
            } else {
                throw NOT_COVERED;
            }
            out.endObject();
        }
        out.endArray();
    }

    private static void emptyOrNull(JsonOut out, String name, List<?> list) {
        if (list == null) {
            return;
        }
        if (!list.isEmpty()) {
            throw NOT_COVERED;
        }
        out.name(name);
        out.startArray();
        out.endArray();
    }

    private static void tool(JsonOut out, ResponsesTool tool) {
        if (!(tool instanceof FunctionTool f)) {
            throw NOT_COVERED;
        }
        out.startObject();
        out.name("type");
        out.string("function");
        FreeJson.string(out, "name", f.name());
        FreeJson.string(out, "description", f.description());
        out.name("parameters"); // written even when null (the record says ALWAYS)
        FreeJson.write(out, f.parameters());
        FreeJson.bool(out, "strict", f.strict());
        FreeJson.extra(out, f.extra());
        out.endObject();
    }

    private static void format(JsonOut out, TextFormat format) {
        out.startObject();
        out.name("type");
        out.string(format.type());
        if (format instanceof TextFormatJsonSchema f) {
            FreeJson.string(out, "name", f.name());
            FreeJson.string(out, "description", f.description());
            FreeJson.value(out, "schema", f.schema());
            FreeJson.bool(out, "strict", f.strict());
            FreeJson.extra(out, f.extra());
        } else if (format instanceof TextFormatText f) {
            FreeJson.extra(out, f.extra());
        } else if (format instanceof TextFormatJsonObject f) {
            FreeJson.extra(out, f.extra());
        } else {
            throw NOT_COVERED;
        }
        out.endObject();
    }
}
