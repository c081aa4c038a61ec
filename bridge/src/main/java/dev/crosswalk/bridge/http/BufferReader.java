package dev.crosswalk.bridge.http;

import io.netty.buffer.ByteBuf;

/**
 * Hands a Netty buffer's bytes to code that reads arrays, for one stream: a heap buffer's own array, else a copy in
 * an array kept for the next buffer (a stream's pieces are mostly small SSE events). Before it, each upstream piece
 * was copied into a new array, ~14 KB per translated stream of 44 chunks, the bridge's largest allocation after its
 * frames (benchmarks/results/bridge-load-2026-12-04-s5.md). Confined to the stream's pipeline.
 */
final class BufferReader {
    /** A larger piece (a burst read at once) gets an array of its own, not kept: a stream's memory stays small. */
    static final int KEEP = 4096;

    /** What reads the bytes; they are valid only during the call. */
    @FunctionalInterface
    interface Bytes<T> {
        T read(byte[] bytes, int offset, int length);
    }

    private byte[] scratch;

    /** {@code reader} applied to {@code buf}'s readable bytes; {@code buf} is left as it was. */
    <T> T read(ByteBuf buf, Bytes<T> reader) {
        int length = buf.readableBytes();
        if (buf.hasArray()) {
            return reader.read(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
        }
        byte[] array = length > KEEP ? new byte[length] : scratch != null && scratch.length >= length ? scratch : null;
        if (array == null) {
            array = new byte[Math.min(KEEP, Math.max(length, 512))];
            scratch = array;
        }
        buf.getBytes(buf.readerIndex(), array, 0, length);
        return reader.read(array, 0, length);
    }
}
