package dev.crosswalk.translator.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final SseParser parser = new SseParser(SseParser.DEFAULT_MAX_EVENT_BYTES, events::add, comments::add);

    private void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private void feed(byte... bytes) {
        parser.feed(bytes, 0, bytes.length);
    }

    @Test
    void joinsDataLinesWithLf() {
        feed("data: YHOO\ndata: +2\ndata: 10\n\n");

        assertThat(events).containsExactly(SseEvent.data("YHOO\n+2\n10"));
    }

    @Test
    void eventFieldSetsTheType() {
        feed("event: response.created\ndata: {}\n\n");

        assertThat(events).containsExactly(SseEvent.of("response.created", "{}"));
    }

    @Test
    void typeIsResetAfterDispatch() {
        feed("event: a\ndata: 1\n\ndata: 2\n\n");

        assertThat(events).containsExactly(SseEvent.of("a", "1"), SseEvent.data("2"));
    }

    @Test
    void commentsAreNotEventsButReachTheListener() {
        feed(": keep-alive\n:no space\ndata: x\n:  two spaces\n\n:\n\n");

        assertThat(events).containsExactly(SseEvent.data("x"));
        assertThat(comments).containsExactly("keep-alive", "no space", " two spaces", "");
    }

    @Test
    void commentsAreIgnoredWithoutListener() {
        SseParser plain = new SseParser(events::add);
        byte[] bytes = ": ping\n\ndata: x\n\n".getBytes(StandardCharsets.UTF_8);

        plain.feed(bytes, 0, bytes.length);

        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void lfLineBreaks() {
        feed("event: e\ndata: a\ndata: b\n\n");

        assertThat(events).containsExactly(SseEvent.of("e", "a\nb"));
    }

    @Test
    void crlfLineBreaks() {
        feed("event: e\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n");

        assertThat(events).containsExactly(SseEvent.of("e", "a\nb"), SseEvent.data("c"));
    }

    @Test
    void crLineBreaks() {
        feed("event: e\rdata: a\rdata: b\r\rdata: c\r\r");

        assertThat(events).containsExactly(SseEvent.of("e", "a\nb"), SseEvent.data("c"));
    }

    @Test
    void crAtTheEndOfOneFeedAndLfAtTheStartOfTheNextAreOneLineBreak() {
        feed("data: a\r");
        feed("\ndata: b\r");
        feed("\n");

        assertThat(events).as("LF after CR must not count as a blank line").isEmpty();

        feed("\r");
        feed("\n");

        assertThat(events).containsExactly(SseEvent.data("a\nb"));
    }

    @Test
    void crFollowedByCrInTheNextFeedIsTwoLineBreaks() {
        feed("data: a\r");
        feed("\r");

        assertThat(events).containsExactly(SseEvent.data("a"));
    }

    @Test
    void dataWithoutSpaceAndOnlyOneSpaceRemoved() {
        feed("data:x\n\ndata:  y\n\n");

        assertThat(events).containsExactly(SseEvent.data("x"), SseEvent.data(" y"));
    }

    @Test
    void fieldWithoutColonHasAnEmptyValue() {
        feed("data\n\ndata\ndata\n\nevent\nid\ndata: x\n\n");

        assertThat(events).containsExactly(SseEvent.data(""), SseEvent.data("\n"), new SseEvent("", "x", ""));
    }

    @Test
    void valueMayContainColons() {
        feed("data: {\"a\":\"b:c\"}\n\n");

        assertThat(events).containsExactly(SseEvent.data("{\"a\":\"b:c\"}"));
    }

    @Test
    void idBelongsToItsEventAndIsRememberedAsLastEventId() {
        feed("id: 42\ndata: x\n\ndata: y\n\n");

        assertThat(events).containsExactly(new SseEvent(null, "x", "42"), SseEvent.data("y"));
        assertThat(parser.lastEventId()).isEqualTo("42");
    }

    @Test
    void idContainingNulIsIgnored() {
        feed("id: a\0b\ndata: x\n\n");

        assertThat(events).containsExactly(SseEvent.data("x"));
        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void retryAndUnknownFieldsAreIgnored() {
        feed("retry: 1000\nfoo: bar\nDATA: shouting\ndata: x\n\n");

        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void leadingBomIsSkipped() {
        feed((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        feed("data: x\n\n");

        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void bomSplitAcrossFeedsIsSkipped() {
        feed((byte) 0xEF);
        feed((byte) 0xBB);
        feed((byte) 0xBF, (byte) 'd');
        feed("ata: x\n\n");

        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void onlyTheLeadingBomIsSkipped() {
        feed("\uFEFFdata: x\n\n\uFEFFdata: y\n\ndata: \uFEFFz\n\n");

        assertThat(events).containsExactly(SseEvent.data("x"), SseEvent.data("\uFEFFz"));
    }

    @Test
    void doneSentinel() {
        feed("data: {\"x\":1}\n\ndata: [DONE]\n\n");

        assertThat(events).extracting(SseEvent::isDone).containsExactly(false, true);
        assertThat(events.get(1)).isEqualTo(SseEvent.data(SseEvent.DONE));
    }

    @Test
    void finalEventWithoutBlankLineIsDeliveredOnFinish() {
        feed("data: a\n\ndata: b\n");

        assertThat(events).containsExactly(SseEvent.data("a"));

        parser.finish();

        assertThat(events).containsExactly(SseEvent.data("a"), SseEvent.data("b"));
    }

    @Test
    void trailingLineWithoutLineBreakCountsOnFinish() {
        feed("event: e\ndata: a");

        assertThat(events).isEmpty();

        parser.finish();

        assertThat(events).containsExactly(SseEvent.of("e", "a"));
    }

    @Test
    void eventWithoutDataIsNotDispatchedAndItsFieldsDoNotLeak() {
        feed("event: ping\nid: 7\n\n");

        assertThat(events).isEmpty();

        feed("data: x\n\n");
        feed("event: tail");
        parser.finish();

        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void multiByteCharactersSplitAcrossFeeds() {
        byte[] bytes = "data: é€😀中\n\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            feed(b);
        }

        assertThat(events).containsExactly(SseEvent.data("é€😀中"));
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] bytes = "xxdata: a\n\nyy".getBytes(StandardCharsets.UTF_8);

        parser.feed(bytes, 2, bytes.length - 4);

        assertThat(events).containsExactly(SseEvent.data("a"));
        assertThatThrownBy(() -> parser.feed(bytes, 10, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void feedsHeapDirectAndReadOnlyByteBuffers() {
        byte[] bytes = "data: a\n\ndata: b\n\ndata: c\n\n".getBytes(StandardCharsets.UTF_8);
        ByteBuffer heap = ByteBuffer.wrap(bytes, 0, 9).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(9).put(bytes, 9, 9).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(bytes, 18, 9).asReadOnlyBuffer();

        parser.feed(heap);
        parser.feed(direct);
        parser.feed(readOnly);

        assertThat(events).containsExactly(SseEvent.data("a"), SseEvent.data("b"), SseEvent.data("c"));
        assertThat(heap.hasRemaining()).isFalse();
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(readOnly.hasRemaining()).isFalse();
    }

    @Test
    void feedLineTakesPreSplitLines() {
        parser.feedLine("\uFEFFevent: e");
        parser.feedLine("data: x");
        parser.feedLine(": hi");
        parser.feedLine("");
        parser.feedLine("data: y");
        parser.finish();

        assertThat(events).containsExactly(SseEvent.of("e", "x"), SseEvent.data("y"));
        assertThat(comments).containsExactly("hi");
    }

    @Test
    void feedLineRejectsLineBreaks() {
        assertThatThrownBy(() -> parser.feedLine("data: a\ndata: b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.feedLine("data: a\r")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feedLineRefusesToInterleaveWithAPartialFedLine() {
        feed("data: par");

        assertThatThrownBy(() -> parser.feedLine("tial")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noInputAfterFinish() {
        parser.finish();
        parser.finish();

        assertThatThrownBy(() -> feed("data: x\n\n")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> parser.feedLine("data: x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exceptionFromTheSinkFailsTheParser() {
        SseParser failing = new SseParser(e -> {
            throw new IllegalStateException("sink broke");
        });
        byte[] bytes = "data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> failing.feed(bytes, 0, bytes.length)).hasMessage("sink broke");
        assertThatThrownBy(() -> failing.feed(bytes, 0, bytes.length))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed earlier");
    }

    @Test
    void sseEventHelpers() {
        assertThat(SseEvent.of("t", "d")).isEqualTo(new SseEvent("t", "d", null));
        assertThat(SseEvent.data("d")).isEqualTo(new SseEvent(null, "d", null));
        assertThat(SseEvent.data("[DONE]").isDone()).isTrue();
        assertThat(SseEvent.data("[DONE] ").isDone()).isFalse();
        assertThatThrownBy(() -> SseEvent.data(null)).isInstanceOf(NullPointerException.class);
    }
}
