package dev.crosswalk.bridge.http;

import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (sse && !sseByte(b)) {
                continue;
            }
            if (skipping) {
                // Inside the replaced value: its bytes are dropped (they are in the output already as the alias).
                if (out == null) {
                    out = new ByteArrayOutputStream(in.length + replacement.length);
                    out.write(in, 0, i);
                }
                copied = i + 1;
                skipString(b);
                continue;
            }
            if (jsonByte(b)) {
                // b opens the value to replace.
                if (out == null) {
                    out = new ByteArrayOutputStream(in.length + replacement.length);
                }
                out.write(in, copied, i - copied);
                out.write(replacement, 0, replacement.length);
                copied = i + 1;
            }
        }
        if (out == null) {
            return in;
        }
        out.write(in, copied, in.length - copied);
        return out.toByteArray();
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
