package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.JsonMembers.REFUSE;
import static dev.crosswalk.translator.internal.JsonMembers.UNKNOWN;
import static dev.crosswalk.translator.internal.JsonMembers.bit;
import static dev.crosswalk.translator.internal.JsonMembers.stringOrNull;
import static dev.crosswalk.translator.internal.JsonTokens.END_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.EOF;
import static dev.crosswalk.translator.internal.JsonTokens.INTEGER;
import static dev.crosswalk.translator.internal.JsonTokens.NULL;
import static dev.crosswalk.translator.internal.JsonTokens.START_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.START_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.STRING;

import java.util.function.Predicate;

/**
 * Recognises, straight from parser tokens, the Chat chunks that are most of every stream: one choice whose delta
 * carries only more text ({@code {"id":..,"object":..,"created":..,"model":..,"choices":[{"index":0,"delta":
 * {"content":"Hi"},"finish_reason":null,"logprobs":null}]}}), or only more arguments of one tool call ({@code "delta":
 * {"tool_calls":[{"index":0,"function":{"arguments":"{\"a"}}]}}, a repeated empty {@code id}, {@code type} or
 * {@code name} allowed); with {@code service_tier}, {@code system_fingerprint}, {@code usage: null} and one unknown
 * scalar member per object such as {@code obfuscation}. It keeps only what the translation uses and builds no
 * record; anything else — a role change with nothing else, a call's id or name, reasoning, a finish reason,
 * logprobs, a duplicate member, a wrong type, trailing tokens — answers {@code false} and the chunk takes the record
 * path, which handles or reports it. Reused for every chunk of one stream.
 */
public final class ChatDelta implements Predicate<JsonTokens> {
    private final JsonMembers.Member chunk = this::chunkMember;
    private final JsonMembers.Member choice = this::choiceMember;
    private final JsonMembers.Member delta = this::deltaMember;
    private final JsonMembers.Member call = this::callMember;
    private final JsonMembers.Member function = this::functionMember;
    private String text;
    private String serviceTier;
    private String arguments;
    private Integer callIndex;
    private String callId;
    private String callType;
    /** The text's or arguments' JSON string in the bytes read, as both codecs write it; {@code rawFrom < 0}: not so. */
    private int rawFrom;
    private int rawTo;

    /** The text of the last chunk recognised, or {@code null} when it carried tool-call arguments. */
    public String text() {
        return text;
    }

    /** The arguments fragment of the last chunk recognised, or {@code null} when it carried text. */
    public String arguments() {
        return arguments;
    }

    /** The fragment's {@code index}, or {@code null} when it had none. */
    public Integer callIndex() {
        return callIndex;
    }

    /** The fragment's {@code id}: {@code null} or empty (a call's id starts it: the record path takes that chunk). */
    public String callId() {
        return callId;
    }

    /** The fragment's {@code type}: {@code null}, empty or {@code function}. */
    public String callType() {
        return callType;
    }

    /**
     * Where the JSON string of the last chunk's text or arguments starts (its opening quote) in the bytes read, when
     * it is byte for byte what both codecs write for it, so that a writer may copy it ({@link
     * ByteTokens#stringAsWritten}); -1 when not, or when the chunk was read by a parser.
     */
    public int rawFrom() {
        return rawFrom;
    }

    /** Where that JSON string ends (after its closing quote), when {@link #rawFrom} is not -1. */
    public int rawTo() {
        return rawTo;
    }

    /** The last chunk's {@code service_tier}, or {@code null}. */
    public String serviceTier() {
        return serviceTier;
    }

    @Override
    public boolean test(JsonTokens t) {
        text = null;
        serviceTier = null;
        arguments = null;
        callIndex = null;
        callId = null;
        callType = null;
        rawFrom = -1;
        if (t.next() != START_OBJECT) {
            return false;
        }
        return JsonMembers.read(t, chunk, 16) && (text == null) != (arguments == null) && t.next() == EOF;
    }

