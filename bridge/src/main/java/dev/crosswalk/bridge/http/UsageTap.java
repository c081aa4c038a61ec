package dev.crosswalk.bridge.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the token usage of an upstream answer in the bytes relayed, whatever the path (translated or passed
 * through, JSON or SSE), without parsing or holding the whole answer: the last {@code "usage"} object with numbers
 * of every shape (the body's end, Chat's last chunk, {@code response.completed}), and the last {@code "model"} named.
 * Confined to the request's pipeline.
 *
 * <p>It reads the bytes as they pass and keeps only what a match still needs: a few bytes that may begin a key, or,
 * once a key is seen, its value until the value is complete (at most {@value #TAIL} bytes). A stream of ordinary
 * chunks keeps a few dozen bytes, not a copy of its tail: with hundreds of streams open, a 16 KiB ring each was half
 * of what every young collection of a 128 MiB bridge had to copy (benchmarks/results/bridge-load-2026-12-04-s5.md).
 */
final class UsageTap {
    /** The longest {@code "usage"} object read: a longer one is not usage as any API writes it. */
    static final int TAIL = 16 * 1024;
    private static final Pattern INPUT = Pattern.compile("\"(?:prompt_tokens|input_tokens)\"\\s*:\\s*(\\d+)");
    private static final Pattern OUTPUT = Pattern.compile("\"(?:completion_tokens|output_tokens)\"\\s*:\\s*(\\d+)");

    /** Tokens of one answer (-1 where unknown), and the model the answer names, if it names one. */
    record Usage(long input, long output, String model) {
    }

    private final Key usage = new Key("\"usage\"", '{', TAIL);
    private final Key model = new Key("\"model\"", '"', 2 + 128 + 16);
    private Usage found;
    private String modelName;

    void accept(byte[] bytes) {
        accept(bytes, 0, bytes.length);
    }

    void accept(ByteBuf buf) {
        if (buf.hasArray()) {
            accept(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        } else {
            byte[] copy = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), copy);
            accept(copy, 0, copy.length);
        }
    }

    void accept(byte[] bytes, int off, int len) {
        usage.feed(bytes, off, len);
        model.feed(bytes, off, len);
    }

    /**
     * The usage of the last {@code "usage"} object seen with numbers, or {@code null} if there is none.
     *
     * @param findModel whether to report the answer's model too (when the request's is unknown)
     */
    Usage usage(boolean findModel) {
        return found == null ? null : findModel ? new Usage(found.input(), found.output(), modelName) : found;
    }

    private void onUsage(byte[] object, int from, int to) {
        String text = new String(object, from, to - from, StandardCharsets.US_ASCII);
        long in = number(INPUT.matcher(text));
        long out = number(OUTPUT.matcher(text));
        if (in >= 0 || out >= 0) {
            found = new Usage(in, out, null);
        }
    }

    private void onModel(byte[] value, int from, int to) {
        // A model name as the pattern before this one read it: 1 to 128 characters, no quote or backslash.
        if (to - from >= 1 && to - from <= 128) {
            for (int i = from; i < to; i++) {
                if (value[i] == '\\') {
                    return;
                }
            }
            modelName = new String(value, from, to - from, StandardCharsets.UTF_8);
        }
    }

    private static long number(Matcher m) {
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * One key watched for in the passing bytes, and the value after it: an object ({@code {…}}, its braces counted;
     * usage objects hold no strings with braces) or a string. Between calls it holds either the last bytes seen (a
     * key may begin there; the byte before it tells an escaped quote) or, when a value was cut between two pieces,
     * the bytes from its key on. Positions below are in that held part followed by the new piece.
     */
    private final class Key {
        private static final int NONE = -1;
        private static final int INCOMPLETE = 0;

        private final byte[] key;
        private final byte open;
        private final int max;
        private byte[] held = new byte[8];
        private int length;
        /** Whether {@code held} starts with the key (a value cut between pieces), else it holds the last bytes seen. */
        private boolean inValue;
        private byte[] bytes;
        private int off;

        Key(String key, char open, int max) {
            this.key = key.getBytes(StandardCharsets.US_ASCII);
            this.open = (byte) open;
            this.max = max;
        }

        void feed(byte[] piece, int pieceOff, int len) {
            bytes = piece;
            off = pieceOff;
            int total = length + len;
            int pos = 0;
            int start = inValue ? 0 : NONE;
            while (true) {
                if (start == NONE) {
                    start = find(pos, total);
                    if (start == NONE) {
                        keep(Math.max(0, total - key.length), total);
                        inValue = false;
                        break;
                    }
                }
                int end = end(start, total);
                if (end == INCOMPLETE) {
                    if (total - start < max) {
                        keep(start, total);
                        inValue = true;
                        break;
                    }
                    pos = start + 1; // too long for what is looked for: not it
                } else if (end == NONE) {
                    pos = start + key.length;
                } else {
                    value(start, end);
                    pos = end;
                }
                start = NONE;
            }
            bytes = null;
        }

        /** The first unescaped key at or after {@code from}, or {@link #NONE}. */
        private int find(int from, int total) {
            outer:
            for (int i = from; i + key.length <= total; i++) {
                for (int k = 0; k < key.length; k++) {
                    if (at(i + k) != key[k]) {
                        continue outer;
                    }
                }
                if (i > 0 && at(i - 1) == '\\') {
                    continue;
                }
                return i;
            }
            return NONE;
        }

        /**
         * Where the value after the key at {@code start} ends (exclusive); {@link #INCOMPLETE} while it may still
         * come; {@link #NONE} if no value of the kind follows the key (e.g. {@code "usage":null}).
         */
        private int end(int start, int total) {
            int i = start + key.length;
            boolean colon = false;
            for (; i < total; i++) {
                byte b = at(i);
                if (b == ':' && !colon) {
                    colon = true;
                } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    break;
                }
            }
            if (i >= total) {
                return INCOMPLETE;
            }
            if (!colon || at(i) != open) {
                return NONE;
            }
            if (open == '"') {
                for (int j = i + 1; j < total; j++) {
                    if (at(j) == '"') {
                        return j + 1;
                    }
                }
                return INCOMPLETE;
            }
            int depth = 0;
            for (int j = i; j < total; j++) {
                byte b = at(j);
                if (b == '{') {
                    depth++;
                } else if (b == '}' && --depth == 0) {
                    return j + 1;
                }
            }
            return INCOMPLETE;
        }

        /** The complete value of the key at {@code start}, up to {@code end}: handed over in one array. */
        private void value(int start, int end) {
            byte[] array;
            int from;
            if (start >= length) {
                array = bytes;
                from = off + start - length;
            } else {
                array = new byte[end - start];
                for (int i = start; i < end; i++) {
                    array[i - start] = at(i);
                }
                from = 0;
            }
            int to = from + end - start;
            int value = from + key.length;
            while (array[value] != open) {
                value++;
            }
            if (open == '{') {
                onUsage(array, value, to);
            } else {
                onModel(array, value + 1, to - 1);
            }
        }

        private byte at(int i) {
            return i < length ? held[i] : bytes[off + i - length];
        }

        /** Holds positions {@code [from, to)} for the next piece. */
        private void keep(int from, int to) {
            int fromHeld = Math.max(0, length - from);
            if (fromHeld > 0) {
                System.arraycopy(held, from, held, 0, fromHeld);
            }
            if (held.length < to - from) {
                held = Arrays.copyOf(held, Math.max(to - from, Math.min(max, 2 * held.length)));
            }
            int fromPiece = to - from - fromHeld;
            System.arraycopy(bytes, off + Math.max(0, from - length), held, fromHeld, fromPiece);
            length = to - from;
        }
    }
}
