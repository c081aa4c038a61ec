package dev.crosswalk.translator.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseWriterTest {

    private final StringWriter text = new StringWriter();
    private final SseWriter writer = new SseWriter(text);

    @Test
    void writesTypeIdAndData() throws IOException {
        writer.write(new SseEvent("response.output_text.delta", "{\"delta\":\"Hi\"}", "7"));

        assertThat(text).hasToString("event: response.output_text.delta\nid: 7\ndata: {\"delta\":\"Hi\"}\n\n");
    }

    @Test
    void writesDataOnly() throws IOException {
        writer.write(SseEvent.data("x"));

        assertThat(text).hasToString("data: x\n\n");
    }

    @Test
    void splitsDataOnEveryLineBreakStyle() throws IOException {
        writer.write(SseEvent.data("a\r\nb\rc\nd\n\re"));

        assertThat(text).hasToString("data: a\ndata: b\ndata: c\ndata: d\ndata: \ndata: e\n\n");
    }

    @Test
    void keepsEmptyAndTrailingLines() throws IOException {
        writer.write(SseEvent.data(""));
        writer.write(SseEvent.data("a\n"));

        assertThat(text).hasToString("data: \n\ndata: a\ndata: \n\n");
    }

    @Test
    void writesDone() throws IOException {
        writer.writeDone();

        assertThat(text).hasToString("data: [DONE]\n\n");
    }

    @Test
    void writesComments() throws IOException {
        writer.comment("keep-alive");
        writer.comment("two\nlines");

        assertThat(text).hasToString(": keep-alive\n\n: two\n: lines\n\n");
    }

    @Test
    void flushesEveryEventToTheStream() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SseWriter sse = new SseWriter(new BufferedOutputStream(bytes, 1 << 16));

        sse.write(SseEvent.of("e", "€😀"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("event: e\ndata: €😀\n\n");

        sse.comment("ping");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith(": ping\n\n");

        sse.writeDone();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("data: [DONE]\n\n");
    }

    @Test
    void encodesUtf8() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new SseWriter(bytes).write(SseEvent.data("é中😀"));

        assertThat(bytes.toByteArray()).isEqualTo("data: é中😀\n\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsLineBreaksInTheTypeAndWritesNothing() {
        assertThatThrownBy(() -> writer.write(SseEvent.of("a\nb", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(SseEvent.of("a\rb", "x"))).isInstanceOf(IllegalArgumentException.class);

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void rejectsLineBreaksAndNulInTheId() {
        assertThatThrownBy(() -> writer.write(new SseEvent(null, "x", "1\n2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(new SseEvent(null, "x", "1\0"))).isInstanceOf(IllegalArgumentException.class);

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void rejectsUnpairedSurrogates() {
        assertThatThrownBy(() -> writer.write(SseEvent.data("a\uD83D"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(SseEvent.data("\uDE00a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.comment("\uD83D\uD83D")).isInstanceOf(IllegalArgumentException.class);

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void closeClosesTheStream() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new SseWriter(bytes).close();

        assertThat(closed[0]).isTrue();
    }
}
