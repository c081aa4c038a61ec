package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A large body held as the pieces it was read or written in, never joined into one array: joining would be a second
 * copy of the body (and, for a large one, a humongous allocation). An upstream answer is read into pieces and parsed
 * from them, each piece let go as the parser moves past it; a reply is written into pieces, redacted piece by piece,
 * and sent as they are. So the reply path holds one copy of a body at a time: the upstream's bytes while they are
 * parsed, then the translated reply's bytes while they are written.
 */
final class Pieces {
    /** The size of the pieces a reply is written in: small enough for the young generation, large enough to be few. */
    static final int WRITE_PIECE = 64 * 1024;

    private final List<byte[]> pieces = new ArrayList<>();
    private long size;

    void add(byte[] piece) {
        pieces.add(piece);
        size += piece.length;
    }

    /** The total number of bytes. */
    long size() {
        return size;
    }

    /**
     * The bytes as one stream, for a parser. Each piece is let go once read, so the body's memory shrinks while the
     * parsed value grows; read it once.
     */
    InputStream stream() {
        return new InputStream() {
            private int index;
            private int offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int off, int len) {
                while (index < pieces.size()) {
                    byte[] piece = pieces.get(index);
                    if (offset < piece.length) {
                        int n = Math.min(len, piece.length - offset);
                        System.arraycopy(piece, offset, into, off, n);
                        offset += n;
                        return n;
                    }
                    pieces.set(index++, null);
                    offset = 0;
                }
                return len == 0 ? 0 : -1;
            }
        };
    }

    /** The bytes as one array: for small bodies only (an upstream error). */
    byte[] join() {
        byte[] all = new byte[(int) Math.min(Integer.MAX_VALUE - 8, size)];
        int at = 0;
        for (byte[] piece : pieces) {
            int n = Math.min(piece.length, all.length - at);
            System.arraycopy(piece, 0, all, at, n);
            at += n;
        }
        return all;
    }

    /**
     * {@code value} as JSON, written in pieces and masked by {@code redactor} as they fill (a secret straddling two
     * pieces is still caught: the redactor's stream holds back the few bytes it needs).
     */
    static Pieces json(JsonCodec codec, Object value, Redactor redactor) {
        Pieces out = new Pieces();
        Redactor.Stream clean = redactor.stream(true);
        OutputStream writer = new OutputStream() {
            private byte[] piece = new byte[WRITE_PIECE];
            private int filled;
            private boolean closed;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] from, int off, int len) {
                while (len > 0) {
                    int n = Math.min(len, piece.length - filled);
                    System.arraycopy(from, off, piece, filled, n);
                    filled += n;
                    off += n;
                    len -= n;
                    if (filled == piece.length) {
                        emit();
                    }
                }
            }

            private void emit() {
                if (filled > 0) {
                    byte[] masked = clean.feed(piece, 0, filled);
                    if (masked.length > 0) {
                        out.add(masked);
                    }
                }
                filled = 0;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    emit();
                    piece = null;
                    byte[] rest = clean.finish();
                    if (rest.length > 0) {
                        out.add(rest);
                    }
                }
            }
        };
        try (writer) {
            codec.writeTo(value, writer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The pieces as buffers to send, each let go once Netty has taken it. */
    Flux<ByteBuf> flux() {
        List<byte[]> all = new ArrayList<>(pieces);
        pieces.clear();
        return Flux.range(0, all.size()).map(i -> {
            byte[] piece = all.set(i, null);
            return Unpooled.wrappedBuffer(piece);
        });
    }
}
