package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.FreeJson.NOT_COVERED;
import static dev.crosswalk.translator.internal.FreeJson.bool;
import static dev.crosswalk.translator.internal.FreeJson.doubleOrNull;
import static dev.crosswalk.translator.internal.FreeJson.expect;
import static dev.crosswalk.translator.internal.FreeJson.extra;
import static dev.crosswalk.translator.internal.FreeJson.intOrNull;
import static dev.crosswalk.translator.internal.FreeJson.list;
import static dev.crosswalk.translator.internal.FreeJson.longOrNull;
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

import dev.crosswalk.translator.chat.AssistantMessage;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatContent;
import dev.crosswalk.translator.chat.ChatContentPart;
import dev.crosswalk.translator.chat.ChatMessage;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.chat.ChatToolCall;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.chat.DeveloperMessage;
import dev.crosswalk.translator.chat.FunctionCall;
import dev.crosswalk.translator.chat.FunctionDefinition;
import dev.crosswalk.translator.chat.FunctionTool;
import dev.crosswalk.translator.chat.FunctionToolCall;
import dev.crosswalk.translator.chat.ImageUrl;
import dev.crosswalk.translator.chat.ImageUrlPart;
import dev.crosswalk.translator.chat.JsonSchema;
import dev.crosswalk.translator.chat.ResponseFormat;
import dev.crosswalk.translator.chat.ResponseFormatJsonObject;
import dev.crosswalk.translator.chat.ResponseFormatJsonSchema;
import dev.crosswalk.translator.chat.ResponseFormatText;
import dev.crosswalk.translator.chat.StreamOptions;
import dev.crosswalk.translator.chat.SystemMessage;
import dev.crosswalk.translator.chat.TextPart;
import dev.crosswalk.translator.chat.ToolMessage;
import dev.crosswalk.translator.chat.UserMessage;
import java.util.List;
import java.util.Map;

/**
 * A Chat Completions request read from parser tokens into its record, and written from the record with generator
 * calls, without the data binder — for the shapes nearly every request has: system, developer, user, assistant and
 * tool messages; text and {@code image_url} parts; function tools and calls; the {@code text}, {@code json_object}
 * and {@code json_schema} formats; every scalar option. Anything else (an unknown role or part or tool type, a
 * wrongly typed value, a duplicate member, a member of another role's message, a value the writer does not know)
 * throws {@link FreeJson#NOT_COVERED} and {@link RequestJson} takes the data binder, which builds the same record or
 * reports the problem. The mapping between the protocols is not here: it stays in {@code mapping}, on the records.
 */
final class ChatRequestJson {
    private ChatRequestJson() {
    }

