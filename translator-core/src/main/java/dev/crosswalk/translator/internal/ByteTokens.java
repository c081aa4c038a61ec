package dev.crosswalk.translator.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The tokens of one small JSON document read straight from its UTF-8 bytes, for the stream token paths: no parser
 * object, buffers or symbol table per event, which cost more than the rest of a delta's translation. It covers what
 * live servers send — objects and arrays at most 63 deep, strings of strictly valid UTF-8 with JSON's escapes (but
 * escaped surrogates),
 * integers of at most 18 digits, {@code true}, {@code false}, {@code null}, whitespace — and answers {@link #OTHER}
 * for anything else (a fraction or exponent, a longer integer, a malformed document, one over 32 KiB), from where
 * it stays {@code OTHER}. A reader refuses {@code OTHER}, and the caller then runs it over the codec's parser: for
 * every document this reads to its end without {@code OTHER}, both codecs' parsers give the same tokens (a property
 * test holds them to that). Names are kept per instance, as Jackson's symbol table keeps them. Single-threaded.
 */
public final class ByteTokens implements JsonTokens {
    /** Far below the codecs' limits on names, strings and numbers; a longer document goes to the parser. */
    public static final int MAX_LENGTH = 32 * 1024;
    private static final int MAX_DEPTH = 63;
    /** Eight bytes of a document as one {@code long}, to skip plain runs of a string eight at a time. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private byte[] json;
    private int at;
    private int end;
    /** One bit per open container, innermost lowest: 1 for an object. */
    private long stack;
    private int depth;
    /** What may come next: a value, a name (or the object's end), or a comma or the container's end. */
    private int expect;
    private static final int EXPECT_VALUE = 0;
    private static final int EXPECT_NAME_OR_END = 1;
    private static final int EXPECT_COMMA_OR_END = 2;
    private static final int EXPECT_VALUE_OR_END = 4;
    private static final int EXPECT_DONE = 5;
    private boolean failed;
    /** The last name, or the last string once decoded. */
    private String text;
    /** The last string's JSON, quotes included, or {@code stringFrom < 0} after a name. */
    private int stringFrom = -1;
    private int stringTo;
    /** The last string has no backslash-u or {@code \/} escape: see {@link #stringAsWritten}. */
    private boolean asWritten;
    private long number;
    /**
     * Names read before, by a hash of their bytes: the same instance for the same name, no string each time. Open
     * addressing over a few slots: with one slot per hash, two names of one chunk that shared a slot ("model" and
     * "finish_reason" did) replaced each other on every chunk, a new string and copy each time.
     */
    private final byte[][] nameBytes = new byte[NAME_SLOTS][];
    private final String[] names = new String[NAME_SLOTS];
    /** The hash of each kept name's bytes between its quotes. */
    private final int[] nameHashes = new int[NAME_SLOTS];
    private static final int NAME_SLOTS = 128;
    /** How many slots from its hash's a name may sit: beyond that (a stream of very many names) it is not kept. */
    private static final int NAME_PROBES = 8;
    /** The longest name kept (quotes included); the protocols' are under 40 bytes. */
    private static final int MAX_KEPT_NAME = 64;
    private final StringBuilder chars = new StringBuilder();
    private boolean keptUnknown;

    /** Starts reading {@code json[offset, offset + length)}. */
    public ByteTokens reset(byte[] json, int offset, int length) {
        this.json = json;
        at = offset;
        end = offset + length;
        stack = 0;
        depth = 0;
        expect = EXPECT_VALUE;
        failed = length > MAX_LENGTH;
        text = null;
        stringFrom = -1;
        keptUnknown = false;
        return this;
    }

    @Override
    public int next() {
        if (failed) {
            return OTHER;
        }
        int token = token();
        if (token == OTHER) {
            failed = true;
        }
        return token;
    }

    private int token() {
        skipWhitespace();
        if (expect == EXPECT_DONE) {
            return at == end ? EOF : OTHER;
        }
        if (at >= end) {
            return OTHER;
        }
        byte c = json[at];
        boolean inObject = depth > 0 && (stack & 1) != 0;
        switch (expect) {
            case EXPECT_COMMA_OR_END -> {
                if (c == ',') {
                    at++;
                    skipWhitespace();
                    return inObject ? name() : value();
                }
                return close(c, inObject);
            }
            case EXPECT_NAME_OR_END -> {
                return c == '}' ? close(c, true) : name();
            }
            case EXPECT_VALUE_OR_END -> {
                return c == ']' ? close(c, false) : value();
            }
            default -> {
                return value();
            }
        }
    }

    private int close(byte c, boolean inObject) {
        if (depth == 0 || c != (inObject ? '}' : ']')) {
            return OTHER;
        }
        at++;
        stack >>>= 1;
        depth--;
        afterValue();
        return inObject ? END_OBJECT : END_ARRAY;
    }

    private void afterValue() {
        expect = depth == 0 ? EXPECT_DONE : EXPECT_COMMA_OR_END;
    }

