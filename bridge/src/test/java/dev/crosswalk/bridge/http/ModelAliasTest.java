package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A route that renames the client's model (alias → the upstream's model id) gives the client its alias back in every
 * answer: non-streaming bodies, every chunk, every event's response snapshot; passed through or translated, over a
 * Chat upstream and a Responses upstream. A route without a rename keeps the upstream's model; the access log keeps
 * the upstream's value.
 */
class ModelAliasTest {
    private static final String CHAT_MODEL = "deepseek-chat";
    private static final String RESPONSES_MODEL = "gpt-5-2025-08-07";

    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private BridgeServer start(FakeOpenAi chat, FakeOpenAi responses) {
        return RoutedBridges.start("""
                upstreams:
                  - {name: chatty, url: '%s', api: chat}
                  - {name: resp, url: '%s', api: responses}
                routes:
                  - {model: fast, upstream: chatty, upstreamModel: %s}
                  - {model: smart, upstream: resp, upstreamModel: %s}
                  - {model: "team-*", upstream: chatty, upstreamModel: %s}
                  - {model: plain, upstream: chatty}
                """.formatted(chat.baseUrl(), responses.baseUrl(), CHAT_MODEL, RESPONSES_MODEL, CHAT_MODEL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat", "responses"})
    void aNonStreamingAnswerCarriesTheAliasOverEitherUpstream(String clientProtocol) {
        FakeOpenAi chat = kit.upstream();
        FakeOpenAi responses = kit.upstream();
        try (BridgeServer bridge = start(chat, responses)) {
            TestClient client = TestClient.of(bridge, kit);
            String path = clientProtocol.equals("chat") ? FakeOpenAi.CHAT : FakeOpenAi.RESPONSES;
            for (String alias : List.of("fast", "smart", "team-blue")) {
                boolean overResponses = alias.equals("smart");
                FakeOpenAi served = overResponses ? responses : chat;
                served.enqueue(Reply.json(overResponses ? response() : completion()));
                TestClient.Reply reply = client.post(path, request(clientProtocol, alias, false));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                assertThat(reply.json()).as(alias + " over " + clientProtocol).containsEntry("model", alias);
                String upstreamModel = overResponses ? RESPONSES_MODEL : CHAT_MODEL;
                assertThat(served.last().json()).containsEntry("model", upstreamModel);
                // Nothing else is renamed: the answer's text still says what the upstream wrote.
                assertThat(reply.body()).contains("the model " + upstreamModel + " says hi");
                assertThat(RoutedBridges.accessLine(reply.header("x-request-id")))
                        .matches(".* route=[^ ]+ .* upstream_model=" + java.util.regex.Pattern.quote(upstreamModel) + "( .*)?");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat", "responses"})
    void everyStreamedChunkAndSnapshotCarriesTheAliasOverEitherUpstream(String clientProtocol) {
        FakeOpenAi chat = kit.upstream();
        FakeOpenAi responses = kit.upstream();
        try (BridgeServer bridge = start(chat, responses)) {
            TestClient client = TestClient.of(bridge, kit);
            String path = clientProtocol.equals("chat") ? FakeOpenAi.CHAT : FakeOpenAi.RESPONSES;
            for (String alias : List.of("fast", "smart")) {
                if (alias.equals("smart")) {
                    responses.enqueue(Reply.responsesStream(events()));
                } else {
                    chat.enqueue(Reply.chatStream(chunks()));
                }
                TestClient.Reply reply = client.post(path, request(clientProtocol, alias, true));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                List<String> models = models(reply.body(), clientProtocol);
                assertThat(models).as(alias + " over " + clientProtocol + ": " + reply.body()).isNotEmpty().containsOnly(alias);
                if (clientProtocol.equals("chat")) {
                    kit.emittedChat(reply.body(), false);
                } else {
                    kit.emittedResponses(reply.body());
                }
            }
        }
    }

    @Test
    void aRouteWithoutARenameKeepsTheUpstreamsModel() {
        FakeOpenAi chat = kit.upstream();
        FakeOpenAi responses = kit.upstream();
        try (BridgeServer bridge = start(chat, responses)) {
            TestClient client = TestClient.of(bridge, kit);
            chat.enqueue(Reply.json(completion()));
            assertThat(client.post(FakeOpenAi.CHAT, request("chat", "plain", false)).json()).containsEntry("model", CHAT_MODEL);
            chat.enqueue(Reply.chatStream(chunks()));
            assertThat(models(client.post(FakeOpenAi.RESPONSES, request("responses", "plain", true)).body(), "responses"))
                    .isNotEmpty().containsOnly(CHAT_MODEL);
        }
    }

    @Test
    void aStoredTurnOfAnAliasedRouteSaysTheAliasToo() {
        FakeOpenAi chat = kit.upstream();
        FakeOpenAi responses = kit.upstream();
        try (BridgeServer bridge = start(chat, responses)) {
            TestClient client = TestClient.of(bridge, kit);
            chat.enqueue(Reply.json(completion()));
            TestClient.Reply created = client.post(FakeOpenAi.RESPONSES, request("responses", "fast", false));
            assertThat(created.json()).containsEntry("model", "fast");
            TestClient.Reply stored = client.get("/v1/responses/" + created.json().get("id"));
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.json()).containsEntry("model", "fast");
        }
    }

    /** Every model the client saw: chunks' {@code model}, events' {@code response.model}. */
    private static List<String> models(String sse, String clientProtocol) {
        List<String> models = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data: {")) {
                continue;
            }
            Map<String, Object> data = Json.obj(line.substring("data: ".length()));
            Object model = clientProtocol.equals("chat") ? data.get("model")
                    : data.get("response") instanceof Map<?, ?> response ? response.get("model") : null;
            if (clientProtocol.equals("chat") || data.get("response") != null) {
                models.add(String.valueOf(model));
            }
        }
        return models;
    }

    private static Map<String, Object> request(String protocol, String model, boolean stream) {
        return protocol.equals("chat")
                ? Json.map("model", model, "stream", stream, "messages", List.of(Json.map("role", "user", "content", "hi")))
                : Json.map("model", model, "stream", stream, "input", "hi");
    }

    private static String completion() {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"the model %s says hi","refusal":null},
                 "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""".formatted(CHAT_MODEL, CHAT_MODEL);
    }

    private static String response() {
        return """
                {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed","model":"%s",
                 "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant",
                   "content":[{"type":"output_text","text":"the model %s says hi","annotations":[]}]}],
                 "usage":{"input_tokens":5,"output_tokens":3,"total_tokens":8}}""".formatted(RESPONSES_MODEL, RESPONSES_MODEL);
    }

    private static List<String> chunks() {
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"" + CHAT_MODEL + "\",";
        return List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}");
    }

    private static List<String> events() {
        String inProgress = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"in_progress\",\"model\":\""
                + RESPONSES_MODEL + "\",\"output\":[]}";
        String item = "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"hi\",\"annotations\":[]}]}";
        String completed = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"completed\",\"model\":\""
                + RESPONSES_MODEL + "\",\"output\":[" + item + "],\"usage\":{\"input_tokens\":5,\"output_tokens\":1,\"total_tokens\":6}}";
        return List.of(
                "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + inProgress + "}",
                "{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":" + inProgress + "}",
                "{\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,\"item\":{\"type\":\"message\","
                        + "\"id\":\"msg_1\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}",
                "{\"type\":\"response.content_part.added\",\"sequence_number\":3,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}}",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"delta\":\"hi\"}",
                "{\"type\":\"response.output_text.done\",\"sequence_number\":5,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"text\":\"hi\"}",
                "{\"type\":\"response.content_part.done\",\"sequence_number\":6,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"hi\",\"annotations\":[]}}",
                "{\"type\":\"response.output_item.done\",\"sequence_number\":7,\"output_index\":0,\"item\":" + item + "}",
                "{\"type\":\"response.completed\",\"sequence_number\":8,\"response\":" + completed + "}");
    }
}
