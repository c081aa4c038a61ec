package dev.crosswalk.translator.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns one chunk per read call and counts the calls, as a live connection would deliver them. */
    private static final class ChunkedStream extends InputStream {
        private final byte[][] chunks;
        private int index;
        private int reads;
        private boolean closed;

        ChunkedStream(String... chunks) {
            this.chunks = Stream.of(chunks).map(c -> c.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("single-byte reads are not expected");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            if (index == chunks.length) {
                return -1;
            }
            byte[] chunk = chunks[index++];
            if (chunk.length > len) {
                throw new IllegalStateException("test chunk larger than the read buffer");
            }
            System.arraycopy(chunk, 0, b, off, chunk.length);
            return chunk.length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void readsEventsThenNullAtTheEnd() throws IOException {
        try (SseReader reader = new SseReader(utf8(": hi\ndata: a\n\nevent: e\nid: 1\ndata: b\n\n"))) {
            assertThat(reader.next()).isEqualTo(SseEvent.data("a"));
            assertThat(reader.next()).isEqualTo(new SseEvent("e", "b", "1"));
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void deliversAFinalEventWithoutBlankLine() throws IOException {
        try (SseReader reader = new SseReader(utf8("data: a\n\ndata: b"))) {
            assertThat(reader.next()).isEqualTo(SseEvent.data("a"));
            assertThat(reader.next()).isEqualTo(SseEvent.data("b"));
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void worksOneByteAtATime() throws IOException {
        byte[] bytes = "data: é€\r\ndata: 😀\r\n\r\nevent: 中\rdata: x\r\r".getBytes(StandardCharsets.UTF_8);
        InputStream oneByte = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };

        try (SseReader reader = new SseReader(oneByte)) {
            assertThat(reader.next()).isEqualTo(SseEvent.data("é€\n😀"));
            assertThat(reader.next()).isEqualTo(SseEvent.of("中", "x"));
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void doesNotReadAheadOfTheEventAsked() throws IOException {
        ChunkedStream in = new ChunkedStream("data: a\n\ndata: b\n\n", "data: c\n", "\n", ": only a comment\n\n");
        SseReader reader = new SseReader(in);

        assertThat(reader.next()).isEqualTo(SseEvent.data("a"));
        assertThat(in.reads).isEqualTo(1);
        assertThat(reader.next()).isEqualTo(SseEvent.data("b"));
        assertThat(in.reads).as("b was already parsed; no read needed").isEqualTo(1);
        assertThat(reader.next()).isEqualTo(SseEvent.data("c"));
        assertThat(in.reads).isEqualTo(3);
        assertThat(reader.next()).isNull();
        assertThat(in.reads).isEqualTo(5);
    }

    @Test
    void readsFromAReader() throws IOException {
        try (SseReader reader = new SseReader(new StringReader("\uFEFFevent: 中\ndata: 😀\n\n"))) {
            assertThat(reader.next()).isEqualTo(SseEvent.of("中", "😀"));
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void unpairedSurrogateFromAReaderIsAFormatError() throws IOException {
        try (SseReader reader = new SseReader(new StringReader("data: a\n\ndata: b\ndata: \uD83D!\n\n"))) {
            assertThat(reader.next()).isEqualTo(SseEvent.data("a"));
            assertThatThrownBy(reader::next).isInstanceOf(SseFormatException.class).hasMessageContaining("line 4");
        }
    }

    @Test
    void highSurrogateAtTheEndOfAReaderIsAFormatError() throws IOException {
        try (SseReader reader = new SseReader(new StringReader("data: \uD83D"))) {
            assertThatThrownBy(reader::next).isInstanceOf(SseFormatException.class);
        }
    }

    @Test
    void eventsBeforeAMalformedLineComeFirstThenTheErrorRepeats() throws IOException {
        byte[] bytes = {'d', 'a', 't', 'a', ':', 'a', '\n', '\n', 'd', 'a', 't', 'a', ':', (byte) 0xFF, '\n', '\n'};

        try (SseReader reader = new SseReader(new ByteArrayInputStream(bytes))) {
            assertThat(reader.next()).isEqualTo(SseEvent.data("a"));
            assertThatThrownBy(reader::next).isInstanceOf(SseFormatException.class).hasMessageContaining("line 3");
            assertThatThrownBy(reader::next).isInstanceOf(SseFormatException.class);
        }
    }

    @Test
    void appliesTheLimit() throws IOException {
        try (SseReader reader = new SseReader(utf8("data: " + "x".repeat(4096) + "\n\n"), 1024)) {
            assertThatThrownBy(reader::next).isInstanceOf(SseLimitExceededException.class);
        }
        try (SseReader reader = new SseReader(new StringReader("data: " + "x".repeat(4096) + "\n\n"), 1024)) {
            assertThatThrownBy(reader::next).isInstanceOf(SseLimitExceededException.class);
        }
    }

    @Test
    void streamYieldsEveryEventAndClosesTheReader() {
        ChunkedStream in = new ChunkedStream("data: a\n\n", "data: b\n\ndata: [DONE]\n\n");

        List<SseEvent> events;
        try (Stream<SseEvent> stream = new SseReader(in).stream()) {
            events = stream.toList();
        }

        assertThat(events).containsExactly(SseEvent.data("a"), SseEvent.data("b"), SseEvent.data("[DONE]"));
        assertThat(in.closed).isTrue();
    }

    @Test
    void streamIsLazy() {
        ChunkedStream in = new ChunkedStream("data: a\n\n", "data: b\n\n");

        SseEvent first = new SseReader(in).stream().findFirst().orElseThrow();

        assertThat(first).isEqualTo(SseEvent.data("a"));
        assertThat(in.reads).isEqualTo(1);
    }

    @Test
    void streamWrapsIOExceptions() {
        IOException broken = new IOException("connection reset");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw broken;
            }
        };

        assertThatThrownBy(() -> new SseReader(failing).stream().toList())
                .isInstanceOf(UncheckedIOException.class)
                .hasCause(broken);
    }

    @Test
    void nextAfterCloseThrows() throws IOException {
        ChunkedStream in = new ChunkedStream("data: a\n\n");
        SseReader reader = new SseReader(in);
        reader.close();

        assertThat(in.closed).isTrue();
        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
