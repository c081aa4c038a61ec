package dev.crosswalk.translator.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte mode ({@link SseParser#ofBytes}) against the {@code String} mode, the reference: over generated streams
 * chunked at random (CR, LF, CRLF split across chunks, a byte order mark, comments, several data lines, event and id
 * fields, multi-byte and malformed UTF-8, limits), both give the same events or fail with the same exception.
 * Seeds are reported.
 */
class SseParserBytesTest {
    private static final String[] PIECES = {"data: ", "data:", "data", "event: ", "event:x", "id: 7", "id: a\0b", ": ping", "retry: 5",
            "{\"a\":1}", "[DONE]", "héllo", "😀", "response.output_text.delta", " ", ":", "\n", "\r", "\r\n", "\n\n", "\r\n\r\n"};
    private static final byte[][] BAD = {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}};

    @Test
    void bytesAndStringsGiveTheSameEvents() {
        for (long seed = 1; seed <= 1500; seed++) {
            Random r = new Random(seed);
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (r.nextInt(10) == 0) {
                body.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            for (int i = r.nextInt(40); i >= 0; i--) {
                if (r.nextInt(60) == 0) {
                    body.writeBytes(BAD[r.nextInt(BAD.length)]);
                } else {
                    body.writeBytes(PIECES[r.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] bytes = body.toByteArray();
            int max = r.nextInt(4) == 0 ? 1 + r.nextInt(40) : SseParser.DEFAULT_MAX_EVENT_BYTES;
            long chunking = r.nextLong();
            assertThat(parse(bytes, max, chunking, true)).as("seed " + seed).isEqualTo(parse(bytes, max, chunking, false));
        }
    }

    @Test
    void doneIsRecognisedAsBytes() {
        byte[] done = "x[DONE]".getBytes(StandardCharsets.US_ASCII);
        assertThat(SseParser.isDone(done, 1, 6)).isTrue();
        assertThat(SseParser.isDone(done, 0, 6)).isFalse();
        assertThat(SseParser.isDone(done, 1, 5)).isFalse();
    }

    @Test
    void utf8CheckAgreesWithTheJdkDecoder() {
        Random r = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[1 + r.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                int k = r.nextInt(4);
                b[i] = (byte) (k == 0 ? r.nextInt(0x80) : k == 1 ? 0x80 + r.nextInt(0x40) : 0xC0 + r.nextInt(0x40));
            }
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
                jdk = true;
            } catch (CharacterCodingException e) {
                jdk = false;
            }
            assertThat(Utf8.isValid(b, 0, b.length)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk);
        }
    }

    private static List<String> parse(byte[] bytes, int max, long chunking, boolean byteMode) {
        List<String> out = new ArrayList<>();
        SseParser parser = byteMode
                ? SseParser.ofBytes(max, (type, data, off, len, id) -> out.add(type + "|" + new String(data, off, len, StandardCharsets.UTF_8)
                        + "|" + id + "|" + SseParser.isDone(data, off, len)))
                : new SseParser(max, e -> out.add(e.event() + "|" + e.data() + "|" + e.id() + "|" + e.isDone()));
        Random r = new Random(chunking);
        try {
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + r.nextInt(9));
                parser.feed(bytes, at, n);
                at += n;
            }
            parser.finish();
            out.add("last id " + parser.lastEventId());
        } catch (RuntimeException e) {
            out.add(e.getClass().getName() + ": " + e.getMessage());
        }
        return out;
    }
}
