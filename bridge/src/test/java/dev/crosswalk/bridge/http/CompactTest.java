package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.seal.Sealer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/responses/compact}: the compliance suite's two compaction checks (a compacted response of the spec's
 * shape; 400 without a model) over a Chat and a Responses upstream, and the seal around the summary: round trip into
 * a later request, tampering, a foreign key, key rotation, two bridge instances sharing one key.
 */
class CompactTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static final String KEY_A = "0123456789abcdef0123456789abcdef-key-a";
    static final String KEY_B = "fedcba9876543210fedcba9876543210-key-b";

    static FakeOpenAi chat;
    static FakeOpenAi responses;
    static BridgeServer bridge;

    @BeforeAll
    static void start() {
        chat = kit.chatModel();
        responses = kit.responsesModel();
        bridge = withSealer(Sealer.of(KEY_A));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        chat.close();
        responses.close();
    }

    static BridgeServer withSealer(Sealer sealer) {
        return Bridges.start(chat, WireApi.CHAT_COMPLETIONS, b -> b.translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).sealer(sealer).build()));
    }

    static List<Object> conversation() {
        return List.of(Json.map("type", "message", "role", "user", "content", "My name is Alice; I am moving to Lyon."),
                Json.map("type", "message", "role", "assistant", "content", "Noted, Alice."),
                Json.map("type", "message", "role", "user", "content", "Remind me to book movers."));
    }

    static Map<String, Object> compact(BridgeServer on) {
        TestClient.Reply reply = TestClient.of(on, kit).post("/v1/responses/compact", Json.map("model", "gpt-test", "input", conversation()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** A follow-up request whose input is the compacted output plus one more user message. */
    static TestClient.Reply continueWith(BridgeServer on, List<Object> compactedOutput) {
        List<Object> input = new ArrayList<>(compactedOutput);
        input.add(Json.map("type", "message", "role", "user", "content", "What should I do next?"));
        return TestClient.of(on, kit).post("/v1/responses", Json.map("model", "gpt-test", "input", input));
    }

    static Map<String, Object> compactionItem(Map<String, Object> compacted) {
        List<Object> output = Json.list(compacted, "output");
        return Json.obj(Json.write(output.get(output.size() - 1)));
    }

    @Test
    void compactReturnsTheSpecsCompactedResponseOverChat() {
        Map<String, Object> compacted = compact(bridge);

        assertThat(compacted).containsKeys("id", "object", "output", "created_at", "usage");
        // Every output item is a full item (the public suite validates the kept messages as Message items).
        assertThat(ResponsesSchema.compacted(compacted)).isEmpty();
        assertThat(Json.list(compacted, "output").get(0)).isInstanceOfSatisfying(Map.class, m -> assertThat(Json.str(m, "content[0].type"))
                .isEqualTo("input_text"));
        assertThat(compacted.get("object")).isEqualTo("response.compaction");
        assertThat(Json.at(compacted, "usage.total_tokens")).isNotNull();
        Map<String, Object> item = compactionItem(compacted);
        assertThat(item.get("type")).isEqualTo("compaction");
        assertThat(Json.str(item, "id")).startsWith("cmp_");
        assertThat(Json.str(item, "encrypted_content")).startsWith("cw1.").doesNotContain("Alice");
        // The user messages are kept as they were; the assistant's are folded into the summary.
        assertThat(Json.list(compacted, "output")).hasSize(3);
        // The upstream summarised the conversation with the documented prompt as the last message.
        List<Object> sent = Json.list(chat.last().json(), "messages");
        assertThat(Json.str(sent.get(sent.size() - 1), "content")).isEqualTo(Compactions.DEFAULT_PROMPT);
        assertThat(sent).hasSize(4);
    }

    @Test
    void compactWithoutAModelIs400() {
        TestClient.Reply reply = TestClient.of(bridge, kit).post("/v1/responses/compact", Json.map("input", conversation()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Json.str(reply.json(), "error.param")).isEqualTo("model");
        assertThat(Json.str(reply.json(), "error.type")).isEqualTo("invalid_request_error");
    }

    @Test
    void compactOverAResponsesUpstreamPassesThrough() {
        try (BridgeServer over = Bridges.start(responses, WireApi.RESPONSES)) {
            TestClient.Reply reply = TestClient.of(over, kit).post("/v1/responses/compact", Json.map("model", "gpt-test", "input", "hi"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(Json.str(compactionItem(reply.json()), "encrypted_content")).isEqualTo("gAAAA-upstream-opaque");
            assertThat(responses.last().uri()).isEqualTo("/v1/responses/compact");

            TestClient.Reply noModel = TestClient.of(over, kit).post("/v1/responses/compact", Json.map("input", "hi"));
            assertThat(noModel.status()).isEqualTo(400);
        }
    }

    @Test
    void theSealedSummaryComesBackAsContext() {
        Map<String, Object> compacted = compact(bridge);

        TestClient.Reply reply = continueWith(bridge, Json.list(compacted, "output"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String sent = Json.write(Json.list(chat.last().json(), "messages"));
        assertThat(sent).contains(Compactions.SUMMARY_PREFIX.strip()).contains("Echo: You are performing a context checkpoint compaction");
        assertThat(sent).doesNotContain("cw1.");
    }

    @Test
    void aTamperedItemIs400NamingItsPath() {
        Map<String, Object> compacted = compact(bridge);
        List<Object> output = new ArrayList<>(Json.list(compacted, "output"));
        Map<String, Object> item = compactionItem(compacted);
        String blob = Json.str(item, "encrypted_content");
        char last = blob.charAt(blob.length() - 2);
        item.put("encrypted_content", blob.substring(0, blob.length() - 2) + (last == 'A' ? 'B' : 'A') + blob.charAt(blob.length() - 1));
        output.set(output.size() - 1, item);

        TestClient.Reply reply = continueWith(bridge, output);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Json.str(reply.json(), "error.param")).isEqualTo("input[" + (output.size() - 1) + "].encrypted_content");
        assertThat(Json.str(reply.json(), "error.code")).isEqualTo("invalid_encrypted_content");
        assertThat(Json.str(reply.json(), "error.message")).contains("modified");
    }

    @Test
    void anItemSealedWithAnotherKeyIs400() {
        try (BridgeServer other = withSealer(Sealer.of(KEY_B))) {
            Map<String, Object> compacted = compact(bridge);
            TestClient.Reply reply = continueWith(other, Json.list(compacted, "output"));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(Json.str(reply.json(), "error.message")).contains("key this bridge does not hold");
        }
    }

    @Test
    void twoInstancesSharingOneKeyOpenEachOthersItems() {
        try (BridgeServer twin = withSealer(Sealer.of(KEY_A))) {
            Map<String, Object> compacted = compact(bridge);

            assertThat(continueWith(twin, Json.list(compacted, "output")).status()).isEqualTo(200);
        }
    }

    @Test
    void afterARotationTheOldKeyStillOpensWhatItSealed() {
        try (BridgeServer rotated = withSealer(Sealer.of(KEY_B, KEY_A))) {
            Map<String, Object> compacted = compact(bridge);

            assertThat(continueWith(rotated, Json.list(compacted, "output")).status()).isEqualTo(200);
            // Items the rotated bridge seals are opened by the new key alone.
            Map<String, Object> fresh = compact(rotated);
            try (BridgeServer onlyNew = withSealer(Sealer.of(KEY_B))) {
                assertThat(continueWith(onlyNew, Json.list(fresh, "output")).status()).isEqualTo(200);
                TestClient.Reply old = continueWith(onlyNew, Json.list(compacted, "output"));
                assertThat(old.status()).isEqualTo(400);
                assertThat(Json.str(old.json(), "error.message")).contains("rotated");
            }
        }
    }
}
