package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.sse.SseEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * SSE frames written straight into one Netty buffer per batch: the codec's generator writes each event's JSON into it
 * as UTF-8, with no per-event {@code String} or array in between.
 *
 * <p>What the core's {@code SseWriter} checks when it frames holds here by construction: compact JSON has no CR or
 * LF (the generator escapes them inside strings), so one {@code data:} line carries it; event types are the
 * translator's own constants, checked all the same.
 */
final class SseFrames {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_AFTER_EVENT = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = ("data: " + SseEvent.DONE + "\n\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_MEMBER = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQUENCE_MEMBER = "\",\"sequence_number\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE_MEMBER = ",\"response\":".getBytes(StandardCharsets.US_ASCII);

    /** A buffer that grew past this (a batch with response snapshots) is not kept for the next batch. */
    private static final int LARGE = 2048;

    private final JsonCodec codec;
    private final ByteBuf out;
    private final ByteBufOutputStream stream;
    /** Starts an event's frame once its type is known: {@code event: <type>\ndata: }, then its JSON goes to the buffer. */
    private final Function<String, OutputStream> eventStart = this::eventStart;

    /** Frames for one batch, written with {@code codec}; {@code sizeHint} is the expected number of frames. */
    SseFrames(JsonCodec codec, int sizeHint) {
        this.codec = codec;
        this.out = Unpooled.buffer(Math.max(1, sizeHint) * 256);
        this.stream = new ByteBufOutputStream(out);
    }

    /** {@code event: <type>\ndata: <json>\n\n}, as Responses streams frame their events. */
    SseFrames event(String type, Object value) {
        for (int i = 0; i < type.length(); i++) {
            if (type.charAt(i) == '\n' || type.charAt(i) == '\r') {
                throw new IllegalArgumentException("an SSE event type must not contain CR or LF");
            }
        }
        out.writeBytes(EVENT);
        out.writeCharSequence(type, StandardCharsets.UTF_8);
        out.writeBytes(DATA_AFTER_EVENT);
        json(value);
        return this;
    }

    /**
     * {@code event: <type>\ndata: <json>\n\n} with the JSON written by {@code json} into the buffer, if it writes it
     * ({@code true}); {@code false}: nothing is written. The token paths write their events this way.
     */
    boolean event(String type, Predicate<OutputStream> json) {
        int start = out.writerIndex();
        out.writeBytes(EVENT);
        out.writeCharSequence(type, StandardCharsets.UTF_8);
        out.writeBytes(DATA_AFTER_EVENT);
        return payload(start, json);
    }

    /**
     * {@code event: <type>\ndata: <json>\n\n} for a writer that knows the type only once it has read its input: it
     * is handed a function to call with the type, which starts the frame and returns where to write the JSON; {@code
     * false}: nothing is written. The Chat → Responses token path writes its events this way.
     */
    boolean event(Predicate<Function<String, OutputStream>> json) {
        return payload(out.writerIndex(), o -> json.test(eventStart));
    }

    private OutputStream eventStart(String type) {
        out.writeBytes(EVENT);
        out.writeCharSequence(type, StandardCharsets.UTF_8);
        out.writeBytes(DATA_AFTER_EVENT);
        return stream;
    }

    /** {@code data: <json>\n\n} with the JSON written by {@code json}, if it writes it; see {@link #event(String, Predicate)}. */
    boolean data(Predicate<OutputStream> json) {
        int start = out.writerIndex();
        out.writeBytes(DATA);
        return payload(start, json);
    }

    /** The frame begun at {@code start} ended with the JSON {@code json} writes, or undone when it writes none. */
    private boolean payload(int start, Predicate<OutputStream> json) {
        boolean written = false;
        try {
            written = json.test(stream);
        } finally {
            if (!written) {
                out.writerIndex(start);
            }
        }
        if (written) {
            out.writeBytes(END);
        }
        return written;
    }

    /**
     * {@code event: <type>\ndata: {"type":"<type>","sequence_number":<n>,"response":<response>}\n\n}: an event that
     * carries a response snapshot and nothing else, with the snapshot's JSON already written ({@code response}) — the
     * bytes the codec writes for such an event (its {@code type} first, then its components in order, no extra
     * members). A stream's {@code response.created} and {@code response.in_progress} share one snapshot, and its
     * terminal snapshot is also what the store keeps: each is written once.
     */
    SseFrames responseEvent(String type, int sequence, byte[] response) {
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                throw new IllegalArgumentException("a response event's type must be plain ASCII: " + type);
            }
        }
        out.writeBytes(EVENT);
        out.writeCharSequence(type, StandardCharsets.US_ASCII);
        out.writeBytes(DATA_AFTER_EVENT);
        out.writeBytes(TYPE_MEMBER);
        out.writeCharSequence(type, StandardCharsets.US_ASCII);
        out.writeBytes(SEQUENCE_MEMBER);
        out.writeCharSequence(Integer.toString(sequence), StandardCharsets.US_ASCII);
        out.writeBytes(RESPONSE_MEMBER);
        out.writeBytes(response);
        out.writeByte('}');
        out.writeBytes(END);
        return this;
    }

    /** {@code data: <json>\n\n}, as Chat Completions streams frame their chunks. */
    SseFrames data(Object value) {
        out.writeBytes(DATA);
        json(value);
        return this;
    }

    /** {@code data: [DONE]\n\n}. */
    SseFrames done() {
        out.writeBytes(DONE);
        return this;
    }

    /** The frames written so far. */
    ByteBuf buffer() {
        return out;
    }

    /**
     * The frames written so far, in a buffer of their own and of their size; these frames start empty again. A
     * relay that writes each batch into the same frames and takes it out this way allocates a batch's bytes once,
     * at their size, instead of a new buffer per batch that starts at a guess and grows by copies.
     */
    ByteBuf take() {
        ByteBuf taken = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(out));
        clear();
        return taken;
    }

    /** Forgets the frames written so far. */
    void clear() {
        out.clear();
    }

    /** Whether the buffer grew past what a batch of ordinary frames needs (see {@link SseRelay}). */
    boolean large() {
        return out.capacity() > LARGE;
    }

    private void json(Object value) {
        int start = out.writerIndex();
        try {
            codec.writeTo(value, new ByteBufOutputStream(out));
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        out.writeBytes(END);
    }
}
