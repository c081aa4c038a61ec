package dev.crosswalk.translator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two events of the Chat → Responses token path written with no generator: constant bytes, the numbers, the
 * item id, and the delta's JSON string copied from the chunk as it came, which {@link ByteTokens#stringAsWritten}
 * found byte for byte what both codecs write. The same bytes as {@link StreamJsonWriter#textDelta(JsonOut, int,
 * String, int, int, String)} and {@link StreamJsonWriter#argumentsDelta(JsonOut, int, String, int, String)} write
 * (the stream token-path property tests compare them with the record path). Writing the event with the generator was
 * a sixth of the token path's time (benchmarks/results/streams-2026-12-04-s5.md). One per stream: each event is put
 * together in one reused array and handed to its stream in one write. Single-threaded.
 */
public final class RawDeltaEvents {
    private static final byte[] TEXT_HEAD = ascii("{\"type\":\"" + StreamJsonWriter.TEXT_DELTA + "\",\"sequence_number\":");
    private static final byte[] ARGUMENTS_HEAD = ascii("{\"type\":\"" + StreamJsonWriter.ARGUMENTS_DELTA + "\",\"sequence_number\":");
    private static final byte[] ITEM_ID = ascii(",\"item_id\":");
    private static final byte[] OUTPUT_INDEX = ascii(",\"output_index\":");
    private static final byte[] CONTENT_INDEX = ascii(",\"content_index\":");
    private static final byte[] DELTA = ascii(",\"delta\":");
    private static final byte[] TEXT_TAIL = ascii(",\"logprobs\":[]}");
    private static final byte[] ARGUMENTS_TAIL = ascii("}");

    private byte[] buffer = new byte[512];
    private int size;
    /** The last item id asked for, and its JSON string (or {@code null} when it is not plain). */
    private String itemId;
    private byte[] itemIdJson;

    /**
     * The JSON string of {@code itemId} as both codecs write it, when it has only printable ASCII other than the quote
     * and the backslash (the ids this library mints), or {@code null}: then the generator writes the event. Kept for
     * the last item, whose events follow one another.
     */
    public byte[] itemId(String itemId) {
        if (itemId != this.itemId) {
            this.itemId = itemId;
            itemIdJson = plain(itemId);
        }
        return itemIdJson;
    }

    private static byte[] plain(String s) {
        if (s == null) {
            return null;
        }
        byte[] json = new byte[s.length() + 2];
        json[0] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return null;
            }
            json[i + 1] = (byte) c;
        }
        json[json.length - 1] = '"';
        return json;
    }

    /**
     * A {@code response.output_text.delta} event without logprobs whose delta is the JSON string {@code json[from,
     * to)} (quotes included), with the item id's JSON from {@link #itemId}.
     */
    public void textDelta(OutputStream out, int sequence, byte[] itemId, int outputIndex, int contentIndex, byte[] json, int from, int to) {
        size = 0;
        put(TEXT_HEAD);
        number(sequence);
        put(ITEM_ID);
        put(itemId);
        put(OUTPUT_INDEX);
        number(outputIndex);
        put(CONTENT_INDEX);
        number(contentIndex);
        put(DELTA);
        put(json, from, to - from);
        put(TEXT_TAIL);
        send(out);
    }

    /**
     * A {@code response.function_call_arguments.delta} event whose delta is the JSON string {@code json[from, to)}
     * (quotes included), with the item id's JSON from {@link #itemId}.
     */
    public void argumentsDelta(OutputStream out, int sequence, byte[] itemId, int outputIndex, byte[] json, int from, int to) {
        size = 0;
        put(ARGUMENTS_HEAD);
        number(sequence);
        put(ITEM_ID);
        put(itemId);
        put(OUTPUT_INDEX);
        number(outputIndex);
        put(DELTA);
        put(json, from, to - from);
        put(ARGUMENTS_TAIL);
        send(out);
    }

    private void send(OutputStream out) {
        try {
            out.write(buffer, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    private void put(byte[] bytes, int from, int length) {
        room(length);
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
    }

    /** An {@code int} in decimal, as the generator writes it. */
    private void number(int n) {
        if (n < 0) {
            put(ascii(Integer.toString(n))); // never for a sequence number or an index
            return;
        }
        int digits = 1;
        for (int rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        room(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            buffer[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        size += digits;
    }

    private void room(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
