package dev.crosswalk.translator.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bounded memory and strict UTF-8. */
class SseParserLimitsTest {

    private static final int LIMIT = 1024;

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(LIMIT, events::add);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void feed(byte[] bytes) {
        parser.feed(bytes, 0, bytes.length);
    }

    /** Feeds {@code piece} repeatedly, up to 10x the limit; returns how many bytes went in before the throw. */
    private long feedUntilRejected(byte[] piece) {
        long fed = 0;
        while (fed < 10L * LIMIT) {
            try {
                feed(piece);
            } catch (SseLimitExceededException e) {
                assertThat(e).hasMessageContaining(String.valueOf(LIMIT)).hasMessageContaining("too large");
                assertThat(e.limitBytes()).isEqualTo(LIMIT);
                return fed;
            }
            fed += piece.length;
        }
        throw new AssertionError("no SseLimitExceededException after feeding " + fed + " bytes");
    }

    @Test
    void defaults() {
        assertThat(SseParser.DEFAULT_MAX_EVENT_BYTES).isEqualTo(8 * 1024 * 1024);
        assertThat(new SseParser(events::add).maxEventBytes()).isEqualTo(SseParser.DEFAULT_MAX_EVENT_BYTES);
        assertThat(parser.maxEventBytes()).isEqualTo(LIMIT);
        assertThatThrownBy(() -> new SseParser(0, events::add)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventOfManySmallLinesLargerThanTheLimitThrows() {
        byte[] line = utf8("data: " + "x".repeat(93) + "\n"); // 100 bytes

        long fed = feedUntilRejected(line);

        assertThat(fed).isLessThanOrEqualTo(LIMIT);
        assertThat(events).isEmpty();
    }

    @Test
    void hugeLineWithoutLineBreakThrowsBeforeMuchMoreThanTheLimitIsBuffered() {
        byte[] piece = utf8("x".repeat(64));
        feed(utf8("data: "));

        long fed = feedUntilRejected(piece);

        assertThat(fed).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void hugeChunkWithoutLineBreakThrows() {
        assertThatThrownBy(() -> feed(utf8("data: " + "x".repeat(10 * LIMIT))))
                .isInstanceOf(SseLimitExceededException.class);
    }

    @Test
    void hugeLineInsideOneChunkThrows() {
        assertThatThrownBy(() -> feed(utf8("data: " + "x".repeat(2 * LIMIT) + "\n\n")))
                .isInstanceOf(SseLimitExceededException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() {
        String atLimit = "data: " + "x".repeat(LIMIT - 6);
        feed(utf8(atLimit.substring(0, 500)));
        feed(utf8(atLimit.substring(500) + "\n\n"));

        assertThat(events).containsExactly(SseEvent.data("x".repeat(LIMIT - 6)));

        assertThatThrownBy(() -> feed(utf8(atLimit + "x\n\n"))).isInstanceOf(SseLimitExceededException.class);
    }

    @Test
    void theLimitCountsBytesNotChars() {
        String euros = "€".repeat(400); // 1200 bytes in 400 chars

        assertThatThrownBy(() -> feed(utf8("data: " + euros + "\n\n"))).isInstanceOf(SseLimitExceededException.class);
    }

    @Test
    void theLimitIsPerEvent() {
        byte[] event = utf8("data: " + "x".repeat(300) + "\n\n");
        for (int i = 0; i < 20; i++) {
            feed(event);
        }

        assertThat(events).hasSize(20);
    }

    @Test
    void commentsDoNotCountTowardsTheEvent() {
        byte[] comment = utf8(": " + "k".repeat(98) + "\n");
        for (int i = 0; i < 50; i++) {
            feed(comment);
        }
        feed(utf8("data: x\n\n"));

        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void feedLineAppliesTheLimit() {
        assertThatThrownBy(() -> parser.feedLine("data: " + "x".repeat(LIMIT)))
                .isInstanceOf(SseLimitExceededException.class);
    }

    @Test
    void parserIsFailedAfterExceedingTheLimit() {
        assertThatThrownBy(() -> feed(utf8("x".repeat(LIMIT + 1)))).isInstanceOf(SseLimitExceededException.class);

        assertThatThrownBy(() -> feed(utf8("\n\ndata: x\n\n"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(parser::finish).isInstanceOf(IllegalStateException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void invalidByteIsAFormatErrorNamingTheLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("data: ok\n\ndata: b"));
        bytes.write(0xFF);
        bytes.writeBytes(utf8("d\n\n"));

        SseFormatException e = catchThrowableOfType(SseFormatException.class, () -> feed(bytes.toByteArray()));

        assertThat(e).hasMessageContaining("UTF-8").hasMessageContaining("line 3").hasMessageContaining("byte 8");
        assertThat(e.lineNumber()).isEqualTo(3);
        assertThat(events).containsExactly(SseEvent.data("ok"));
    }

    @Test
    void truncatedSequenceBeforeLineBreakIsAFormatError() {
        byte[] euro = utf8("€");

        assertThatThrownBy(() -> feed(new byte[] {'d', 'a', 't', 'a', ':', euro[0], euro[1], '\n'}))
                .isInstanceOf(SseFormatException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void truncatedSequenceAtEndOfInputIsAFormatErrorOnFinish() {
        byte[] smile = utf8("😀");
        feed(utf8("data: x\ndata: "));
        parser.feed(smile, 0, 3);

        assertThatThrownBy(parser::finish).isInstanceOf(SseFormatException.class).hasMessageContaining("line 2");
        assertThat(events).isEmpty();
    }

    @Test
    void overlongEncodingIsAFormatError() {
        assertThatThrownBy(() -> feed(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xC0, (byte) 0xAF, '\n'}))
                .isInstanceOf(SseFormatException.class);
    }

    @Test
    void encodedSurrogateIsAFormatError() {
        assertThatThrownBy(() -> feed(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}))
                .isInstanceOf(SseFormatException.class);
    }

    @Test
    void malformedCommentIsAFormatErrorToo() {
        assertThatThrownBy(() -> feed(new byte[] {':', (byte) 0x80, '\n'})).isInstanceOf(SseFormatException.class);
    }

    @Test
    void parserIsFailedAfterAFormatError() {
        assertThatThrownBy(() -> feed(new byte[] {(byte) 0xFE, '\n'})).isInstanceOf(SseFormatException.class);

        assertThatThrownBy(() -> feed(utf8("data: x\n\n"))).isInstanceOf(IllegalStateException.class);
    }
}
