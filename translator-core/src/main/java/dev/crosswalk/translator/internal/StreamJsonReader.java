package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.JsonTokens.END_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.END_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.EOF;
import static dev.crosswalk.translator.internal.JsonTokens.FALSE;
import static dev.crosswalk.translator.internal.JsonTokens.INTEGER;
import static dev.crosswalk.translator.internal.JsonTokens.NAME;
import static dev.crosswalk.translator.internal.JsonTokens.NULL;
import static dev.crosswalk.translator.internal.JsonTokens.START_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.START_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.STRING;
import static dev.crosswalk.translator.internal.JsonTokens.TRUE;

import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.responses.LogProb;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDeltaEvent;
import dev.crosswalk.translator.responses.events.OutputTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the shapes that make up nearly every stream — Chat chunks with text or tool-call fragments, Responses
 * delta events — straight from parser tokens into the records, without the data binder's buffering, creator
 * bookkeeping and any-setter maps. It covers those shapes only: on anything else (a {@code usage} object,
 * logprobs, a number or an object among the unknown fields, a {@code type} that is not first) it answers
 * {@code null} and the codec reads the document with its data binder, so both paths always agree; a property test
 * holds them to it.
 */
public final class StreamJsonReader {
    /** Thrown (without a stack trace) when the input leaves the covered shapes. */
    private static final RuntimeException NOT_COVERED = new RuntimeException("not covered", null, false, false) {
    };

    private StreamJsonReader() {
    }

    /** The chunk, or {@code null} if the fast path does not cover this document. */
    public static ChatCompletionChunk chunk(JsonTokens t) {
        try {
            expect(t.next(), START_OBJECT);
            String id = null;
            String object = null;
            Long created = null;
            String model = null;
            List<ChunkChoice> choices = null;
            String serviceTier = null;
            String fingerprint = null;
            Map<String, Object> extra = null;
            int seen = 0;
            for (int token = t.next(); token != END_OBJECT; token = t.next()) {
                expect(token, NAME);
                String name = t.text();
                switch (name) {
                    case "id" -> {
                        seen = once(seen, 1);
                        id = string(t);
                    }
                    case "object" -> {
                        seen = once(seen, 2);
                        object = string(t);
                    }
                    case "created" -> {
                        seen = once(seen, 4);
                        created = longOrNull(t);
                    }
                    case "model" -> {
                        seen = once(seen, 8);
                        model = string(t);
                    }
                    case "choices" -> {
                        seen = once(seen, 16);
                        choices = objects(t, StreamJsonReader::choice);
                    }
                    case "usage" -> {
                        seen = once(seen, 32);
                        expect(t.next(), NULL);
                    }
                    case "service_tier" -> {
                        seen = once(seen, 64);
                        serviceTier = string(t);
                    }
                    case "system_fingerprint" -> {
                        seen = once(seen, 128);
                        fingerprint = string(t);
                    }
                    default -> extra = extra(t, name, extra);
                }
            }
            end(t);
            return new ChatCompletionChunk(id, object, created, model, choices, null, serviceTier, fingerprint, extra);
        } catch (RuntimeException notCovered) {
            return null;
        }
    }

    /** The event, or {@code null} if the fast path does not cover this document. */
    public static ResponseStreamEvent event(JsonTokens t) {
        try {
            expect(t.next(), START_OBJECT);
            expect(t.next(), NAME);
            if (!"type".equals(t.text())) {
                throw NOT_COVERED;
            }
            String type = string(t);
            Integer sequence = null;
            String itemId = null;
            Integer outputIndex = null;
            Integer contentIndex = null;
            String delta = null;
            List<LogProb> logprobs = null;
            Map<String, Object> extra = null;
            boolean text = "response.output_text.delta".equals(type);
            boolean call = "response.function_call_arguments.delta".equals(type);
            boolean reasoning = "response.reasoning_text.delta".equals(type);
            if (!text && !call && !reasoning) {
                throw NOT_COVERED;
            }
            int seen = 0;
            for (int token = t.next(); token != END_OBJECT; token = t.next()) {
                expect(token, NAME);
                String name = t.text();
                switch (name) {
                    case "sequence_number" -> {
                        seen = once(seen, 1);
                        sequence = intOrNull(t);
                    }
                    case "item_id" -> {
                        seen = once(seen, 2);
                        itemId = string(t);
                    }
                    case "output_index" -> {
                        seen = once(seen, 4);
                        outputIndex = intOrNull(t);
                    }
                    case "content_index" -> {
                        if (call) {
                            extra = extra(t, name, extra);
                        } else {
                            seen = once(seen, 16);
                            contentIndex = intOrNull(t);
                        }
                    }
                    case "delta" -> {
                        seen = once(seen, 8);
                        delta = string(t);
                    }
                    case "logprobs" -> {
                        if (text) {
                            seen = once(seen, 32);
                            logprobs = emptyListOrNull(t);
                        } else {
                            extra = extra(t, name, extra);
                        }
                    }
                    case "type" -> throw NOT_COVERED; // a duplicate: the data binder reports it
                    default -> extra = extra(t, name, extra);
                }
            }
            end(t);
            if (text) {
                return new OutputTextDeltaEvent(sequence, itemId, outputIndex, contentIndex, delta, logprobs, extra);
            }
            if (call) {
                return new FunctionCallArgumentsDeltaEvent(sequence, itemId, outputIndex, delta, extra);
            }
            return new ReasoningTextDeltaEvent(sequence, itemId, outputIndex, contentIndex, delta, extra);
        } catch (RuntimeException notCovered) {
            return null;
        }
    }

