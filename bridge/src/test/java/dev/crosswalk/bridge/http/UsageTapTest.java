package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The usage tap reads the last {@code "usage"} object with numbers of an answer, and the last model it names, however
 * the bytes were split, keeping only what a match still needs between pieces.
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
    void findsTheLastUsageHoweverLongTheAnswer() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // From a few chunks to many (hundreds of KiB).
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
    void aUsageFollowedByChunksWithoutOneIsStillTheAnswers() {
        // The usage object, then more than 16 KiB of chunks whose "usage" is null: those do not hide it.
        String body = stream(0, 5, 7) + CHUNK.repeat(UsageTap.TAIL / CHUNK.length() + 2);
        assertThat(tap(body.getBytes(StandardCharsets.UTF_8), new Random(1), false)).isEqualTo(new UsageTap.Usage(5, 7, "m-1"));
    }

    @Test
    void findsItWhereverTheBytesAreSplit() {
        // Every split of a body into two pieces and into three, the key, the model and the object cut everywhere.
        byte[] body = ("data: {\"model\":\"m-9\",\"usage\" : {\"input_tokens\":12,\"output_tokens\":34,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0}}}\n\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= body.length; i++) {
            for (int j = i; j <= body.length; j++) {
                UsageTap tap = new UsageTap();
                tap.accept(java.util.Arrays.copyOfRange(body, 0, i));
                tap.accept(java.util.Arrays.copyOfRange(body, i, j));
                tap.accept(java.util.Arrays.copyOfRange(body, j, body.length));
                assertThat(tap.usage(true)).as("split at %d and %d", i, j).isEqualTo(new UsageTap.Usage(12, 34, "m-9"));
            }
        }
    }

    @Test
    void escapedKeysInTextAreNotUsage() {
        // A model that writes JSON in its text: the quotes are escaped there, so it is not the answer's usage.
        String text = "data: {\"model\":\"m-1\",\"choices\":[{\"delta\":{\"content\":\"{\\\"usage\\\": {\\\"prompt_tokens\\\":9}}"
                + "\"}}],\"usage\":null}\n\n";
        assertThat(tap(text.getBytes(StandardCharsets.UTF_8), new Random(3), false)).isNull();
        String both = stream(0, 1, 2) + text;
        assertThat(tap(both.getBytes(StandardCharsets.UTF_8), new Random(4), true)).isEqualTo(new UsageTap.Usage(1, 2, "m-1"));
    }

    @Test
    void aValueLongerThanAnyUsageIsSkippedAndTheNextKeyRead() {
        String endless = "{\"usage\":{\"note\":\"" + "x".repeat(UsageTap.TAIL) + "\"";
        String body = endless + ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}";
        assertThat(tap(body.getBytes(StandardCharsets.UTF_8), new Random(5), false)).isEqualTo(new UsageTap.Usage(3, 4, null));
    }

    @Test
    void anAnswerWithoutUsageHasNone() {
        assertThat(tap(CHUNK.repeat(3).getBytes(StandardCharsets.UTF_8), new Random(2), false)).isNull();
        assertThat(new UsageTap().usage(true)).isNull();
    }
}
