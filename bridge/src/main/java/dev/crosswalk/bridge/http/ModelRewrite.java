package dev.crosswalk.bridge.http;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Gives a passed-through answer the model name the client asked for, when its route renamed it (alias → the
 * upstream's model id), while the answer streams: the string value of the top-level {@code model} member of a JSON
 * body (a completion, a chunk, a response) and of {@code response.model} (the snapshot that Responses stream events
 * carry) is replaced by the alias. Nothing else is touched, nothing is parsed into objects, no byte is held back:
 * a one-pass scan that follows only string and nesting boundaries, across any buffer split. In an SSE body only the
 * {@code data:} lines are JSON, one document per event.
 *
 * <pre>{@code
 * ModelRewrite rewrite = ModelRewrite.of("fast", true);   // SSE
 * byte[] out = rewrite.feed(upstreamBytes);                // {"model":"deepseek-chat",...} -> {"model":"fast",...}
 * }</pre>
 *
 * Keys are compared as written: a key spelled with escapes ({@code "mod\u0065l"}), which no server writes, is not
 * recognised. Input that is not JSON passes through unchanged.
 */
final class ModelRewrite {
    private static final byte[] MODEL = "model".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = "response".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_KEPT = 128;

    private enum Key { OTHER, MODEL, RESPONSE }

    private final byte[] replacement;
    private final boolean sse;

    // SSE lines: only the values of data lines are JSON.
    private boolean lineStart = true;
    private boolean inName;
    private int nameLength;
    private boolean nameIsData;
    private boolean dataLine;
    private boolean lastWasCr;

    // JSON: nesting (one bit per level, set for an object, for the first 63 levels), strings, the key being read.
    private int depth;
    private long objects;
    private boolean expectKey;
    private boolean inString;
    private boolean stringIsKey;
    private boolean escaped;
    private final byte[] key = new byte[RESPONSE.length];
    private int keyLength;
    private boolean keyTooLong;
    private Key pendingKey = Key.OTHER;
    private boolean afterColon;
    private boolean responseObject;
    private boolean skipping;
    private final ByteArrayOutputStream original = new ByteArrayOutputStream();
    private String replaced;
    /** Where a buffer that changes is put together; kept for the next (the copy returned is the one allocation). */
    private byte[] out = new byte[0];

    private ModelRewrite(String alias, boolean sse) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(alias);
        this.replacement = new byte[quoted.length + 2];
        replacement[0] = '"';
        System.arraycopy(quoted, 0, replacement, 1, quoted.length);
        replacement[replacement.length - 1] = '"';
        this.sse = sse;
    }

    /**
     * @param alias the model name the client asked for
     * @param sse whether the body is an SSE stream (else one JSON document)
     */
    static ModelRewrite of(String alias, boolean sse) {
        return new ModelRewrite(alias, sse);
    }

    /** The first {@code model} value replaced, as the upstream wrote it (escapes included, cut at 128 bytes), or {@code null}. */
    String replaced() {
        return replaced;
    }

    /** The bytes to send for {@code in}: {@code in} itself when nothing in it changed. */
    byte[] feed(byte[] in) {
        // length: of what is put together in out so far, -1 while nothing changed; in[copied..] is not in it yet.
        int length = -1;
        int copied = 0;
        int i = 0;
        while (i < in.length) {
            byte b = in[i];
            if (sse && !sseByte(b)) {
                i = skipLine(in, i + 1);
                continue;
            }
            if (skipping) {
                // Inside the replaced value: its bytes are dropped (they are in the output already as the alias).
                if (length < 0) {
                    length = append(0, in, 0, i);
                }
                skipString(b);
                i = skipping ? skipReplaced(in, i + 1) : i + 1;
                copied = i;
                continue;
            }
            if (jsonByte(b)) {
                // b opens the value to replace.
                length = append(Math.max(length, 0), in, copied, i - copied);
                length = append(length, replacement, 0, replacement.length);
                copied = i + 1;
            }
            i = skipJson(in, i + 1);
        }
        if (length < 0) {
            return in;
        }
        length = append(length, in, copied, in.length - copied);
        return Arrays.copyOf(out, length);
    }

    /*
     * The skips below jump over the bytes that would change no state but "not after a CR" (a run of bytes the per-byte
     * methods would only look at), to the next byte that may: a quote, a backslash, a line end, a structural byte.
     * They are what keeps the rewrite near the stream redactor's cost per byte; the per-byte methods stay the rules.
     */

    /** In an SSE line that is not data (after its name): to the line's end. */
    private int skipLine(byte[] in, int from) {
        if (!sse || lineStart || inName || dataLine) {
            return from;
        }
        int i = from;
        while (i < in.length && in[i] != '\n' && in[i] != '\r') {
            i++;
        }
        lastWasCr &= i == from;
        return i;
    }

    /** In JSON text: inside a string no key is being read from, to its next quote or escape; outside strings, to the next structural byte. */
    private int skipJson(byte[] in, int from) {
        if (skipping || sse && (lineStart || inName || !dataLine)) {
            return from;
        }
        int i = from;
        if (inString) {
            if (escaped || stringIsKey && !keyTooLong) {
                return from;
            }
            while (i < in.length && !stringStop(in[i])) {
                i++;
            }
        } else {
            boolean value = false;
            for (byte b; i < in.length && !structural(b = in[i]); i++) {
                value |= b != ' ' && b != '\t';
            }
            if (value) {
                // A number, true, false, null: whatever key came before, this was its value.
                afterColon = false;
                pendingKey = Key.OTHER;
            }
        }
        lastWasCr &= i == from;
        return i;
    }

    /** Inside the replaced value: to its next quote or escape, keeping the first bytes of what it said. */
    private int skipReplaced(byte[] in, int from) {
        if (escaped) {
            return from;
        }
        int i = from;
        while (i < in.length && !stringStop(in[i])) {
            i++;
        }
        if (replaced == null) {
            original.write(in, from, Math.min(i - from, Math.max(0, MAX_KEPT - original.size())));
        }
        lastWasCr &= i == from;
        return i;
    }

    private static boolean stringStop(byte b) {
        return b == '"' || b == '\\' || b == '\n' || b == '\r';
    }

    private static boolean structural(byte b) {
        return switch (b) {
            case '"', '{', '}', '[', ']', ':', ',', '\n', '\r' -> true;
            default -> false;
        };
    }

    /** Appends {@code n} bytes of {@code from} at {@code at} of {@link #out}, grown as needed; the new length. */
    private int append(int at, byte[] from, int offset, int n) {
        if (at + n > out.length) {
            out = Arrays.copyOf(out, Math.max(at + n, 2 * out.length));
        }
        System.arraycopy(from, offset, out, at, n);
        return at + n;
    }

    /** Follows SSE line structure; true if {@code b} is part of a data line's value (JSON text). */
    private boolean sseByte(byte b) {
        if (b == '\n' && lastWasCr) {
            lastWasCr = false;
            return false;
        }
        lastWasCr = b == '\r';
        if (b == '\n' || b == '\r') {
            if (lineStart) {
                // A blank line ends the event: the next data is a new JSON document.
                resetJson();
            }
            lineStart = true;
            inName = false;
            dataLine = false;
            return false;
        }
        if (lineStart) {
            lineStart = false;
            inName = true;
            nameLength = 0;
            nameIsData = true;
        }
        if (inName) {
            if (b == ':') {
                inName = false;
                dataLine = nameIsData && nameLength == DATA.length;
                return false;
            }
            nameIsData &= nameLength < DATA.length && DATA[nameLength] == b;
            nameLength++;
            return false;
        }
        return dataLine;
    }

    /** Follows the JSON text; true if {@code b} is the opening quote of a value to replace. */
    private boolean jsonByte(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
                keyTooLong = true;
            } else if (b == '"') {
                inString = false;
                if (stringIsKey) {
                    pendingKey = keyTooLong ? Key.OTHER : named();
                }
                return false;
            }
            if (stringIsKey && !keyTooLong) {
                if (keyLength < key.length) {
                    key[keyLength++] = b;
                } else {
                    keyTooLong = true;
                }
            }
            return false;
        }
        switch (b) {
            case '"' -> {
                inString = true;
                escaped = false;
                stringIsKey = expectKey && isObject(depth);
                if (stringIsKey) {
                    expectKey = false;
                    keyLength = 0;
                    keyTooLong = !(depth == 1 || depth == 2 && responseObject);
                    pendingKey = Key.OTHER;
                    afterColon = false;
                    return false;
                }
                boolean replace = afterColon && pendingKey == Key.MODEL;
                afterColon = false;
                pendingKey = Key.OTHER;
                if (replace) {
                    inString = false;
                    skipping = true;
                    original.reset();
                }
                return replace;
            }
            case ':' -> afterColon = true;
            case ',' -> {
                expectKey = isObject(depth);
                afterColon = false;
                pendingKey = Key.OTHER;
            }
            case '{', '[' -> {
                boolean object = b == '{';
                if (depth == 1 && object && afterColon && pendingKey == Key.RESPONSE) {
                    responseObject = true;
                }
                depth++;
                if (depth < 64) {
                    objects = object ? objects | 1L << depth : objects & ~(1L << depth);
                }
                expectKey = object;
                afterColon = false;
                pendingKey = Key.OTHER;
            }
            case '}', ']' -> {
                if (depth == 2) {
                    responseObject = false;
                }
                depth = Math.max(0, depth - 1);
                expectKey = false;
                afterColon = false;
                pendingKey = Key.OTHER;
            }
            default -> {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    // A number, true, false, null: whatever key came before, this is its value.
                    afterColon = false;
                    pendingKey = Key.OTHER;
                }
            }
        }
        return false;
    }

    private void skipString(byte b) {
        if (escaped) {
            escaped = false;
        } else if (b == '\\') {
            escaped = true;
        } else if (b == '"') {
            skipping = false;
            if (replaced == null) {
                replaced = original.toString(StandardCharsets.UTF_8);
            }
            return;
        }
        if (replaced == null && original.size() < MAX_KEPT) {
            original.write(b);
        }
    }

    private Key named() {
        if (keyLength == MODEL.length && regionEquals(MODEL)) {
            return Key.MODEL;
        }
        if (depth == 1 && keyLength == RESPONSE.length && regionEquals(RESPONSE)) {
            return Key.RESPONSE;
        }
        return Key.OTHER;
    }

    private boolean regionEquals(byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (key[i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean isObject(int level) {
        return level > 0 && level < 64 && (objects & 1L << level) != 0;
    }

    private void resetJson() {
        depth = 0;
        objects = 0;
        expectKey = false;
        inString = false;
        escaped = false;
        skipping = false;
        pendingKey = Key.OTHER;
        afterColon = false;
        responseObject = false;
    }
}