    /** {@code null}, or an array of objects each read by {@code element} (called after the object's start). */
    private static <T> List<T> objects(JsonTokens t, Function<JsonTokens, T> element) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_ARRAY);
        JsonList<T> list = new JsonList<>();
        for (token = t.next(); token != END_ARRAY; token = t.next()) {
            expect(token, START_OBJECT);
            list.add(element.apply(t));
        }
        return list;
    }

    private static ChunkChoice choice(JsonTokens t) {
        Integer index = null;
        ChunkDelta delta = null;
        String finishReason = null;
        Map<String, Object> extra = null;
        int seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "index" -> {
                    seen = once(seen, 1);
                    index = intOrNull(t);
                }
                case "delta" -> {
                    seen = once(seen, 2);
                    delta = delta(t);
                }
                case "finish_reason" -> {
                    seen = once(seen, 4);
                    finishReason = string(t);
                }
                case "logprobs" -> {
                    seen = once(seen, 8);
                    expect(t.next(), NULL);
                }
                default -> extra = extra(t, name, extra);
            }
        }
        return new ChunkChoice(index, delta, finishReason, null, extra);
    }

    private static ChunkDelta delta(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String role = null;
        String content = null;
        String refusal = null;
        List<ChunkToolCall> toolCalls = null;
        String reasoningContent = null;
        Map<String, Object> extra = null;
        int seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "role" -> {
                    seen = once(seen, 1);
                    role = string(t);
                }
                case "content" -> {
                    seen = once(seen, 2);
                    content = string(t);
                }
                case "refusal" -> {
                    seen = once(seen, 4);
                    refusal = string(t);
                }
                case "tool_calls" -> {
                    seen = once(seen, 8);
                    toolCalls = objects(t, StreamJsonReader::toolCall);
                }
                case "reasoning_content" -> {
                    seen = once(seen, 16);
                    reasoningContent = string(t);
                }
                case "function_call" -> {
                    seen = once(seen, 32);
                    expect(t.next(), NULL);
                }
                default -> extra = extra(t, name, extra);
            }
        }
        return new ChunkDelta(role, content, refusal, toolCalls, reasoningContent, null, extra);
    }

    private static ChunkToolCall toolCall(JsonTokens t) {
        Integer index = null;
        String id = null;
        String type = null;
        ChunkFunction function = null;
        Map<String, Object> extra = null;
        int seen = 0;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            switch (name) {
                case "index" -> {
                    seen = once(seen, 1);
                    index = intOrNull(t);
                }
                case "id" -> {
                    seen = once(seen, 2);
                    id = string(t);
                }
                case "type" -> {
                    seen = once(seen, 4);
                    type = string(t);
                }
                case "function" -> {
                    seen = once(seen, 8);
                    function = function(t);
                }
                default -> extra = extra(t, name, extra);
            }
        }
        return new ChunkToolCall(index, id, type, function, extra);
    }

    private static ChunkFunction function(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        String name = null;
        String arguments = null;
        Map<String, Object> extra = null;
        int seen = 0;
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String property = t.text();
            switch (property) {
                case "name" -> {
                    seen = once(seen, 1);
                    name = string(t);
                }
                case "arguments" -> {
                    seen = once(seen, 2);
                    arguments = string(t);
                }
                default -> extra = extra(t, property, extra);
            }
        }
        return new ChunkFunction(name, arguments, extra);
    }

    /**
     * An unknown property: kept if it is a string, a boolean or null, as the data binder's any-setter keeps it. One per
     * object at most (live chunks carry one, {@code obfuscation}): the data binder collects a record's unknown fields
     * in a hash map, so the order of several is its own, and this path does not imitate it.
     */
    private static Map<String, Object> extra(JsonTokens t, String name, Map<String, Object> extra) {
        Object value = switch (t.next()) {
            case STRING -> t.text();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default -> throw NOT_COVERED;
        };
        if (extra != null) {
            throw NOT_COVERED;
        }
        Map<String, Object> map = new LinkedHashMap<>(4);
        map.put(name, value);
        return map;
    }

    /**
     * Marks a known member as seen; a second one is not covered. The parsers the codecs hand this reader skip
     * Jackson's duplicate detection (a hash set per object); this check keeps the answer the same, allocation-free:
     * a duplicate goes to the data binder, which reports it. (A second unknown member is refused by {@link #extra}.)
     */
    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw NOT_COVERED;
        }
        return seen | bit;
    }

    private static String string(JsonTokens t) {
        return switch (t.next()) {
            case STRING -> t.text();
            case NULL -> null;
            default -> throw NOT_COVERED;
        };
    }

    private static Long longOrNull(JsonTokens t) {
        return switch (t.next()) {
            case INTEGER -> t.longValue();
            case NULL -> null;
            default -> throw NOT_COVERED;
        };
    }

    private static Integer intOrNull(JsonTokens t) {
        Long value = longOrNull(t);
        if (value == null) {
            return null;
        }
        if (value != value.intValue()) {
            throw NOT_COVERED;
        }
        return value.intValue();
    }

    private static <T> List<T> emptyListOrNull(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_ARRAY);
        expect(t.next(), END_ARRAY);
        return new JsonList<>();
    }

    private static void end(JsonTokens t) {
        expect(t.next(), EOF);
    }

    private static void expect(int token, int expected) {
        if (token != expected) {
            throw NOT_COVERED;
        }
    }
}
