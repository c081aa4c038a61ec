package dev.crosswalk.translator.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDeltaEvent;
import dev.crosswalk.translator.responses.events.OutputItemDoneEvent;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JsonCodec#writeTo} writes what {@link JsonCodec#writeBytes} gives, one value after another into the same
 * stream, and leaves the stream open, as it promises (a server writes many events into one network buffer): for a
 * value of the stream fast path and one of the data binder. Each codec closes its generator after the value (Jackson 2's
 * was left open, so every write took new buffers) without closing the stream.
 */
class WriteToTest {
    static Stream<JsonCodec> codecs() {
        return Stream.of(JsonCodec.jackson2(), JsonCodec.jackson3(), new dev.crosswalk.translator.json.jackson2.Jackson2Codec(false),
                new dev.crosswalk.translator.json.jackson3.Jackson3Codec(false));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void writesEachValueAndLeavesTheStreamOpen(JsonCodec codec) {
        List<Object> values = List.of(
                new FunctionCallArgumentsDeltaEvent(7, "fc_1", 1, "{\"a\":", Map.of()),
                new OutputItemDoneEvent(9, 1, new FunctionCallItem("fc_1", "call_1", "f", "{\"a\":1}", "completed", null, Map.of()), Map.of()),
                new FunctionCallArgumentsDeltaEvent(10, "fc_2", 2, "é😀", Map.of()));
        NotingStream target = new NotingStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Object value : values) {
            codec.writeTo(value, target);
            assertThat(target.closed).as("closed by writing %s", value).isFalse();
            expected.writeBytes(codec.writeBytes(value));
        }
        assertThat(target.toByteArray()).isEqualTo(expected.toByteArray());
    }

    /** A stream that notes being closed. */
    private static final class NotingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
