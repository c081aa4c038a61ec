package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streamed rename of a passed-through answer's {@code model}: exactly the top-level {@code model} and
 * {@code response.model} change, whatever else the JSON holds and however the bytes are split.
 */
class ModelRewriteTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCompletionGetsTheAliasAndNothingElseChanges() {
        String in = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"model\\\":\\\"deepseek-chat\\\"}\",\"model\":\"x\"}}],"
                + "\"usage\":{\"model\":\"y\"}}";
        String want = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"fast\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"model\\\":\\\"deepseek-chat\\\"}\",\"model\":\"x\"}}],"
                + "\"usage\":{\"model\":\"y\"}}";
        ModelRewrite rewrite = ModelRewrite.of("fast", false);
        assertThat(text(rewrite.feed(bytes(in)))).isEqualTo(want);
        assertThat(rewrite.replaced()).isEqualTo("deepseek-chat");
    }

    @Test
    void whitespaceEscapesAndAnAliasThatNeedsEscapingAreHandled() {
        String in = "{ \"object\" : \"x\" ,\n  \"model\" :\t\"deep\\\"seek\\\\\" , \"n\": null}";
        String want = "{ \"object\" : \"x\" ,\n  \"model\" :\t\"f\\\"a\\\\st\\n\" , \"n\": null}";
        ModelRewrite rewrite = ModelRewrite.of("f\"a\\st\n", false);
        assertThat(text(rewrite.feed(bytes(in)))).isEqualTo(want);
        assertThat(rewrite.replaced()).isEqualTo("deep\\\"seek\\\\");
    }

    @Test
    void theReplacedValueIsKeptUpTo128BytesWhereverTheBuffersSplit() {
        String model = "m\\\"" + "x".repeat(150);
        String in = "data: {\"id\":\"c\",\"model\":\"" + model + "\",\"n\":1}\n\ndata: {\"model\":\"second\"}\n\n";
        String want = "data: {\"id\":\"c\",\"model\":\"fast\",\"n\":1}\n\ndata: {\"model\":\"fast\"}\n\n";
        byte[] all = bytes(in);
        for (int cut = 0; cut <= all.length; cut++) {
            ModelRewrite split = ModelRewrite.of("fast", true);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.writeBytes(split.feed(java.util.Arrays.copyOfRange(all, 0, cut)));
            joined.writeBytes(split.feed(java.util.Arrays.copyOfRange(all, cut, all.length)));
            assertThat(text(joined.toByteArray())).as("split at " + cut).isEqualTo(want);
            assertThat(split.replaced()).as("split at " + cut).isEqualTo(model.substring(0, 128));
        }
    }

    @Test
    void aModelThatIsNotAStringOrNotAtTheTopIsLeftAlone() {
        for (String in : List.of("{\"model\":null,\"a\":1}", "{\"model\":{\"model\":\"m\"}}", "[{\"model\":\"m\"}]",
                "{\"a\":{\"model\":\"m\"}}", "{\"modelx\":\"m\",\"xmodel\":\"m\",\"mode\":\"m\"}", "not json \"model\":\"m\"",
                "{\"items\":[\"model\",\"m\"]}", "{\"a\":\"model\",\"b\":\"m\"}")) {
            assertThat(text(ModelRewrite.of("fast", false).feed(bytes(in)))).as(in).isEqualTo(in);
        }
    }

    @Test
    void chatChunksInAnSseStreamEachGetTheAlias() {
        String in = ": keep-alive {\"model\":\"m\"}\n\n"
                + "data: {\"id\":\"c\",\"model\":\"deepseek-chat\",\"choices\":[{\"delta\":{\"content\":\"\\\"model\\\":\\\"x\\\"\"}}]}\n\n"
                + "event: message\r\nid: 7\r\ndata: {\"id\":\"c\",\"model\":\"deepseek-chat\",\"choices\":[]}\r\n\r\n"
                + "data: [DONE]\n\n";
        String want = ": keep-alive {\"model\":\"m\"}\n\n"
                + "data: {\"id\":\"c\",\"model\":\"fast\",\"choices\":[{\"delta\":{\"content\":\"\\\"model\\\":\\\"x\\\"\"}}]}\n\n"
                + "event: message\r\nid: 7\r\ndata: {\"id\":\"c\",\"model\":\"fast\",\"choices\":[]}\r\n\r\n"
                + "data: [DONE]\n\n";
        assertSplitsAgree(in, want, true);
    }

    @Test
    void responsesEventsGetTheAliasInTheirResponseSnapshotOnly() {
        String in = "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\","
                + "\"output\":[{\"model\":\"m\"}],\"model\":\"gpt-5-2025-08-07\",\"metadata\":{\"model\":\"m\"}}}\n\n"
                + "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"item\":{\"model\":\"m\"},"
                + "\"response\":\"model\"}\n\n"
                + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"model\":\"gpt-5-2025-08-07\"}}\n\n";
        String want = in.replace("\"model\":\"gpt-5-2025-08-07\"", "\"model\":\"smart\"");
        assertThat(want).isNotEqualTo(in);
        assertSplitsAgree(in, want, true, "smart");
    }

    @Test
    void aDataFieldSplitOverTwoLinesIsOneDocument() {
        String in = "data: {\"id\":\"c\",\ndata: \"model\":\"deepseek-chat\"}\n\ndata: {\"model\":\"x\"}\n\n";
        String want = "data: {\"id\":\"c\",\ndata: \"model\":\"fast\"}\n\ndata: {\"model\":\"fast\"}\n\n";
        assertSplitsAgree(in, want, true);
    }

    /** Random JSON documents: the rewrite agrees with renaming the parsed tree, at every split of the bytes. */
    @Test
    void generatedDocumentsAgreeWithATreeRename() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int n = 0; n < 300; n++) {
            ObjectNode doc = object(random, 0);
            if (random.nextBoolean()) {
                doc.put("model", string(random));
            }
            if (random.nextInt(3) == 0) {
                ObjectNode response = object(random, 1);
                response.put("model", string(random));
                doc.set("response", response);
            }
            String in = JSON.writeValueAsString(doc);
            ObjectNode expected = doc.deepCopy();
            if (expected.has("model") && expected.get("model").isString()) {
                expected.put("model", "al\"ias");
            }
            if (expected.get("response") instanceof ObjectNode r && r.has("model") && r.get("model").isString()) {
                r.put("model", "al\"ias");
            }
            boolean sse = random.nextBoolean();
            String framed = sse ? "data: " + in + "\n\n" : in;
            byte[] whole = ModelRewrite.of("al\"ias", sse).feed(bytes(framed));
            String out = text(whole);
            JsonNode parsed = JSON.readTree(sse ? out.substring("data: ".length(), out.length() - 2) : out);
            assertThat(parsed).as("seed " + seed + ", document " + n + ": " + in).isEqualTo(expected);
            int cut = random.nextInt(framed.length() + 1);
            ModelRewrite split = ModelRewrite.of("al\"ias", sse);
            byte[] all = bytes(framed);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.writeBytes(split.feed(java.util.Arrays.copyOfRange(all, 0, cut)));
            joined.writeBytes(split.feed(java.util.Arrays.copyOfRange(all, cut, all.length)));
            assertThat(text(joined.toByteArray())).as("seed " + seed + ", split at " + cut + ": " + framed).isEqualTo(out);
        }
    }

    private static ObjectNode object(Random random, int depth) {
        ObjectNode node = JSON.createObjectNode();
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            String name = random.nextInt(4) == 0 ? "model" : random.nextInt(5) == 0 ? "response" : "k" + random.nextInt(100);
            switch (depth > 3 ? random.nextInt(3) : random.nextInt(6)) {
                case 0 -> node.put(name, string(random));
                case 1 -> node.put(name, random.nextInt());
                case 2 -> node.putNull(name);
                case 3 -> node.set(name, object(random, depth + 1));
                case 4 -> node.putArray(name).add(object(random, depth + 1)).add(string(random)).add(random.nextBoolean());
                default -> node.put(name, "{\"model\":\"" + string(random) + "\"}");
            }
        }
        return node;
    }

    private static String string(Random random) {
        String[] parts = {"a", "model", "\"", "\\", "é", "\n", "{", "}", "[", ":", ",", "data: ", "\u0001", "😀"};
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            s.append(parts[random.nextInt(parts.length)]);
        }
        return s.toString();
    }

    private static void assertSplitsAgree(String in, String want, boolean sse) {
        assertSplitsAgree(in, want, sse, "fast");
    }

    /** Whole, byte by byte, and split at every position: the same output. */
    private static void assertSplitsAgree(String in, String want, boolean sse, String alias) {
        byte[] all = bytes(in);
        assertThat(text(ModelRewrite.of(alias, sse).feed(all))).isEqualTo(want);
        ModelRewrite single = ModelRewrite.of(alias, sse);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : all) {
            out.writeBytes(single.feed(new byte[] {b}));
        }
        assertThat(text(out.toByteArray())).as("byte by byte").isEqualTo(want);
        for (int cut = 0; cut <= all.length; cut++) {
            ModelRewrite split = ModelRewrite.of(alias, sse);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.writeBytes(split.feed(java.util.Arrays.copyOfRange(all, 0, cut)));
            joined.writeBytes(split.feed(java.util.Arrays.copyOfRange(all, cut, all.length)));
            assertThat(text(joined.toByteArray())).as("split at " + cut).isEqualTo(want);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