    private int name() {
        if (at >= end || json[at] != '"') {
            return OTHER;
        }
        int from = at;
        // The usual name, printable ASCII with no escape, is hashed as it is scanned; any other, once scanned.
        int hash = 1;
        int p = from + 1;
        while (p < end && json[p] >= 0x20 && json[p] != '"' && json[p] != '\\') {
            hash = 31 * hash + json[p];
            p++;
        }
        int to;
        if (p < end && json[p] == '"') {
            to = p + 1;
        } else {
            to = string(at);
            if (to < 0) {
                return OTHER;
            }
            hash = 1;
            for (int q = from + 1; q < to - 1; q++) {
                hash = 31 * hash + json[q];
            }
        }
        at = to;
        skipWhitespace();
        if (at >= end || json[at] != ':') {
            return OTHER;
        }
        at++;
        text = name(from, to, hash);
        stringFrom = -1;
        expect = EXPECT_VALUE;
        return NAME;
    }

    private int value() {
        if (at >= end) {
            return OTHER;
        }
        byte c = json[at];
        if (c == '{' || c == '[') {
            if (depth == MAX_DEPTH) {
                return OTHER;
            }
            at++;
            stack = (stack << 1) | (c == '{' ? 1 : 0);
            depth++;
            expect = c == '{' ? EXPECT_NAME_OR_END : EXPECT_VALUE_OR_END;
            return c == '{' ? START_OBJECT : START_ARRAY;
        }
        int token;
        if (c == '"') {
            int to = string(at);
            if (to < 0) {
                return OTHER;
            }
            text = null; // decoded when asked: most strings a reader only checks for being strings
            stringFrom = at;
            stringTo = to;
            at = to;
            token = STRING;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            token = integer();
        } else {
            token = c == 'n' ? literal("null", NULL) : c == 't' ? literal("true", TRUE) : c == 'f' ? literal("false", FALSE) : OTHER;
        }
        if (token != OTHER) {
            afterValue();
        }
        return token;
    }

    private int literal(String word, int token) {
        int n = word.length();
        if (end - at < n) {
            return OTHER;
        }
        for (int i = 0; i < n; i++) {
            if (json[at + i] != word.charAt(i)) {
                return OTHER;
            }
        }
        // "nullx": the next token fails on the 'x'; "nulls" as well (no token starts with a letter after a value)
        at += n;
        return token;
    }

    /** {@code -?(0|[1-9][0-9]*)} of at most 18 digits, not followed by a fraction, an exponent or another digit. */
    private int integer() {
        boolean negative = json[at] == '-';
        int p = negative ? at + 1 : at;
        int from = p;
        long value = 0;
        while (p < end && json[p] >= '0' && json[p] <= '9') {
            if (p - from == 18) {
                return OTHER; // a long beyond 18 digits, or a BigInteger: the parser decides which
            }
            value = value * 10 + (json[p] - '0');
            p++;
        }
        if (p == from || (json[from] == '0' && p - from > 1)
                || (p < end && (json[p] == '.' || json[p] == 'e' || json[p] == 'E'))) {
            return OTHER;
        }
        number = negative ? -value : value;
        at = p;
        return INTEGER;
    }

