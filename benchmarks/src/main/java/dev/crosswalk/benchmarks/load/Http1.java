package dev.crosswalk.benchmarks.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Just enough HTTP/1.1 for the load run's two ends, so that they cost the machine they share with the bridge as little
 * as they can: a message head read up to its blank line, and a body framed by {@code Content-Length}, by chunked
 * transfer coding (chunk extensions and trailers skipped), or by the connection's close. No validation beyond what
 * finding the body's bytes needs: the bridge is the only peer, and {@link StreamCheck} checks every body afterwards.
 */
final class Http1 {
    private Http1() {
    }

    /** Where a body's bytes go, as they arrive. */
    interface Sink {
        void data(ByteBuf buf, int index, int length);
    }

    /** A message head: the bytes up to and including the blank line after the headers. */
    static final class Head {
        private static final byte[] END = {'\r', '\n', '\r', '\n'};
        private final byte[] bytes = new byte[8192];
        private int length;
        private int matched;

        /**
         * Takes bytes from {@code buf} up to the head's end.
         *
         * @return true when the head is complete; what is left in {@code buf} is the body's
         */
        boolean feed(ByteBuf buf) {
            while (buf.isReadable()) {
                byte b = buf.readByte();
                if (length == bytes.length) {
                    throw new IllegalStateException("message head over " + bytes.length + " bytes");
                }
                bytes[length++] = b;
                matched = b == END[matched] ? matched + 1 : b == '\r' ? 1 : 0;
                if (matched == END.length) {
                    return true;
                }
            }
            return false;
        }

        /** The complete head as text, and this reader ready for the next one. */
        String take() {
            String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            length = 0;
            matched = 0;
            return text;
        }
    }

    /** The status code of a response head ({@code HTTP/1.1 200 OK}); 0 when there is none. */
    static int status(String head) {
        int space = head.indexOf(' ');
        try {
            return space < 0 || head.length() < space + 4 ? 0 : Integer.parseInt(head, space + 1, space + 4, 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The value of header {@code name} (lower case) in a head, trimmed; null when absent. */
    static String header(String head, String name) {
        int line = head.indexOf('\n') + 1;
        while (line > 0 && line < head.length()) {
            int end = head.indexOf('\n', line);
            if (end < 0) {
                end = head.length();
            }
            int colon = head.indexOf(':', line);
            if (colon > 0 && colon < end && colon - line == name.length() && head.regionMatches(true, line, name, 0, name.length())) {
                return head.substring(colon + 1, end).trim();
            }
            line = end + 1;
        }
        return null;
    }

    /** A body after its head: hands its bytes to a sink and says where it ends. */
    static final class Body {
        private enum State {
            FIXED, SIZE, DATA, DATA_END, TRAILER, UNTIL_CLOSE, DONE
        }

        private State state = State.DONE;
        private long remaining;
        private boolean extension;
        private int lineLength;

        /** Frames the body of the message with this head. */
        void start(String head) {
            String coding = header(head, "transfer-encoding");
            String length = header(head, "content-length");
            remaining = 0;
            extension = false;
            if (coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked")) {
                state = State.SIZE;
            } else if (length != null) {
                remaining = Long.parseLong(length);
                state = remaining == 0 ? State.DONE : State.FIXED;
            } else {
                state = State.UNTIL_CLOSE;
            }
        }

        /** Whether the body ends only when the connection closes. */
        boolean untilClose() {
            return state == State.UNTIL_CLOSE;
        }

        /**
         * Takes the body's bytes from {@code buf}, the data to {@code sink}.
         *
         * @return true when the body has ended; what is left in {@code buf} belongs to the next message
         */
        boolean feed(ByteBuf buf, Sink sink) {
            while (state != State.DONE && buf.isReadable()) {
                switch (state) {
                    case FIXED, DATA, UNTIL_CLOSE -> {
                        int n = state == State.UNTIL_CLOSE ? buf.readableBytes() : (int) Math.min(remaining, buf.readableBytes());
                        sink.data(buf, buf.readerIndex(), n);
                        buf.skipBytes(n);
                        remaining -= n;
                        if (remaining == 0 && state != State.UNTIL_CLOSE) {
                            state = state == State.FIXED ? State.DONE : State.DATA_END;
                        }
                    }
                    case SIZE -> {
                        byte b = buf.readByte();
                        if (b == '\n') {
                            state = remaining == 0 ? State.TRAILER : State.DATA;
                            lineLength = 0;
                        } else if (b == ';') {
                            extension = true;
                        } else if (!extension && Character.digit(b, 16) >= 0) {
                            remaining = remaining * 16 + Character.digit(b, 16);
                        }
                    }
                    case DATA_END -> {
                        if (buf.readByte() == '\n') {
                            state = State.SIZE;
                            remaining = 0;
                            extension = false;
                        }
                    }
                    case TRAILER -> {
                        byte b = buf.readByte();
                        if (b == '\n') {
                            if (lineLength == 0) {
                                state = State.DONE;
                            }
                            lineLength = 0;
                        } else if (b != '\r') {
                            lineLength++;
                        }
                    }
                    default -> throw new IllegalStateException(state.name());
                }
            }
            return state == State.DONE;
        }
    }

    /** A growable byte array: a body being received. */
    static final class Bytes implements Sink {
        private byte[] bytes;
        private int length;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void data(ByteBuf buf, int index, int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
            }
            buf.getBytes(index, bytes, length, n);
            length += n;
        }

        /** A copy of the bytes so far. */
        byte[] copy() {
            return Arrays.copyOf(bytes, length);
        }

        /** The bytes so far as text (ASCII, one byte a character). */
        String latin1() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }

        void clear() {
            length = 0;
        }
    }
}
