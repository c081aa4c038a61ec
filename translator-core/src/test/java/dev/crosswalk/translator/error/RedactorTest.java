package dev.crosswalk.translator.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RedactorTest {
    /** Not shaped like any provider's key: only the exact-secret rule can catch it. */
    private static final String KEY = "Zq7tY2uV9wX4";
    private final Redactor redactor = Redactor.of(KEY);

    @Test
    void masksExactSecretsOfAnyShapeAndLength() {
        assertThat(redactor.redact("key " + KEY + " rejected")).isEqualTo("key *** rejected");
        assertThat(Redactor.of("k9").redact("ak9b")).isEqualTo("a***b");
        assertThat(redactor.redact((String) null)).isNull();
    }

    @Test
    void masksKeyShapedTokensAndCredentialBearers() {
        assertThat(redactor.redact("Incorrect API key provided: sk-proj-abc123DEF456.")).isEqualTo("Incorrect API key provided: sk-***.");
        assertThat(redactor.redact("rk_live_0123456789 and pk-12345678abc")).isEqualTo("rk_***" + " and pk-***");
        assertThat(redactor.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc")).isEqualTo("Authorization: Bearer ***");
    }

    @Test
    void leavesPlaceholdersAndProseAlone() {
        for (String harmless : List.of("Bearer YOUR_KEY", "Authorization: Bearer <token>", "set Bearer YOUR_OPENAI_API_KEY_HERE",
                "ask-me-anything", "the desk-lamp", "disk-usage-report", "sk-short")) {
            assertThat(redactor.redact(harmless)).as(harmless).isEqualTo(harmless);
        }
    }

    @Test
    void masksEveryMemberOfAnError() {
        OpenAiError hostile = new OpenAiError("bad key " + KEY, "auth:" + KEY, KEY, "code_" + KEY,
                Map.of("debug", Map.of("auth", "Bearer " + KEY, KEY, List.of(KEY, 1, true))));
        OpenAiError safe = redactor.redact(hostile);
        assertThat(safe.toString()).doesNotContain(KEY);
        assertThat(safe.type()).isEqualTo("auth:***");
        assertThat(safe.extra()).isEqualTo(Map.of("debug", Map.of("auth", "Bearer ***", "***", List.of("***", 1, true))));
    }

    @Test
    void masksBeforeCutting() {
        String body = "x".repeat(295) + KEY + " tail";
        String cut = redactor.redactAndTruncate(body, 300);
        assertThat(cut).doesNotContain(KEY.substring(0, 5)).startsWith("x".repeat(295) + "***");
    }

    @Test
    void headersWithCredentialsAreMaskedWhole() {
        assertThat(redactor.redactHeader("Authorization", "Bearer YOUR_KEY")).isEqualTo("***");
        assertThat(redactor.redactHeader("openai-organization", "org-" + KEY)).isEqualTo("org-***");
        assertThat(redactor.redactHeader("x-ratelimit-limit-requests", "60")).isEqualTo("60");
    }

    @Test
    void streamsMaskSecretsSplitAcrossChunks() {
        String body = "data: {\"error\":\"" + KEY + "\"}\n\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Redactor.Stream s = redactor.stream(false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(s.feed(bytes, 0, cut));
            out.writeBytes(s.feed(bytes, cut, bytes.length - cut));
            out.writeBytes(s.finish());
            assertThat(out.toString(StandardCharsets.UTF_8)).as("cut at " + cut).isEqualTo("data: {\"error\":\"***\"}\n\n");
        }
    }

    @Test
    void jsonStreamsSeeEscapedSecrets() {
        String escaped = "{\"m\":\"\\u" + String.format("%04x", (int) KEY.charAt(0)) + KEY.substring(1) + "\",\"u\":\"a\\/b\\\\u0041\"}";
        byte[] out = redactor.redact(escaped.getBytes(StandardCharsets.UTF_8), true);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"m\":\"***\",\"u\":\"a/b\\\\u0041\"}");
        // The same bytes read as plain text are not JSON: escapes are left as they are.
        assertThat(new String(redactor.redact(escaped.getBytes(StandardCharsets.UTF_8), false), StandardCharsets.UTF_8))
                .isEqualTo(escaped);
    }

    @Test
    void aFinishedSseFrameIsReleasedAtOnce() {
        Redactor.Stream s = redactor.stream(true);
        byte[] frame = "data: {\"delta\":\"hello\"}\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(s.passesUnchanged(frame, 0, frame.length)).isTrue();
        assertThat(s.feed(frame)).isEqualTo(frame);
        byte[] key = ("data: {\"delta\":\"" + KEY + "\"}\n\n").getBytes(StandardCharsets.UTF_8);
        assertThat(s.passesUnchanged(key, 0, key.length)).isFalse();
        byte[] open = "data: {\"delta\":\"hello".getBytes(StandardCharsets.UTF_8);
        assertThat(s.passesUnchanged(open, 0, open.length)).isFalse();
    }

    @Test
    void holdsBackABoundedTailEvenWithoutBreaks() {
        Redactor.Stream s = redactor.stream(false);
        long in = 0;
        long out = 0;
        byte[] chunk = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIz".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10_000; i++) {
            in += chunk.length;
            out += s.feed(chunk).length;
            assertThat(in - out).isLessThan(600);
        }
        assertThat(out + s.finish().length).isEqualTo(in);
    }

    @Test
    void aKeyLongerThanTheWindowIsMaskedWithItsTail() {
        String key = "sk-" + "a1".repeat(2000);
        byte[] bytes = ("x " + key + " y").getBytes(StandardCharsets.US_ASCII);
        Redactor.Stream s = redactor.stream(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += 100) {
            out.writeBytes(s.feed(bytes, i, Math.min(100, bytes.length - i)));
        }
        out.writeBytes(s.finish());
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("x sk-*** y");
    }

    /** Property: however a body is chunked, the stream's output equals the whole body redacted, and holds no secret. */
    @Test
    void chunkingNeverChangesTheResult() {
        String[] words = {KEY, "sk-test-0123456789", "Bearer abcdefghij0123456789", "Bearer YOUR_KEY", "hello", " ", "\n",
                "\"", ":", "é", "data: ", "{", "}", "\\u0041", "x", "9", "-", "."};
        for (long seed = 1; seed <= 300; seed++) {
            Random rnd = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int i = rnd.nextInt(80); i >= 0; i--) {
                text.append(words[rnd.nextInt(words.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            byte[] whole = redactor.redact(text.toString()).getBytes(StandardCharsets.UTF_8);
            Redactor.Stream s = redactor.stream(false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + rnd.nextInt(12));
                out.writeBytes(s.feed(bytes, at, n));
                at += n;
            }
            out.writeBytes(s.finish());
            String result = out.toString(StandardCharsets.UTF_8);
            assertThat(result).as("seed " + seed).isEqualTo(new String(whole, StandardCharsets.UTF_8)).doesNotContain(KEY);
        }
    }

    /** A whole body: the same array back when nothing is masked (no copy), else what the stream gives. */
    @Test
    void wholeBodiesAreMaskedLikeAStreamAndCleanOnesAreNotCopied() {
        byte[] clean = "{\"text\":\"hello \\\"world\\\" \\u0007 \\\\u0041\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(redactor.redact(clean, true)).isSameAs(clean);
        String[] words = {KEY, "sk-test-0123456789", "Bearer abcdefghij0123456789", "Bearer YOUR_KEY", "hello", " ", "\\u0041",
                "\\/", "\\\\", "\\\"", "é", "x", "9", "-"};
        for (long seed = 1; seed <= 300; seed++) {
            Random rnd = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int i = rnd.nextInt(40); i >= 0; i--) {
                text.append(words[rnd.nextInt(words.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            for (boolean json : new boolean[] {true, false}) {
                Redactor.Stream s = redactor.stream(json);
                ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                streamed.writeBytes(s.feed(bytes));
                streamed.writeBytes(s.finish());
                assertThat(new String(redactor.redact(bytes, json), StandardCharsets.UTF_8)).as("seed " + seed + " json " + json)
                        .isEqualTo(streamed.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Property: the stream's quick scan (a chunk with nothing that could start a match is passed on without the
     * regular expression) gives the same bytes as the expression on every chunk, for text and JSON, however the body
     * is chunked; and a JSON body gives the same bytes chunked as whole.
     */
    @Test
    void theQuickScanAgreesWithTheExpression() {
        Redactor two = Redactor.of(KEY, "s3cr\"et/\u00e9");
        String[] words = {KEY, "sk-test-0123456789", "xai_ABCDEFGH1234", "gsk_abcdefgh99", "Bearer abcdefghij0123456789",
                "BEARER\t0123456789abcdefXYZ", "Bearer YOUR_KEY", "bearer", "hello", " ", "\t", "\n", "\"", ":", "é", "data: ",
                "{", "}", "\\u0041", "\\u0073k-proj-12345678", "\\/", "\\\\", "\\\"", "\\u00e9", "\\u0000", "\\ud83d",
                "\\", "\\u00", "s3cr\"et/é", "s3cr\\\"et\\/\\u00e9", "x", "9", "-", "_", ".", "sk", "k-", "ask-me", "s"};
        for (long seed = 1; seed <= 500; seed++) {
            Random rnd = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int i = rnd.nextInt(120); i >= 0; i--) {
                text.append(words[rnd.nextInt(words.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            for (boolean json : new boolean[] {false, true}) {
                int maxChunk = 1 + rnd.nextInt(40);
                String quick = streamed(two.stream(json), bytes, new Random(seed), maxChunk);
                String regex = streamed(two.streamWithoutPrefilter(json), bytes, new Random(seed), maxChunk);
                String whole = streamed(two.streamWithoutPrefilter(json), bytes, new Random(seed), Integer.MAX_VALUE);
                assertThat(quick).as("seed %d json %s", seed, json).isEqualTo(regex).isEqualTo(whole).doesNotContain(KEY);
            }
        }
    }

    private static String streamed(Redactor.Stream s, byte[] bytes, Random rnd, int maxChunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int n = maxChunk == Integer.MAX_VALUE ? bytes.length : Math.min(bytes.length - at, 1 + rnd.nextInt(maxChunk));
            // A chunk inside a larger array, as the bridge hands over a Netty buffer's backing array.
            byte[] padded = new byte[n + 7];
            System.arraycopy(bytes, at, padded, 3, n);
            if (rnd.nextBoolean() && s.passesUnchanged(padded, 3, n)) {
                out.write(padded, 3, n); // the caller sends the chunk itself
            } else {
                out.writeBytes(s.feed(padded, 3, n));
            }
            at += n;
        }
        out.writeBytes(s.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void toStringRevealsNothing() {
        assertThat(redactor.toString()).doesNotContain(KEY).isEqualTo("Redactor[1 secrets]");
    }
}