    private void skipWhitespace() {
        while (at < end && (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t')) {
            at++;
        }
    }

    /**
     * Where the JSON string starting at {@code p} ends (after its closing quote), or -1 when it is not one: a raw
     * control character, an unknown escape, a backslash-u without four hex digits, UTF-8 that RFC 3629 does not allow.
     */
    private int string(int p) {
        p++;
        asWritten = true;
        while (p < end) {
            while (end - p >= 8 && plain((long) EIGHT_BYTES.get(json, p))) {
                p += 8;
            }
            if (p >= end) {
                break;
            }
            int c = json[p] & 0xff;
            if (c == '"') {
                return p + 1;
            } else if (c == '\\') {
                if (p + 1 >= end) {
                    return -1;
                }
                byte e = json[p + 1];
                if (e == 'u') {
                    asWritten = false;
                    int escaped = end - p < 6 ? -1 : hex(p + 2);
                    if (escaped < 0 || Character.isSurrogate((char) escaped)) {
                        return -1; // Jackson 2 refuses some escaped surrogates (in names): the parser judges them all
                    }
                    p += 6;
                } else if (escaped(e) >= 0) {
                    asWritten &= e != '/';
                    p += 2;
                } else {
                    return -1;
                }
            } else if (c < 0x20) {
                return -1;
            } else if (c < 0x80) {
                p++;
            } else {
                int n = utf8Length(json, p, end);
                if (n < 0) {
                    return -1;
                }
                p += n;
            }
        }
        return -1;
    }

    /**
     * Whether eight bytes are all printable ASCII (U+0020 to U+007F) other than the quote and the backslash: none
     * below 0x20 (subtracting 0x20 from it borrows), none equal to '"' or '\\' (xor makes it zero, and subtracting
     * one borrows), none from 0x80. A borrow from a lower byte only happens when that byte is not plain itself, so the
     * answer is exact for plain runs and {@code false} whenever any byte is not plain.
     */
    private static boolean plain(long x) {
        return ((x - 0x2020202020202020L | (x ^ 0x2222222222222222L) - ONES | (x ^ 0x5c5c5c5c5c5c5c5cL) - ONES | x) & HIGH_BITS) == 0;
    }

    /** The four hex digits at {@code p} as a character, or -1. */
    private int hex(int p) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(json[p + i], 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** The character {@code \e} stands for (not backslash-u), or -1. */
    static int escaped(byte e) {
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'f' -> '\f';
            case 'r' -> '\r';
            default -> -1;
        };
    }

    /** The name {@code json[from, to)} (quotes included): the instance kept for it, or a new one kept from now on. */
    private String name(int from, int to, int hash) {
        if (to - from > MAX_KEPT_NAME) {
            return decode(from, to); // not a protocol's name: kept, a hostile stream's could hold 128 × 32 KiB
        }
        int first = hash ^ (hash >>> 7);
        for (int i = 0; i < NAME_PROBES; i++) {
            int slot = (first + i) & (NAME_SLOTS - 1);
            byte[] known = nameBytes[slot];
            if (known == null) {
                String name = decode(from, to);
                nameBytes[slot] = java.util.Arrays.copyOfRange(json, from, to);
                nameHashes[slot] = hash;
                names[slot] = name;
                return name;
            }
            if (nameHashes[slot] == hash && same(known, from, to)) {
                return names[slot];
            }
        }
        return decode(from, to);
    }

    /** Whether {@code known} holds {@code json[from, to)}: a plain loop, names being short. */
    private boolean same(byte[] known, int from, int to) {
        if (known.length != to - from) {
            return false;
        }
        for (int i = 0; i < known.length; i++) {
            if (known[i] != json[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** The text of the JSON string {@code json[from, to)} (quotes included), which {@link #string} accepted. */
    private String decode(int from, int to) {
        boolean ascii = true;
        for (int p = from + 1; p < to - 1; p++) {
            if (json[p] < 0x20 || json[p] == '\\') { // negative: a multi-byte sequence
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(json, from + 1, to - from - 2, StandardCharsets.ISO_8859_1);
        }
        chars.setLength(0);
        for (int p = from + 1; p < to - 1; ) {
            int c = json[p] & 0xff;
            if (c == '\\') {
                if (json[p + 1] == 'u') {
                    chars.append((char) hex(p + 2));
                    p += 6;
                } else {
                    chars.append((char) escaped(json[p + 1]));
                    p += 2;
                }
            } else if (c < 0x80) {
                chars.append((char) c);
                p++;
            } else {
                p += appendUtf8(json, p, chars);
            }
        }
        return chars.toString();
    }

    /** The length of the well-formed UTF-8 sequence of two to four bytes at {@code p} (RFC 3629), or -1. */
    static int utf8Length(byte[] json, int p, int end) {
        int c = json[p] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf; // no surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        if (end - p < n) {
            return -1;
        }
        int second = json[p + 1] & 0xff;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int i = 2; i < n; i++) {
            if ((json[p + i] & 0xc0) != 0x80) {
                return -1;
            }
        }
        return n;
    }

    /** Appends the character of the well-formed UTF-8 sequence at {@code p}; answers its length. */
    static int appendUtf8(byte[] json, int p, StringBuilder out) {
        int c = json[p] & 0xff;
        if (c < 0xe0) {
            out.append((char) (((c & 0x1f) << 6) | (json[p + 1] & 0x3f)));
            return 2;
        } else if (c < 0xf0) {
            out.append((char) (((c & 0x0f) << 12) | ((json[p + 1] & 0x3f) << 6) | (json[p + 2] & 0x3f)));
            return 3;
        }
        out.appendCodePoint(((c & 0x07) << 18) | ((json[p + 1] & 0x3f) << 12) | ((json[p + 2] & 0x3f) << 6) | (json[p + 3] & 0x3f));
        return 4;
    }

    @Override
    public String text() {
        if (text == null && stringFrom >= 0) {
            text = decode(stringFrom, stringTo);
        }
        return text;
    }

    /**
     * Whether the {@link #STRING} just read is, byte for byte, what both codecs write for its text, so that a writer
     * may copy it ({@link #stringFrom}, {@link #stringTo}): its only escapes are {@code \" \\ \b \t \n \f \r}, the
     * escapes both write for those characters, and every other character is its UTF-8 (this reader accepts strictly
     * valid UTF-8 only), which both write for every character from U+0020, surrogate pairs combined ({@code
     * RawResponsesDeltaTest} checks that rule against both codecs).
     */
    public boolean stringAsWritten() {
        return stringFrom >= 0 && asWritten;
    }

    /** Where the {@link #STRING} just read starts in the bytes read (its opening quote); for use right after it. */
    public int stringFrom() {
        return stringFrom;
    }

    /** Where the {@link #STRING} just read ends in the bytes read (after its closing quote). */
    public int stringTo() {
        return stringTo;
    }

    @Override
    public long longValue() {
        return number;
    }

    @Override
    public double doubleValue() {
        return number;
    }

    @Override
    public BigDecimal decimalValue() {
        return BigDecimal.valueOf(number);
    }

    @Override
    public void keptUnknownMember() {
        keptUnknown = true;
    }

    @Override
    public boolean keptUnknownMembers() {
        return keptUnknown;
    }
}
