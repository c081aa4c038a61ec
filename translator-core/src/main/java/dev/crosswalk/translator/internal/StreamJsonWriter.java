package dev.crosswalk.translator.internal;

import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDeltaEvent;
import dev.crosswalk.translator.responses.events.OutputTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDeltaEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the records that make up nearly every stream — Chat chunks with text or tool-call fragments, Responses
 * delta events — with direct generator calls, byte for byte as the data binder writes them (property order,
 * {@code null}s left out except where the record always writes them, unknown fields last). {@link #covers} says
 * whether a value is one of those shapes; the codec writes anything else with its data binder. A property test
 * compares both paths over generated and recorded streams.
 */
public final class StreamJsonWriter {
    /** The type of the events {@link #textDelta} writes. */
    public static final String TEXT_DELTA = "response.output_text.delta";
    /** The type of the events {@link #argumentsDelta} writes. */
    public static final String ARGUMENTS_DELTA = "response.function_call_arguments.delta";

    /** The compact JSON {@link #chunkEnd} writes, and what the raw chunk writers put around their string. */
    private static final byte[] CHUNK_TAIL = ascii("},\"finish_reason\":null,\"logprobs\":null}]}");
    private static final byte[] CONTENT = ascii("\"content\":");
    /** What {@link #chunkHead} finds after the head in {@code textChunk(…, "")}. */
    private static final byte[] EMPTY_CONTENT_AND_TAIL = ascii("\"content\":\"\"},\"finish_reason\":null,\"logprobs\":null}]}");
    private static final byte[] TOOL_CALL_INDEX = ascii("\"tool_calls\":[{\"index\":");
    private static final byte[] FUNCTION_ARGUMENTS = ascii(",\"function\":{\"arguments\":");
    private static final byte[] CUSTOM_INPUT = ascii(",\"custom\":{\"input\":");
    private static final byte[] TOOL_CALL_TAIL = ascii("}}]");

    private StreamJsonWriter() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@link #write} can write this value. */
    public static boolean covers(Object value) {
        if (value instanceof OutputTextDeltaEvent e) {
            return (e.logprobs() == null || e.logprobs().isEmpty()) && scalars(e.extra());
        }
        if (value instanceof FunctionCallArgumentsDeltaEvent e) {
            return scalars(e.extra());
        }
        if (value instanceof ReasoningTextDeltaEvent e) {
            return scalars(e.extra());
        }
        if (value instanceof ChatCompletionChunk c) {
            return c.usage() == null && scalars(c.extra()) && coversChoices(c.choices());
        }
        return false;
    }

    /** Writes a value {@link #covers} accepted. */
    public static void write(Object value, JsonOut out) {
        if (value instanceof OutputTextDeltaEvent e) {
            deltaEvent(out, e.type(), e.sequenceNumber(), e.itemId(), e.outputIndex(), e.contentIndex(), e.delta(),
                    e.logprobs() != null, e.extra());
        } else if (value instanceof FunctionCallArgumentsDeltaEvent e) {
            deltaEvent(out, e.type(), e.sequenceNumber(), e.itemId(), e.outputIndex(), null, e.delta(), false, e.extra());
        } else if (value instanceof ReasoningTextDeltaEvent e) {
            deltaEvent(out, e.type(), e.sequenceNumber(), e.itemId(), e.outputIndex(), e.contentIndex(), e.delta(), false, e.extra());
        } else if (value instanceof ChatCompletionChunk c) {
            chunk(c, out);
        } else {
            throw new IllegalArgumentException("not covered: " + value.getClass().getSimpleName());
        }
    }

    /**
     * A {@code response.output_text.delta} event without logprobs, written from its values with no record: the same
     * bytes as {@link #write} gives for {@code new OutputTextDeltaEvent(sequence, itemId, outputIndex, contentIndex,
     * delta, List.of(), Map.of())}.
     */
    public static void textDelta(JsonOut out, int sequence, String itemId, int outputIndex, int contentIndex, String delta) {
        // deltaEvent's members, with ints: no Integer boxed per event
        out.startObject();
        out.name("type");
        out.string(TEXT_DELTA);
        out.name("sequence_number");
        out.number(sequence);
        string(out, "item_id", itemId);
        out.name("output_index");
        out.number(outputIndex);
        out.name("content_index");
        out.number(contentIndex);
        string(out, "delta", delta);
        out.name("logprobs");
        out.startArray();
        out.endArray();
        out.endObject();
    }

    /**
     * A {@code response.function_call_arguments.delta} event, written from its values with no record: the same bytes
     * as {@link #write} gives for {@code new FunctionCallArgumentsDeltaEvent(sequence, itemId, outputIndex, delta,
     * Map.of())}.
     */
    public static void argumentsDelta(JsonOut out, int sequence, String itemId, int outputIndex, String delta) {
        out.startObject();
        out.name("type");
        out.string(ARGUMENTS_DELTA);
        out.name("sequence_number");
        out.number(sequence);
        string(out, "item_id", itemId);
        out.name("output_index");
        out.number(outputIndex);
        string(out, "delta", delta);
        out.endObject();
    }

    /**
     * A Chat chunk carrying text only, written from its values with no record: the same bytes as {@link #write} gives
     * for {@code new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(new ChunkChoice(0, new
     * ChunkDelta(null, content, null, null, null, null, Map.of()), null, null, Map.of())), null, null, null, Map.of())}.
     */
    public static void textChunk(JsonOut out, String id, Long created, String model, String content) {
        chunkStart(out, id, created, model);
        string(out, "content", content);
        chunkEnd(out);
    }

    /**
     * A Chat chunk carrying one more fragment of a tool call's arguments, written from its values with no record: the
     * same bytes as the codec writes for the chunk of {@link #textChunk} whose delta has, instead of content, {@code
     * tool_calls} = {@code [new ChunkToolCall(index, null, null, new ChunkFunction(null, arguments, Map.of()),
     * Map.of())]} — or, for a custom tool call, {@code [new ChunkToolCall(index, null, null, null, Map.of("custom",
     * Map.of("input", arguments)))]}.
     */
    public static void argumentsChunk(JsonOut out, String id, Long created, String model, int index, boolean custom, String arguments) {
        chunkStart(out, id, created, model);
        out.name("tool_calls");
        out.startArray();
        out.startObject();
        out.name("index");
        out.number(index);
        out.name(custom ? "custom" : "function");
        out.startObject();
        string(out, custom ? "input" : "arguments", arguments);
        out.endObject();
        out.endObject();
        out.endArray();
        chunkEnd(out);
    }

    /**
     * What every chunk of {@link #textChunk} and {@link #argumentsChunk} with these {@code id}, {@code created} and
     * {@code model} starts with, up to its delta's first member: given {@code written}, the bytes the codec wrote for
     * {@code textChunk(out, id, created, model, "")}. A stream makes it once and writes its chunks with {@link
     * #textChunk(OutputStream, byte[], byte[], int, int)} and {@link #argumentsChunk(OutputStream, byte[], int, boolean,
     * byte[], int, int)}.
     *
     * @throws IllegalStateException if the codec did not write the chunk compactly, as these writers assume
     */
    public static byte[] chunkHead(byte[] written) {
        int head = written.length - EMPTY_CONTENT_AND_TAIL.length;
        if (head < 0 || !Arrays.equals(written, head, written.length, EMPTY_CONTENT_AND_TAIL, 0, EMPTY_CONTENT_AND_TAIL.length)) {
            throw new IllegalStateException("the codec does not write chunks compactly");
        }
        return Arrays.copyOf(written, head);
    }

    /**
     * The bytes of {@link #textChunk(JsonOut, String, Long, String, String)}, from the chunk's {@link #chunkHead} and
     * the content's JSON string {@code string[from, to)} (quotes included) as the codec writes it.
     */
    public static void textChunk(OutputStream out, byte[] head, byte[] string, int from, int to) {
        try {
            out.write(head);
            out.write(CONTENT);
            out.write(string, from, to - from);
            out.write(CHUNK_TAIL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of {@link #argumentsChunk(JsonOut, String, Long, String, int, boolean, String)}, from the chunk's
     * {@link #chunkHead} and the arguments' JSON string {@code string[from, to)} (quotes included) as the codec writes
     * it.
     */
    public static void argumentsChunk(OutputStream out, byte[] head, int index, boolean custom, byte[] string, int from, int to) {
        try {
            out.write(head);
            out.write(TOOL_CALL_INDEX);
            digits(out, index);
            out.write(custom ? CUSTOM_INPUT : FUNCTION_ARGUMENTS);
            out.write(string, from, to - from);
            out.write(TOOL_CALL_TAIL);
            out.write(CHUNK_TAIL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A non-negative {@code int} in decimal, as the generator writes it. */
    private static void digits(OutputStream out, int n) throws IOException {
        if (n >= 10) {
            digits(out, n / 10);
        }
        out.write('0' + n % 10);
    }

    /** A chunk's members up to its one choice's delta, open. */
    private static void chunkStart(JsonOut out, String id, Long created, String model) {
        out.startObject();
        string(out, "id", id);
        string(out, "object", "chat.completion.chunk");
        if (created != null) {
            out.name("created");
            out.number(created);
        }
        string(out, "model", model);
        out.name("choices");
        out.startArray();
        out.startObject();
        out.name("index");
        out.number(0);
        out.name("delta");
        out.startObject();
    }

    /** Closes what {@link #chunkStart} opened: no finish reason, no logprobs. */
    private static void chunkEnd(JsonOut out) {
        out.endObject();
        out.name("finish_reason");
        out.nullValue();
        out.name("logprobs");
        out.nullValue();
        out.endObject();
        out.endArray();
        out.endObject();
    }

    /** The delta events' shared shape; {@code emptyLogprobs} writes {@code "logprobs": []} after the delta. */
    private static void deltaEvent(JsonOut out, String type, Integer sequence, String itemId, Integer outputIndex,
            Integer contentIndex, String delta, boolean emptyLogprobs, Map<String, Object> extra) {
        out.startObject();
        out.name("type");
        out.string(type);
        integer(out, "sequence_number", sequence);
        string(out, "item_id", itemId);
        integer(out, "output_index", outputIndex);
        integer(out, "content_index", contentIndex);
        string(out, "delta", delta);
        if (emptyLogprobs) {
            out.name("logprobs");
            out.startArray();
            out.endArray();
        }
        extra(out, extra);
        out.endObject();
    }

    private static void chunk(ChatCompletionChunk c, JsonOut out) {
        out.startObject();
        string(out, "id", c.id());
        string(out, "object", c.object());
        if (c.created() != null) {
            out.name("created");
            out.number(c.created());
        }
        string(out, "model", c.model());
        if (c.choices() != null) {
            out.name("choices");
            out.startArray();
            for (ChunkChoice choice : c.choices()) {
                choice(choice, out);
            }
            out.endArray();
        }
        string(out, "service_tier", c.serviceTier());
        string(out, "system_fingerprint", c.systemFingerprint());
        extra(out, c.extra());
        out.endObject();
    }

    private static void choice(ChunkChoice choice, JsonOut out) {
        out.startObject();
        integer(out, "index", choice.index());
        if (choice.delta() != null) {
            out.name("delta");
            delta(choice.delta(), out);
        }
        out.name("finish_reason");
        if (choice.finishReason() == null) {
            out.nullValue();
        } else {
            out.string(choice.finishReason());
        }
        out.name("logprobs");
        out.nullValue();
        extra(out, choice.extra());
        out.endObject();
    }

    private static void delta(ChunkDelta d, JsonOut out) {
        out.startObject();
        string(out, "role", d.role());
        string(out, "content", d.content());
        string(out, "refusal", d.refusal());
        if (d.toolCalls() != null) {
            out.name("tool_calls");
            out.startArray();
            for (ChunkToolCall call : d.toolCalls()) {
                out.startObject();
                integer(out, "index", call.index());
                string(out, "id", call.id());
                string(out, "type", call.type());
                if (call.function() != null) {
                    ChunkFunction f = call.function();
                    out.name("function");
                    out.startObject();
                    string(out, "name", f.name());
                    string(out, "arguments", f.arguments());
                    extra(out, f.extra());
                    out.endObject();
                }
                extra(out, call.extra());
                out.endObject();
            }
            out.endArray();
        }
        string(out, "reasoning_content", d.reasoningContent());
        extra(out, d.extra());
        out.endObject();
    }

    private static boolean coversChoices(List<ChunkChoice> choices) {
        if (choices == null) {
            return true;
        }
        for (ChunkChoice choice : choices) {
            if (choice == null || choice.logprobs() != null || !scalars(choice.extra())) {
                return false;
            }
            ChunkDelta d = choice.delta();
            if (d != null && (d.functionCall() != null || !scalars(d.extra()) || !coversCalls(d.toolCalls()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean coversCalls(List<ChunkToolCall> calls) {
        if (calls == null) {
            return true;
        }
        for (ChunkToolCall call : calls) {
            if (call == null || !scalars(call.extra()) || (call.function() != null && !scalars(call.function().extra()))) {
                return false;
            }
        }
        return true;
    }

    /** Unknown fields the fast path writes: strings and booleans (a {@code null} or a structure goes the slow way). */
    private static boolean scalars(Map<String, Object> extra) {
        if (extra.isEmpty()) {
            return true;
        }
        if (extra.size() > 1) {
            return false; // written in the map's order either way, but kept simple: one, as live streams send
        }
        for (Object v : extra.values()) {
            if (!(v instanceof String) && !(v instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }

    private static void extra(JsonOut out, Map<String, Object> extra) {
        if (extra.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            out.name(e.getKey());
            if (e.getValue() instanceof String s) {
                out.string(s);
            } else {
                out.bool((Boolean) e.getValue());
            }
        }
    }

    private static void string(JsonOut out, String name, String value) {
        if (value != null) {
            out.name(name);
            out.string(value);
        }
    }

    private static void integer(JsonOut out, String name, Integer value) {
        if (value != null) {
            out.name(name);
            out.number(value);
        }
    }
}