    static ChatCompletionRequest read(JsonTokens t) {
        expect(t.next(), START_OBJECT);
        // read straight into the canonical constructor: a builder per request was a second ~40-member object
        String model = null;
        List<ChatMessage> messages = null;
        List<ChatTool> tools = null;
        ChatToolChoice toolChoice = null;
        Boolean parallelToolCalls = null;
        ResponseFormat responseFormat = null;
        Double temperature = null;
        Double topP = null;
        Integer maxTokens = null;
        Integer maxCompletionTokens = null;
        Integer n = null;
        Object stop = null;
        Long seed = null;
        Map<String, Object> logitBias = null;
        Double frequencyPenalty = null;
        Double presencePenalty = null;
        Boolean logprobs = null;
        Integer topLogprobs = null;
        Boolean stream = null;
        StreamOptions streamOptions = null;
        Boolean store = null;
        Map<String, String> metadata = null;
        String user = null;
        String safetyIdentifier = null;
        String promptCacheKey = null;
        String promptCacheRetention = null;
        String serviceTier = null;
        String reasoningEffort = null;
        String verbosity = null;
        Map<String, Object> webSearchOptions = null;
        Object prediction = null;
        List<String> modalities = null;
        Object audio = null;
        List<Object> functions = null;
        Object functionCall = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "model" -> { seen = once(seen, 1L); model = string(t); }
                case "messages" -> { seen = once(seen, 1L << 1); messages = objects(t, ChatRequestJson::message); }
                case "tools" -> { seen = once(seen, 1L << 2); tools = objects(t, ChatRequestJson::tool); }
                case "tool_choice" -> { seen = once(seen, 1L << 3); toolChoice = toolChoice(t); }
                case "parallel_tool_calls" -> { seen = once(seen, 1L << 4); parallelToolCalls = bool(t); }
                case "response_format" -> { seen = once(seen, 1L << 5); responseFormat = responseFormat(t); }
                case "temperature" -> { seen = once(seen, 1L << 6); temperature = doubleOrNull(t); }
                case "top_p" -> { seen = once(seen, 1L << 7); topP = doubleOrNull(t); }
                case "max_tokens" -> { seen = once(seen, 1L << 8); maxTokens = intOrNull(t); }
                case "max_completion_tokens" -> { seen = once(seen, 1L << 9); maxCompletionTokens = intOrNull(t); }
                case "n" -> { seen = once(seen, 1L << 10); n = intOrNull(t); }
                case "stop" -> { seen = once(seen, 1L << 11); stop = value(t, t.next()); }
                case "seed" -> { seen = once(seen, 1L << 12); seed = longOrNull(t); }
                case "logit_bias" -> { seen = once(seen, 1L << 13); logitBias = objectOrNull(t); }
                case "frequency_penalty" -> { seen = once(seen, 1L << 14); frequencyPenalty = doubleOrNull(t); }
                case "presence_penalty" -> { seen = once(seen, 1L << 15); presencePenalty = doubleOrNull(t); }
                case "logprobs" -> { seen = once(seen, 1L << 16); logprobs = bool(t); }
                case "top_logprobs" -> { seen = once(seen, 1L << 17); topLogprobs = intOrNull(t); }
                case "stream" -> { seen = once(seen, 1L << 18); stream = bool(t); }
                case "stream_options" -> { seen = once(seen, 1L << 19); streamOptions = streamOptions(t); }
                case "store" -> { seen = once(seen, 1L << 20); store = bool(t); }
                case "metadata" -> { seen = once(seen, 1L << 21); metadata = FreeJson.stringMap(t); }
                case "user" -> { seen = once(seen, 1L << 22); user = string(t); }
                case "safety_identifier" -> { seen = once(seen, 1L << 23); safetyIdentifier = string(t); }
                case "prompt_cache_key" -> { seen = once(seen, 1L << 24); promptCacheKey = string(t); }
                case "prompt_cache_retention" -> { seen = once(seen, 1L << 25); promptCacheRetention = string(t); }
                case "service_tier" -> { seen = once(seen, 1L << 26); serviceTier = string(t); }
                case "reasoning_effort" -> { seen = once(seen, 1L << 27); reasoningEffort = string(t); }
                case "verbosity" -> { seen = once(seen, 1L << 28); verbosity = string(t); }
                case "web_search_options" -> { seen = once(seen, 1L << 29); webSearchOptions = objectOrNull(t); }
                case "prediction" -> { seen = once(seen, 1L << 30); prediction = value(t, t.next()); }
                case "modalities" -> { seen = once(seen, 1L << 31); modalities = strings(t); }
                case "audio" -> { seen = once(seen, 1L << 32); audio = value(t, t.next()); }
                case "functions" -> { seen = once(seen, 1L << 33); functions = freeList(t); }
                case "function_call" -> { seen = once(seen, 1L << 34); functionCall = value(t, t.next()); }
                default -> extra = extra(t, name, extra);
            }
        }
        expect(t.next(), EOF);
        return new ChatCompletionRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP, maxTokens, maxCompletionTokens, n, stop, seed, logitBias, frequencyPenalty, presencePenalty, logprobs, topLogprobs, stream, streamOptions, store, metadata, user, safetyIdentifier, promptCacheKey, promptCacheRetention, serviceTier, reasoningEffort, verbosity, webSearchOptions, prediction, modalities, audio, functions, functionCall, orEmpty(extra));
    }

    private static List<Object> freeList(JsonTokens t) {
        Object value = value(t, t.next());
        if (value != null && !(value instanceof List)) {
            throw NOT_COVERED;
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    private static ChatToolChoice toolChoice(JsonTokens t) {
        Object json = value(t, t.next());
        if (json == null) {
            throw NOT_COVERED;
        }
        return ChatToolChoice.fromJson(json);
    }

    private static StreamOptions streamOptions(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        Boolean includeUsage = null;
        Boolean includeObfuscation = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "include_usage" -> { seen = once(seen, 1); includeUsage = bool(t); }
                case "include_obfuscation" -> { seen = once(seen, 2); includeObfuscation = bool(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        return new StreamOptions(includeUsage, includeObfuscation, orEmpty(extra));
    }

    // Messages: the role may come anywhere (the data binder finds it wherever it is); members are read into one set
    // and the role decides the record. A member that belongs to another role is not covered (it would be an extra).

    private static final long CONTENT = 1, NAME_BIT = 2, REFUSAL = 4, TOOL_CALLS = 8, REASONING = 16, TOOL_CALL_ID = 32,
            ROLE = 64, AUDIO = 128, FUNCTION_CALL = 256;

    private static ChatMessage message(JsonTokens t) {
        String role = null;
        ChatContent content = null;
        String name = null;
        String refusal = null;
        List<ChatToolCall> toolCalls = null;
        String reasoning = null;
        String toolCallId = null;
        Object audio = null;
        Object functionCall = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String member = t.text();
            switch (member) {
                case "role" -> { seen = once(seen, ROLE); role = string(t); }
                case "content" -> { seen = once(seen, CONTENT); content = content(t); }
                case "name" -> { seen = once(seen, NAME_BIT); name = string(t); }
                case "refusal" -> { seen = once(seen, REFUSAL); refusal = string(t); }
                case "tool_calls" -> { seen = once(seen, TOOL_CALLS); toolCalls = objects(t, ChatRequestJson::toolCall); }
                case "reasoning_content" -> { seen = once(seen, REASONING); reasoning = string(t); }
                case "tool_call_id" -> { seen = once(seen, TOOL_CALL_ID); toolCallId = string(t); }
                case "audio" -> { seen = once(seen, AUDIO); audio = value(t, t.next()); }
                case "function_call" -> { seen = once(seen, FUNCTION_CALL); functionCall = value(t, t.next()); }
                default -> extra = extra(t, member, extra);
            }
        }
        if (role == null) {
            throw NOT_COVERED;
        }
        Map<String, Object> x = orEmpty(extra);
        return switch (role) {
            case "system" -> { only(seen, CONTENT | NAME_BIT); yield new SystemMessage(content, name, x); }
            case "developer" -> { only(seen, CONTENT | NAME_BIT); yield new DeveloperMessage(content, name, x); }
            case "user" -> { only(seen, CONTENT | NAME_BIT); yield new UserMessage(content, name, x); }
            case "assistant" -> {
                only(seen, CONTENT | NAME_BIT | REFUSAL | TOOL_CALLS | REASONING | AUDIO | FUNCTION_CALL);
                yield new AssistantMessage(content, refusal, name, toolCalls, reasoning, audio, functionCall, x);
            }
            case "tool" -> { only(seen, CONTENT | TOOL_CALL_ID); yield new ToolMessage(content, toolCallId, x); }
            default -> throw NOT_COVERED;
        };
    }

    private static void only(long seen, long allowed) {
        if ((seen & ~(allowed | ROLE)) != 0) {
            throw NOT_COVERED;
        }
    }

    private static ChatContent content(JsonTokens t) {
        return switch (t.next()) {
            case STRING -> ChatContent.of(t.text());
            case NULL -> null;
            case START_ARRAY -> {
                JsonList<ChatContentPart> parts = new JsonList<>();
                for (int token = t.next(); token != END_ARRAY; token = t.next()) {
                    expect(token, START_OBJECT);
                    parts.add(part(t));
                }
                yield ChatContent.of(parts);
            }
            default -> throw NOT_COVERED;
        };
    }

    private static ChatContentPart part(JsonTokens t) {
        String type = null;
        String text = null;
        ImageUrl imageUrl = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "type" -> { seen = once(seen, 1); type = string(t); }
                case "text" -> { seen = once(seen, 2); text = string(t); }
                case "image_url" -> { seen = once(seen, 4); imageUrl = imageUrl(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        if ("text".equals(type) && (seen & 4) == 0) {
            return new TextPart(text, orEmpty(extra));
        }
        if ("image_url".equals(type) && (seen & 2) == 0) {
            return new ImageUrlPart(imageUrl, orEmpty(extra));
        }
        throw NOT_COVERED;
    }

    private static ImageUrl imageUrl(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String url = null;
        String detail = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "url" -> { seen = once(seen, 1); url = string(t); }
                case "detail" -> { seen = once(seen, 2); detail = string(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        return new ImageUrl(url, detail, orEmpty(extra));
    }

    private static ChatToolCall toolCall(JsonTokens t) {
        String type = null;
        String id = null;
        FunctionCall function = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "type" -> { seen = once(seen, 1); type = string(t); }
                case "id" -> { seen = once(seen, 2); id = string(t); }
                case "function" -> { seen = once(seen, 4); function = functionCall(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        if (!"function".equals(type)) {
            throw NOT_COVERED;
        }
        return new FunctionToolCall(id, function, orEmpty(extra));
    }

    private static FunctionCall functionCall(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String name = null;
        String arguments = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String member = t.text();
            switch (member) {
                case "name" -> { seen = once(seen, 1); name = string(t); }
                case "arguments" -> { seen = once(seen, 2); arguments = string(t); }
                default -> extra = extra(t, member, extra);
            }
        }
        return new FunctionCall(name, arguments, orEmpty(extra));
    }

    private static ChatTool tool(JsonTokens t) {
        String type = null;
        FunctionDefinition function = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "type" -> { seen = once(seen, 1); type = string(t); }
                case "function" -> { seen = once(seen, 2); function = functionDefinition(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        if (!"function".equals(type)) {
            throw NOT_COVERED;
        }
        return new FunctionTool(function, orEmpty(extra));
    }

    private static FunctionDefinition functionDefinition(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String name = null;
        String description = null;
        Map<String, Object> parameters = null;
        Boolean strict = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String member = t.text();
            switch (member) {
                case "name" -> { seen = once(seen, 1); name = string(t); }
                case "description" -> { seen = once(seen, 2); description = string(t); }
                case "parameters" -> { seen = once(seen, 4); parameters = objectOrNull(t); }
                case "strict" -> { seen = once(seen, 8); strict = bool(t); }
                default -> extra = extra(t, member, extra);
            }
        }
        return new FunctionDefinition(name, description, parameters, strict, orEmpty(extra));
    }

    private static ResponseFormat responseFormat(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String type = null;
        JsonSchema schema = null;
        Map<String, Object> extra = null;
        long seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "type" -> { seen = once(seen, 1); type = string(t); }
                case "json_schema" -> { seen = once(seen, 2); schema = jsonSchema(t); }
                default -> extra = extra(t, name, extra);
            }
        }
        if ("json_schema".equals(type)) {
            return new ResponseFormatJsonSchema(schema, orEmpty(extra));
        }
        if ((seen & 2) != 0) {
            throw NOT_COVERED; // json_schema beside another type is one of its extras
        }
        return switch (type == null ? "" : type) {
            case "text" -> new ResponseFormatText(orEmpty(extra));
            case "json_object" -> new ResponseFormatJsonObject(orEmpty(extra));
            default -> throw NOT_COVERED;
        };
    }

    private static JsonSchema jsonSchema(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
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
                case "name" -> { seen = once(seen, 1); name = string(t); }
                case "description" -> { seen = once(seen, 2); description = string(t); }
                case "schema" -> { seen = once(seen, 4); schema = objectOrNull(t); }
                case "strict" -> { seen = once(seen, 8); strict = bool(t); }
                default -> extra = extra(t, member, extra);
            }
        }
        return new JsonSchema(name, description, schema, strict, orEmpty(extra));
    }

    // Writing, in each record's component order (its type or role tag first, its extras last).

    static void write(ChatCompletionRequest r, JsonOut out) {
        out.startObject();
        FreeJson.string(out, "model", r.model());
        list(out, "messages", r.messages(), ChatRequestJson::message);
        list(out, "tools", r.tools(), ChatRequestJson::tool);
        if (r.toolChoice() != null) {
            FreeJson.value(out, "tool_choice", r.toolChoice().toJson());
        }
        FreeJson.bool(out, "parallel_tool_calls", r.parallelToolCalls());
        if (r.responseFormat() != null) {
            out.name("response_format");
            responseFormat(out, r.responseFormat());
        }
        number(out, "temperature", r.temperature());
        number(out, "top_p", r.topP());
        number(out, "max_tokens", r.maxTokens());
        number(out, "max_completion_tokens", r.maxCompletionTokens());
        number(out, "n", r.n());
        FreeJson.value(out, "stop", r.stop());
        number(out, "seed", r.seed());
        FreeJson.value(out, "logit_bias", r.logitBias());
        number(out, "frequency_penalty", r.frequencyPenalty());
        number(out, "presence_penalty", r.presencePenalty());
        FreeJson.bool(out, "logprobs", r.logprobs());
        number(out, "top_logprobs", r.topLogprobs());
        FreeJson.bool(out, "stream", r.stream());
        if (r.streamOptions() != null) {
            StreamOptions o = r.streamOptions();
            out.name("stream_options");
            out.startObject();
            FreeJson.bool(out, "include_usage", o.includeUsage());
            FreeJson.bool(out, "include_obfuscation", o.includeObfuscation());
            FreeJson.extra(out, o.extra());
            out.endObject();
        }
        FreeJson.bool(out, "store", r.store());
        FreeJson.value(out, "metadata", r.metadata());
        FreeJson.string(out, "user", r.user());
        FreeJson.string(out, "safety_identifier", r.safetyIdentifier());
        FreeJson.string(out, "prompt_cache_key", r.promptCacheKey());
        FreeJson.string(out, "prompt_cache_retention", r.promptCacheRetention());
        FreeJson.string(out, "service_tier", r.serviceTier());
        FreeJson.string(out, "reasoning_effort", r.reasoningEffort());
        FreeJson.string(out, "verbosity", r.verbosity());
        FreeJson.value(out, "web_search_options", r.webSearchOptions());
        FreeJson.value(out, "prediction", r.prediction());
        FreeJson.strings(out, "modalities", r.modalities());
        FreeJson.value(out, "audio", r.audio());
        FreeJson.value(out, "functions", r.functions());
        FreeJson.value(out, "function_call", r.functionCall());
        FreeJson.extra(out, r.extra());
        out.endObject();
    }

    private static void message(JsonOut out, ChatMessage message) {
        out.startObject();
        out.name("role");
        out.string(message.role());
        if (message instanceof SystemMessage m) {
            content(out, m.content(), false);
            FreeJson.string(out, "name", m.name());
            FreeJson.extra(out, m.extra());
        } else if (message instanceof DeveloperMessage m) {
            content(out, m.content(), false);
            FreeJson.string(out, "name", m.name());
            FreeJson.extra(out, m.extra());
        } else if (message instanceof UserMessage m) {
            content(out, m.content(), false);
            FreeJson.string(out, "name", m.name());
            FreeJson.extra(out, m.extra());
        } else if (message instanceof AssistantMessage m) {
            content(out, m.content(), true); // written even when null (the record says ALWAYS)
            FreeJson.string(out, "refusal", m.refusal());
            FreeJson.string(out, "name", m.name());
            list(out, "tool_calls", m.toolCalls(), ChatRequestJson::toolCall);
            FreeJson.string(out, "reasoning_content", m.reasoningContent());
            FreeJson.value(out, "audio", m.audio());
            FreeJson.value(out, "function_call", m.functionCall());
            FreeJson.extra(out, m.extra());
        } else if (message instanceof ToolMessage m) {
            content(out, m.content(), false);
            FreeJson.string(out, "tool_call_id", m.toolCallId());
            FreeJson.extra(out, m.extra());
        } else {
            throw NOT_COVERED;
        }
        out.endObject();
    }

    private static void content(JsonOut out, ChatContent content, boolean always) {
        if (content == null) {
            if (always) {
                out.name("content");
                out.nullValue();
            }
            return;
        }
        out.name("content");
        if (content.isText()) {
            out.string(content.text());
            return;
        }
        out.startArray();
        for (ChatContentPart part : content.parts()) {
            out.startObject();
            out.name("type");
            out.string(part.type());
            if (part instanceof TextPart p) {
                FreeJson.string(out, "text", p.text());
                FreeJson.extra(out, p.extra());
            } else if (part instanceof ImageUrlPart p) {
                if (p.imageUrl() != null) {
                    out.name("image_url");
                    out.startObject();
                    FreeJson.string(out, "url", p.imageUrl().url());
                    FreeJson.string(out, "detail", p.imageUrl().detail());
                    FreeJson.extra(out, p.imageUrl().extra());
                    out.endObject();
                }
                FreeJson.extra(out, p.extra());
            } else {
                throw NOT_COVERED;
            }
            out.endObject();
        }
        out.endArray();
    }

    private static void toolCall(JsonOut out, ChatToolCall call) {
        if (!(call instanceof FunctionToolCall c)) {
            throw NOT_COVERED;
        }
        out.startObject();
        out.name("type");
        out.string("function");
        FreeJson.string(out, "id", c.id());
        if (c.function() != null) {
            out.name("function");
            out.startObject();
            FreeJson.string(out, "name", c.function().name());
            FreeJson.string(out, "arguments", c.function().arguments());
            FreeJson.extra(out, c.function().extra());
            out.endObject();
        }
        FreeJson.extra(out, c.extra());
        out.endObject();
    }

    private static void tool(JsonOut out, ChatTool tool) {
        if (!(tool instanceof FunctionTool f)) {
            throw NOT_COVERED;
        }
        out.startObject();
        out.name("type");
        out.string("function");
        FunctionDefinition d = f.function();
        if (d != null) {
            out.name("function");
            out.startObject();
            FreeJson.string(out, "name", d.name());
            FreeJson.string(out, "description", d.description());
            FreeJson.value(out, "parameters", d.parameters());
            FreeJson.bool(out, "strict", d.strict());
            FreeJson.extra(out, d.extra());
            out.endObject();
        }
        FreeJson.extra(out, f.extra());
        out.endObject();
    }

    private static void responseFormat(JsonOut out, ResponseFormat format) {
        out.startObject();
        out.name("type");
        out.string(format.type());
        if (format instanceof ResponseFormatJsonSchema f) {
            JsonSchema s = f.jsonSchema();
            if (s != null) {
                out.name("json_schema");
                out.startObject();
                FreeJson.string(out, "name", s.name());
                FreeJson.string(out, "description", s.description());
                FreeJson.value(out, "schema", s.schema());
                FreeJson.bool(out, "strict", s.strict());
                FreeJson.extra(out, s.extra());
                out.endObject();
            }
            FreeJson.extra(out, f.extra());
        } else if (format instanceof ResponseFormatText f) {
            FreeJson.extra(out, f.extra());
        } else if (format instanceof ResponseFormatJsonObject f) {
            FreeJson.extra(out, f.extra());
        } else {
            throw NOT_COVERED;
        }
        out.endObject();
    }
}
