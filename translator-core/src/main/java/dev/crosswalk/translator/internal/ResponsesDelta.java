package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.JsonMembers.REFUSE;
import static dev.crosswalk.translator.internal.JsonMembers.UNKNOWN;
import static dev.crosswalk.translator.internal.JsonMembers.bit;
import static dev.crosswalk.translator.internal.JsonMembers.intOrNull;
import static dev.crosswalk.translator.internal.JsonMembers.stringOrNull;
import static dev.crosswalk.translator.internal.JsonTokens.END_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.EOF;
import static dev.crosswalk.translator.internal.JsonTokens.INTEGER;
import static dev.crosswalk.translator.internal.JsonTokens.NAME;
import static dev.crosswalk.translator.internal.JsonTokens.NULL;
import static dev.crosswalk.translator.internal.JsonTokens.START_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.START_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.STRING;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Recognises, straight from parser tokens, the Responses events that are most of every stream: a delta of output
 * text, of a function call's arguments or of a custom tool call's input ({@code {"type":"response.output_text.delta",
 * "sequence_number":7,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","logprobs":[]}}, with one
 * unknown scalar member such as {@code obfuscation}). It keeps only what the translation uses and builds no record;
 * anything else — another type, a {@code type} that is not first, logprobs, a duplicate member, a wrong type,
 * trailing tokens — answers {@code false} and the event takes the record path. Reused for every event of one stream.
 */
public final class ResponsesDelta implements Predicate<JsonTokens> {
    /** Output text. */
    public static final int TEXT = 1;
    /** A function call's arguments. */
    public static final int ARGUMENTS = 2;
    /** A custom tool call's input. */
    public static final int INPUT = 3;
    private static final String[] TYPES = {null, "response.output_text.delta", "response.function_call_arguments.delta",
            "response.custom_tool_call_input.delta"};
    /** How each such event starts as live servers write it (compact, type first): others are not parsed at all. */
    private static final byte[][] PREFIXES = Arrays.stream(TYPES).skip(1)
            .map(type -> ("{\"type\":\"" + type + "\"").getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private final JsonMembers.Member event = this::member;
    private int kind;
    private String delta;
    private Integer outputIndex;
    private String itemId;

    /**
     * Whether the bytes start as one of these events does, compact: the cheap test that spares the many other events
     * (item and part events, snapshots) a parse of their own before the record path reads them.
     */
    public static boolean mayBe(byte[] json, int offset, int length) {
        return kindOf(json, offset, length) != 0;
    }

    /** The kind whose compact start {@code json} has ({@code {"type":"…"}, closing quote included), or 0. */
    static int kindOf(byte[] json, int offset, int length) {
        for (int k = TEXT; k <= INPUT; k++) {
            byte[] prefix = PREFIXES[k - 1];
            if (length > prefix.length && Arrays.equals(json, offset, offset + prefix.length, prefix, 0, prefix.length)) {
                return k;
            }
        }
        return 0;
    }

    /** The length of {@link #kindOf}'s start for {@code kind}. */
    static int prefixLength(int kind) {
        return PREFIXES[kind - 1].length;
    }

    /** {@link #TEXT}, {@link #ARGUMENTS} or {@link #INPUT}: what the last event recognised carried. */
    public int kind() {
        return kind;
    }

    /** The last event's {@code delta}. */
    public String delta() {
        return delta;
    }

    /** The last event's {@code output_index}, or {@code null}. */
    public Integer outputIndex() {
        return outputIndex;
    }

    /** The last event's {@code item_id}, or {@code null}. */
    public String itemId() {
        return itemId;
    }

    @Override
    public boolean test(JsonTokens t) {
        kind = 0;
        delta = null;
        outputIndex = null;
        itemId = null;
        if (t.next() != START_OBJECT || t.next() != NAME || !"type".equals(t.text()) || t.next() != STRING) {
            return false;
        }
        String type = t.text();
        for (int k = TEXT; k <= INPUT; k++) {
            if (TYPES[k].equals(type)) {
                kind = k;
            }
        }
        return kind != 0 && JsonMembers.read(t, event, 16) && t.next() == EOF;
    }

    private int member(String name, JsonTokens t) {
        return switch (name) {
            case "sequence_number" -> bit(intOrNull(t), 1);
            case "item_id" -> {
                int v = t.next();
                itemId = v == STRING ? t.text() : null;
                yield bit(stringOrNull(v), 2);
            }
            case "output_index" -> {
                int v = t.next();
                if (v == INTEGER && t.longValue() == (int) t.longValue()) {
                    outputIndex = (int) t.longValue();
                    yield 4;
                }
                yield bit(v == NULL, 4);
            }
            case "content_index" -> bit(intOrNull(t), 8);
            case "delta" -> {
                boolean ok = t.next() == STRING;
                if (ok) {
                    delta = t.text();
                }
                yield bit(ok, 16);
            }
            case "logprobs" -> {
                int v = t.next();
                yield bit(v == NULL || (v == START_ARRAY && t.next() == END_ARRAY), 32);
            }
            case "type" -> REFUSE; // a duplicate: the record path reports it
            default -> UNKNOWN;
        };
    }
}
