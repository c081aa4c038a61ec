package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The usage tap reads the last {@code "usage"} object of an answer from its last {@value UsageTap#TAIL} bytes, whether
 * the answer fit in its ring (read in place) or wrapped it (rotated first), however the bytes were split.
 */
class UsageTapTest {
    private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m-1\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"},\"finish_reason\":null}],\"usage\":null}\n\n";

    private static String stream(int chunks, long in, long out) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            s.append(CHUNK);
        }
        s.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m-2\",\"choices\":[],\"usage\":")
                .append("{\"prompt_tokens\":").append(in).append(",\"completion_tokens\":").append(out).append(",\"total_tokens\":")
                .append(in + out).append("}}\n\ndata: [DONE]\n\n");
        return s.toString();
    }

    private static UsageTap.Usage tap(byte[] bytes, Random random, boolean asBuffers) {
        UsageTap tap = new UsageTap();
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(700));
            byte[] piece = java.util.Arrays.copyOfRange(bytes, at, at + n);
            if (asBuffers) {
                tap.accept(Unpooled.wrappedBuffer(piece));
            } else {
                tap.accept(piece);
            }
            at += n;
        }
        return tap.usage(true);
    }

    @Test
    void findsTheLastUsageWhetherTheAnswerFitsTheRingOrWrapsIt() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // From a few chunks (well under the ring) to many (several times around it).
        for (int chunks : new int[] {0, 1, 10, 100, 120, 130, 500, 2000}) {
            for (boolean buffers : new boolean[] {false, true}) {
                long in = random.nextInt(100_000);
                long out = random.nextInt(100_000);
                byte[] bytes = stream(chunks, in, out).getBytes(StandardCharsets.UTF_8);
                assertThat(tap(bytes, random, buffers)).as("seed %d, %d chunks (%d bytes), buffers %s", seed, chunks, bytes.length, buffers)
                        .isEqualTo(new UsageTap.Usage(in, out, "m-2"));
            }
        }
    }

    @Test
    void aUsageThatLeftTheTailIsNotReported() {
        // The usage object, then more than a ring's worth of bytes without one: nothing to report.
        String body = stream(0, 5, 7) + CHUNK.repeat(UsageTap.TAIL / CHUNK.length() + 2);
        assertThat(tap(body.getBytes(StandardCharsets.UTF_8), new Random(1), false)).isNull();
    }

    @Test
    void anAnswerWithoutUsageHasNone() {
        assertThat(tap(CHUNK.repeat(3).getBytes(StandardCharsets.UTF_8), new Random(2), false)).isNull();
        assertThat(new UsageTap().usage(true)).isNull();
    }
}