    private int chunkMember(String name, JsonTokens t) {
        return switch (name) {
            case "id" -> bit(stringOrNull(t.next()), 1);
            case "object" -> bit(stringOrNull(t.next()), 2);
            case "created" -> {
                int v = t.next();
                yield bit(v == INTEGER || v == NULL, 4);
            }
            case "model" -> bit(stringOrNull(t.next()), 8);
            case "choices" -> bit(choices(t), 16);
            case "usage" -> bit(t.next() == NULL, 32);
            case "service_tier" -> {
                int v = t.next();
                if (v == STRING) {
                    serviceTier = t.text();
                }
                yield bit(v == NULL || v == STRING, 64);
            }
            case "system_fingerprint" -> bit(stringOrNull(t.next()), 128);
            // {"error": ...} fails the stream; "type" may make it an error frame: the record path decides
            case "error", "type" -> REFUSE;
            default -> UNKNOWN;
        };
    }

    /** Exactly one choice, index 0 (or none given), a delta, no finish reason, no logprobs. */
    private boolean choices(JsonTokens t) {
        return t.next() == START_ARRAY && t.next() == START_OBJECT && JsonMembers.read(t, choice, 0) && t.next() == END_ARRAY;
    }

    private int choiceMember(String name, JsonTokens t) {
        return switch (name) {
            case "index" -> {
                int v = t.next();
                yield bit(v == NULL || (v == INTEGER && t.longValue() == 0), 1);
            }
            case "delta" -> bit(t.next() == START_OBJECT && JsonMembers.read(t, delta, 0), 2);
            case "finish_reason" -> bit(t.next() == NULL, 4);
            case "logprobs" -> bit(t.next() == NULL, 8);
            default -> UNKNOWN;
        };
    }

    /** Non-empty {@code content} or one tool-call fragment, and nothing else that means anything ({@code role} aside). */
    private int deltaMember(String name, JsonTokens t) {
        return switch (name) {
            case "content" -> {
                int v = t.next();
                if (v == STRING) {
                    text = t.text();
                    raw(t);
                    yield bit(!text.isEmpty(), 1);
                }
                yield bit(v == NULL, 1);
            }
            case "role" -> bit(stringOrNull(t.next()), 2);
            case "refusal" -> bit(t.next() == NULL, 4);
            case "tool_calls" -> {
                int v = t.next();
                yield bit(v == NULL || (v == START_ARRAY && t.next() == START_OBJECT && JsonMembers.read(t, call, 8)
                        && t.next() == END_ARRAY), 8);
            }
            case "reasoning_content" -> bit(t.next() == NULL, 16);
            case "function_call" -> bit(t.next() == NULL, 32);
            // vendor members the translation reads from the delta's unknown fields
            case "reasoning", "annotations" -> REFUSE;
            default -> UNKNOWN;
        };
    }

    /** One fragment that only continues a call: its index, an empty id or type, and {@code function.arguments}. */
    private int callMember(String name, JsonTokens t) {
        return switch (name) {
            case "index" -> {
                int v = t.next();
                if (v == INTEGER && t.longValue() == (int) t.longValue()) {
                    callIndex = (int) t.longValue();
                    yield 1;
                }
                yield bit(v == NULL, 1);
            }
            case "id" -> {
                int v = t.next();
                callId = v == STRING ? t.text() : null;
                yield bit(v == NULL || (v == STRING && callId.isEmpty()), 2);
            }
            case "type" -> {
                int v = t.next();
                callType = v == STRING ? t.text() : null;
                yield bit(v == NULL || (v == STRING && (callType.isEmpty() || "function".equals(callType))), 4);
            }
            case "function" -> bit(t.next() == START_OBJECT && JsonMembers.read(t, function, 2), 8);
            default -> UNKNOWN;
        };
    }

    /** Notes where the string just read lies, if {@link ByteTokens} read it and a writer may copy it. */
    private void raw(JsonTokens t) {
        if (t instanceof ByteTokens b && b.stringAsWritten()) {
            rawFrom = b.stringFrom();
            rawTo = b.stringTo();
        }
    }

    private int functionMember(String name, JsonTokens t) {
        return switch (name) {
            case "name" -> {
                int v = t.next();
                yield bit(v == NULL || (v == STRING && t.text().isEmpty()), 1);
            }
            case "arguments" -> {
                boolean ok = t.next() == STRING;
                if (ok) {
                    arguments = t.text();
                    raw(t);
                }
                yield bit(ok && !arguments.isEmpty(), 2);
            }
            default -> UNKNOWN;
        };
    }
}
