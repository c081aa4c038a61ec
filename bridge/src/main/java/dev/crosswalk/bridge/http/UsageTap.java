package dev.crosswalk.bridge.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the token usage of an upstream answer in the bytes relayed, whatever the path (translated or passed
 * through, JSON or SSE), without parsing or holding the whole answer: it keeps the last {@value #TAIL} bytes, where
 * the last {@code "usage"} object of every shape sits (the body's end, Chat's last chunk, {@code response.completed}).
 * Confined to the request's pipeline.
 */
final class UsageTap {
    static final int TAIL = 16 * 1024;
    private static final byte[] KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern INPUT = Pattern.compile("\"(?:prompt_tokens|input_tokens)\"\\s*:\\s*(\\d+)");
    private static final Pattern OUTPUT = Pattern.compile("\"(?:completion_tokens|output_tokens)\"\\s*:\\s*(\\d+)");

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"\\\\]{1,128})\"");

    /** Tokens of one answer (-1 where unknown), and the model the answer names, if the tail holds it. */
    record Usage(long input, long output, String model) {
    }

    private final byte[] ring = new byte[TAIL];
    private long written;

    void accept(byte[] bytes) {
        accept(bytes, 0, bytes.length);
    }

    void accept(ByteBuf buf) {
        int n = buf.readableBytes();
        int skip = Math.max(0, n - TAIL);
        written += skip;
        int from = buf.readerIndex() + skip;
        int len = n - skip;
        while (len > 0) {
            int at = (int) (written % TAIL);
            int chunk = Math.min(len, TAIL - at);
            buf.getBytes(from, ring, at, chunk);
            from += chunk;
            len -= chunk;
            written += chunk;
        }
    }

    private void accept(byte[] bytes, int off, int len) {
        int skip = Math.max(0, len - TAIL);
        written += skip;
        int from = off + skip;
        int left = len - skip;
        while (left > 0) {
            int at = (int) (written % TAIL);
            int chunk = Math.min(left, TAIL - at);
            System.arraycopy(bytes, from, ring, at, chunk);
            from += chunk;
            left -= chunk;
            written += chunk;
        }
    }

    /**
     * The usage of the last {@code "usage"} object seen, or {@code null} if there is none with numbers.
     *
     * @param findModel whether to look for the answer's model too (when the request's is unknown)
     */
    Usage usage(boolean findModel) {
        int size = (int) Math.min(written, TAIL);
        byte[] tail = ring;
        if (written > TAIL) {
            // The ring wrapped: its bytes in order. Most answers (a whole translated stream of ordinary length) fit, and
            // are read where they are.
            tail = new byte[size];
            int start = (int) ((written - size) % TAIL);
            int first = Math.min(size, TAIL - start);
            System.arraycopy(ring, start, tail, 0, first);
            System.arraycopy(ring, 0, tail, first, size - first);
        }
        for (int at = lastIndexOf(tail, size, size); at >= 0; at = lastIndexOf(tail, size, at)) {
            if (at > 0 && tail[at - 1] == '\\') {
                continue;
            }
            int open = at + KEY.length;
            while (open < size && (tail[open] == ' ' || tail[open] == ':' || tail[open] == '\n' || tail[open] == '\r' || tail[open] == '\t')) {
                open++;
            }
            if (open >= size || tail[open] != '{') {
                continue;
            }
            int close = close(tail, open, size);
            if (close < 0) {
                continue;
            }
            String object = new String(tail, open, close - open + 1, StandardCharsets.UTF_8);
            long in = number(INPUT.matcher(object));
            long out = number(OUTPUT.matcher(object));
            if (in >= 0 || out >= 0) {
                String name = null;
                if (findModel) {
                    Matcher model = MODEL.matcher(new String(tail, 0, size, StandardCharsets.UTF_8));
                    while (model.find()) {
                        name = model.group(1);
                    }
                }
                return new Usage(in, out, name);
            }
        }
        return null;
    }

    private static long number(Matcher m) {
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static int lastIndexOf(byte[] tail, int size, int before) {
        outer:
        for (int i = Math.min(before - 1, size - KEY.length); i >= 0; i--) {
            for (int k = 0; k < KEY.length; k++) {
                if (tail[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The index of the brace closing the object at {@code open} (usage objects hold no strings with braces). */
    private static int close(byte[] tail, int open, int size) {
        int depth = 0;
        for (int i = open; i < size; i++) {
            if (tail[i] == '{') {
                depth++;
            } else if (tail[i] == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
