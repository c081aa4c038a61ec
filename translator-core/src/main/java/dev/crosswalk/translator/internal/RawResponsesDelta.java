package dev.crosswalk.translator.internal;

import java.nio.charset.StandardCharsets;

/**
 * The events {@link ResponsesDelta} recognises, read straight from their bytes with no parser, when they are written
 * as live servers write them: compact (no whitespace), {@code type} first, non-negative integers of at most nine
 * digits, strings whose only escapes are {@code \" \\ \b \t \n \f \r}, strictly valid UTF-8. Such a string is byte
 * for byte what both codecs write for the text it holds (they escape exactly those characters that way and write every
 * other character from U+0020 up as its UTF-8, surrogate pairs combined), so the translation copies the delta's JSON
 * string as it came instead of decoding and re-encoding it. Anything else — whitespace, {@code \/} or backslash-u
 * escapes, a member {@code ResponsesDelta} refuses, a second unknown member, an event of more than 32 KiB —
 * answers {@code false} and the event goes to {@code ResponsesDelta}; what this accepts is valid JSON that {@code
 * ResponsesDelta} reads to the same values (a property test holds both to that). Reused for every event of one
 * stream; what it read refers to the bytes read until the next {@link #read}.
 */
public final class RawResponsesDelta {
    /** Far below the codecs' limits on names, strings and numbers: a longer event takes the parser. */
    private static final int MAX_LENGTH = 32 * 1024;
    private static final byte[] SEQUENCE_NUMBER = ascii("sequence_number");
    private static final byte[] ITEM_ID = ascii("item_id");
    private static final byte[] OUTPUT_INDEX = ascii("output_index");
    private static final byte[] CONTENT_INDEX = ascii("content_index");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] LOGPROBS = ascii("logprobs");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] EMPTY_ARRAY = ascii("[]");

    private byte[] json;
    private int kind;
    /** The delta's JSON string, quotes included: {@code json[deltaFrom, deltaTo)}. */
    private int deltaFrom;
    private int deltaTo;
    /** The item id's JSON string, quotes included, or {@code itemFrom < 0} when absent or {@code null}. */
    private int itemFrom;
    private int itemTo;
    /** The output index, or -1 when absent or {@code null}. */
    private int outputIndex;
    /** Where the value just read ends, or -1 when it is not covered. */
    private int at;

    /**
     * Reads {@code json[offset, offset + length)}: {@code true} if it is one of the events, written as this class
     * covers.
     */
    public boolean read(byte[] json, int offset, int length) {
        this.json = json;
        kind = ResponsesDelta.kindOf(json, offset, length);
        if (kind == 0 || length > MAX_LENGTH) {
            return false;
        }
        itemFrom = -1;
        outputIndex = -1;
        deltaFrom = -1;
        int end = offset + length;
        int p = offset + ResponsesDelta.prefixLength(kind);
        int seen = 0;
        boolean unknown = false;
        while (true) {
            if (p >= end) {
                return false;
            }
            if (json[p] == '}') {
                return p + 1 == end && deltaFrom >= 0;
            }
            if (json[p] != ',' || p + 1 >= end || json[p + 1] != '"') {
                return false;
            }
            int nameFrom = p + 2;
            int nameTo = nameFrom;
            while (nameTo < end && json[nameTo] != '"') {
                if (json[nameTo] < 0x20 || json[nameTo] == '\\') {
                    return false; // control, escape or non-ASCII in a name: the parser judges it
                }
                nameTo++;
            }
            if (nameTo + 1 >= end || json[nameTo + 1] != ':') {
                return false;
            }
            int v = nameTo + 2;
            int bit;
            if (is(SEQUENCE_NUMBER, nameFrom, nameTo)) {
                bit = 1;
                if (!integerOrNull(v, end)) {
                    return false;
                }
            } else if (is(ITEM_ID, nameFrom, nameTo)) {
                bit = 2;
                if (literal(NULL, v, end)) {
                    at = v + NULL.length;
                } else {
                    itemFrom = v;
                    itemTo = at = string(v, end);
                }
            } else if (is(OUTPUT_INDEX, nameFrom, nameTo)) {
                bit = 4;
                if (!integerOrNull(v, end)) {
                    return false;
                }
                outputIndex = literal(NULL, v, end) ? -1 : integer;
            } else if (is(CONTENT_INDEX, nameFrom, nameTo)) {
                bit = 8;
                if (!integerOrNull(v, end)) {
                    return false;
                }
            } else if (is(DELTA, nameFrom, nameTo)) {
                bit = 16;
                deltaFrom = v;
                deltaTo = at = string(v, end);
            } else if (is(LOGPROBS, nameFrom, nameTo)) {
                bit = 32;
                at = literal(NULL, v, end) ? v + NULL.length : literal(EMPTY_ARRAY, v, end) ? v + EMPTY_ARRAY.length : -1;
            } else if (is(TYPE, nameFrom, nameTo) || unknown) {
                return false; // a duplicate type, or a second unknown member: the data binder judges them
            } else {
                bit = 0;
                unknown = true;
                at = literal(NULL, v, end) ? v + NULL.length : literal(TRUE, v, end) ? v + TRUE.length
                        : literal(FALSE, v, end) ? v + FALSE.length : string(v, end);
            }
            if (at < 0 || (seen & bit) != 0) {
                return false;
            }
            seen |= bit;
            p = at;
        }
    }

    /** {@link ResponsesDelta#TEXT}, {@link ResponsesDelta#ARGUMENTS} or {@link ResponsesDelta#INPUT}. */
    public int kind() {
        return kind;
    }

    /** The bytes read: the delta's JSON string is {@code json()[deltaFrom(), deltaTo())}. */
    public byte[] json() {
        return json;
    }

    /** Where the delta's JSON string starts (its opening quote). */
    public int deltaFrom() {
        return deltaFrom;
    }

    /** Where the delta's JSON string ends (after its closing quote). */
    public int deltaTo() {
        return deltaTo;
    }

    /** Whether the delta is the empty string. */
    public boolean deltaIsEmpty() {
        return deltaTo - deltaFrom == 2;
    }

    /** Appends the delta's text to {@code to}, as {@link ResponsesDelta#delta()} holds it. */
    public void appendDelta(StringBuilder to) {
        append(deltaFrom, deltaTo, to);
    }

    /** The output index, or {@code null}. */
    public Integer outputIndex() {
        return outputIndex < 0 ? null : outputIndex;
    }

    /** The item id, or {@code null} (made on each call: only a call not found by its output index needs it). */
    public String itemId() {
        if (itemFrom < 0) {
            return null;
        }
        StringBuilder id = new StringBuilder(itemTo - itemFrom);
        append(itemFrom, itemTo, id);
        return id.toString();
    }

    private int integer;

    /** A non-negative integer of at most nine digits (into {@link #integer}) or {@code null}; sets {@link #at}. */
    private boolean integerOrNull(int p, int end) {
        if (literal(NULL, p, end)) {
            at = p + NULL.length;
            return true;
        }
        int value = 0;
        int q = p;
        while (q < end && json[q] >= '0' && json[q] <= '9' && q - p < 10) {
            value = value * 10 + (json[q] - '0');
            q++;
        }
        // no digits, a leading zero, ten digits or more: the parser judges it (a '.', 'e' or '-' fails after)
        if (q == p || q - p > 9 || (json[p] == '0' && q - p > 1)) {
            return false;
        }
        integer = value;
        at = q;
        return true;
    }

    private boolean literal(byte[] literal, int p, int end) {
        return end - p >= literal.length && java.util.Arrays.equals(json, p, p + literal.length, literal, 0, literal.length);
    }

    private boolean is(byte[] name, int from, int to) {
        return java.util.Arrays.equals(json, from, to, name, 0, name.length);
    }

    /**
     * A JSON string at {@code p} as this class covers it (see the class comment): where it ends (after its closing
     * quote), or -1.
     */
    private int string(int p, int end) {
        if (p >= end || json[p] != '"') {
            return -1;
        }
        p++;
        while (p < end) {
            int c = json[p] & 0xff;
            if (c == '"') {
                return p + 1;
            } else if (c == '\\') {
                if (p + 1 >= end || unescape(json[p + 1]) < 0) {
                    return -1;
                }
                p += 2;
            } else if (c < 0x20) {
                return -1;
            } else if (c < 0x80) {
                p++;
            } else {
                int n = ByteTokens.utf8Length(json, p, end);
                if (n < 0) {
                    return -1;
                }
                p += n;
            }
        }
        return -1;
    }

    /** The character {@code \e} stands for, among the escapes the codecs write, or -1. */
    private static int unescape(byte e) {
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case 'b' -> '\b';
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'f' -> '\f';
            case 'r' -> '\r';
            default -> -1;
        };
    }

    /** Appends the text of the JSON string {@code json[from, to)} (quotes included), which {@link #string} accepted. */
    private void append(int from, int to, StringBuilder out) {
        for (int p = from + 1; p < to - 1; ) {
            int c = json[p] & 0xff;
            if (c == '\\') {
                out.append((char) unescape(json[p + 1]));
                p += 2;
            } else if (c < 0x80) {
                out.append((char) c);
                p++;
            } else if (c < 0xe0) {
                out.append((char) (((c & 0x1f) << 6) | (json[p + 1] & 0x3f)));
                p += 2;
            } else if (c < 0xf0) {
                out.append((char) (((c & 0x0f) << 12) | ((json[p + 1] & 0x3f) << 6) | (json[p + 2] & 0x3f)));
                p += 3;
            } else {
                out.appendCodePoint(((c & 0x07) << 18) | ((json[p + 1] & 0x3f) << 12) | ((json[p + 2] & 0x3f) << 6)
                        | (json[p + 3] & 0x3f));
                p += 4;
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
