package dev.crosswalk.translator.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random events written with {@link SseWriter} must come back unchanged from {@link SseParser} and
 * {@link SseReader}, however the bytes are chunked. Each check is deterministic per seed; a failure names
 * its seed, and {@link Scenario#generate(long)} rebuilds that case.
 */
class SseRoundTripPropertyTest {

    private static final int SEEDS = 500;

    /** What was written, the bytes on the wire, and what a parser must report. */
    record Scenario(long seed, byte[] wire, List<SseEvent> events, List<String> comments) {

        static Scenario generate(long seed) {
            Random rnd = new Random(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SseWriter writer = new SseWriter(out);
            List<SseEvent> events = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            try {
                int items = rnd.nextInt(8);
                for (int i = 0; i < items; i++) {
                    int kind = rnd.nextInt(10);
                    if (kind < 2) {
                        String comment = text(rnd, false, true);
                        writer.comment(comment);
                        comments.add(comment);
                    } else if (kind == 2) {
                        writer.writeDone();
                        events.add(SseEvent.data(SseEvent.DONE));
                    } else {
                        String type = rnd.nextInt(3) == 0 ? null : text(rnd, false, true);
                        String id = rnd.nextInt(3) == 0 ? text(rnd, false, false) : null;
                        String data = text(rnd, true, true);
                        writer.write(new SseEvent(type, data, id));
                        events.add(new SseEvent(type, data.replace("\r\n", "\n").replace('\r', '\n'), id));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] lf = out.toByteArray();
            // Every item ends in "<non-empty line>\n\n"; dropping one or both breaks leaves finish() to deliver it.
            int trim = lf.length == 0 ? 0 : rnd.nextInt(3);
            byte[] wire = rewriteLineBreaks(lf, lf.length - trim, rnd);
            if (rnd.nextInt(4) == 0) {
                byte[] withBom = new byte[wire.length + 3];
                withBom[0] = (byte) 0xEF;
                withBom[1] = (byte) 0xBB;
                withBom[2] = (byte) 0xBF;
                System.arraycopy(wire, 0, withBom, 3, wire.length);
                wire = withBom;
            }
            return new Scenario(seed, wire, List.copyOf(events), List.copyOf(comments));
        }

        /** The writer only emits LF; servers also send CRLF or CR, per stream or mixed. */
        private static byte[] rewriteLineBreaks(byte[] lf, int length, Random rnd) {
            int style = rnd.nextInt(4);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length * 2);
            boolean lastBreakWasBareCr = false;
            for (int i = 0; i < length; i++) {
                byte b = lf[i];
                if (b != '\n') {
                    out.write(b);
                    lastBreakWasBareCr = false;
                    continue;
                }
                int lineStyle = style == 3 ? rnd.nextInt(3) : style;
                if (lineStyle == 0 && lastBreakWasBareCr) {
                    lineStyle = 1; // a bare LF right after a bare CR would merge the two breaks into one
                }
                switch (lineStyle) {
                    case 0 -> out.write('\n');
                    case 1 -> out.write(new byte[] {'\r', '\n'}, 0, 2);
                    default -> out.write('\r');
                }
                lastBreakWasBareCr = lineStyle == 2;
            }
            return out.toByteArray();
        }

        /** Random text mixing ASCII, 2-, 3- and 4-byte UTF-8, SSE syntax characters and, if allowed, breaks. */
        private static String text(Random rnd, boolean lineBreaks, boolean nul) {
            int length = rnd.nextInt(10) == 0 ? rnd.nextInt(300) : rnd.nextInt(24);
            StringBuilder s = new StringBuilder();
            while (s.length() < length) {
                switch (rnd.nextInt(lineBreaks ? 9 : 8)) {
                    case 0, 1 -> s.append((char) (0x20 + rnd.nextInt(0x5F)));
                    case 2 -> s.append((char) (0xA0 + rnd.nextInt(0x800 - 0xA0)));
                    case 3 -> s.append((char) (0x4E00 + rnd.nextInt(0x9FFF - 0x4E00)));
                    case 4 -> {
                        char c = (char) (0x800 + rnd.nextInt(0xFFFE - 0x800));
                        s.append(Character.isSurrogate(c) ? '\u20AC' : c);
                    }
                    case 5 -> s.appendCodePoint(rnd.nextBoolean()
                            ? 0x1F300 + rnd.nextInt(0x1FAFF - 0x1F300)
                            : 0x10000 + rnd.nextInt(0x10FFFF - 0x10000));
                    case 6 -> s.append(":  ".charAt(rnd.nextInt(3)));
                    case 7 -> s.append(switch (rnd.nextInt(4)) {
                        case 0 -> "\uFEFF";
                        case 1 -> nul ? "\0" : "\t";
                        case 2 -> "data: ";
                        default -> SseEvent.DONE;
                    });
                    default -> s.append(switch (rnd.nextInt(3)) {
                        case 0 -> "\n";
                        case 1 -> "\r\n";
                        default -> "\r";
                    });
                }
            }
            return s.toString();
        }

        String describe() {
            String wireText = new String(wire, StandardCharsets.UTF_8)
                    .replace("\r", "\\r").replace("\n", "\\n\n");
            return "seed " + seed + ", wire:\n" + wireText;
        }
    }

    private static final class Collector {
        final List<SseEvent> events = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
        final SseParser parser = new SseParser(SseParser.DEFAULT_MAX_EVENT_BYTES, events::add, comments::add);

        void assertMatches(Scenario scenario) {
            assertThat(events).as(scenario::describe).isEqualTo(scenario.events());
            assertThat(comments).as(scenario::describe).isEqualTo(scenario.comments());
        }
    }

    @Test
    void parserRecoversWrittenEventsFromRandomChunks() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Scenario scenario = Scenario.generate(seed);
            Random rnd = new Random(~seed);
            Collector collector = new Collector();
            byte[] wire = scenario.wire();
            int pos = 0;
            while (pos < wire.length) {
                int n = Math.min(wire.length - pos, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 64));
                feedSomehow(collector.parser, wire, pos, n, rnd);
                pos += n;
            }
            collector.parser.finish();

            collector.assertMatches(scenario);
        }
    }

    /** Copies the chunk into a byte[] at an offset, a heap ByteBuffer slice or a direct ByteBuffer. */
    private static void feedSomehow(SseParser parser, byte[] wire, int pos, int n, Random rnd) {
        switch (rnd.nextInt(3)) {
            case 0 -> {
                int offset = rnd.nextInt(4);
                byte[] padded = new byte[offset + n + rnd.nextInt(4)];
                System.arraycopy(wire, pos, padded, offset, n);
                parser.feed(padded, offset, n);
            }
            case 1 -> parser.feed(ByteBuffer.wrap(wire, pos, n).slice());
            default -> parser.feed(ByteBuffer.allocateDirect(n).put(wire, pos, n).flip());
        }
    }

    @Test
    void parserRecoversWrittenEventsOneByteAtATime() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Scenario scenario = Scenario.generate(seed);
            Collector collector = new Collector();
            byte[] wire = scenario.wire();
            for (int i = 0; i < wire.length; i++) {
                collector.parser.feed(wire, i, 1);
            }
            collector.parser.finish();

            collector.assertMatches(scenario);
        }
    }

    @Test
    void readerRecoversWrittenEventsFromShortReads() throws IOException {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Scenario scenario = Scenario.generate(seed);
            ShortReads in = new ShortReads(scenario.wire(), new Random(~seed));

            assertThat(readAll(new SseReader(in))).as(scenario::describe).isEqualTo(scenario.events());
        }
    }

    @Test
    void readerRecoversWrittenEventsFromShortCharReads() throws IOException {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Scenario scenario = Scenario.generate(seed);
            String text = new String(scenario.wire(), StandardCharsets.UTF_8);
            ShortCharReads in = new ShortCharReads(text, new Random(~seed));

            assertThat(readAll(new SseReader(in))).as(scenario::describe).isEqualTo(scenario.events());
        }
    }

    private static List<SseEvent> readAll(SseReader reader) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (reader) {
            for (SseEvent e; (e = reader.next()) != null; ) {
                events.add(e);
            }
        }
        return events;
    }

    /** Returns 1 to 7 bytes per read, splitting characters and CRLF pairs wherever it happens. */
    private static final class ShortReads extends InputStream {
        private final byte[] bytes;
        private final Random rnd;
        private int pos;

        ShortReads(byte[] bytes, Random rnd) {
            this.bytes = bytes;
            this.rnd = rnd;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, bytes.length - pos), 1 + rnd.nextInt(7));
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Returns 1 to 5 chars per read, splitting surrogate pairs wherever it happens. */
    private static final class ShortCharReads extends Reader {
        private final String text;
        private final Random rnd;
        private int pos;

        ShortCharReads(String text, Random rnd) {
            this.text = text;
            this.rnd = rnd;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, text.length() - pos), 1 + rnd.nextInt(5));
            text.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
