package dev.crosswalk.bridge.http;

import static dev.crosswalk.bridge.http.RoutedBridges.eventually;
import static dev.crosswalk.bridge.http.RoutedBridges.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import dev.crosswalk.translator.WireApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A streamed Chat answer over a Responses upstream reports the stream's {@code instructions} and {@code metadata}
 * exactly as a non-streaming answer does (docs/architecture.md §5): not when they echo the request the bridge sent,
 * yes when the server changed them. Seen from outside as {@code crosswalk_translation_problems_total}.
 */
class StreamedEchoWarningsTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    FakeOpenAi upstream;
    BridgeServer bridge;
    TestClient client;

    @BeforeEach
    void start() {
        upstream = kit.upstream();
        bridge = Bridges.start(upstream, WireApi.RESPONSES);
        client = TestClient.of(bridge, kit);
    }

    @AfterEach
    void stop() {
        bridge.close();
        upstream.close();
    }

    private static Reply stream(String instructions, String metadata) {
        String response = """
                {"id":"resp_1","object":"response","created_at":1700000000,"status":"%s","model":"gpt-test",
                 "instructions":%s,"metadata":%s,"output":%s,"usage":{"input_tokens":3,"output_tokens":1,"total_tokens":4}}""";
        String message = """
                [{"type":"message","id":"msg_1","status":"completed","role":"assistant",
                  "content":[{"type":"output_text","text":"Hi","annotations":[]}]}]""";
        return Reply.responsesStream(
                "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                        + response.formatted("in_progress", instructions, metadata, "[]").replace("\n", "") + "}",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}",
                "{\"type\":\"response.completed\",\"sequence_number\":2,\"response\":"
                        + response.formatted("completed", instructions, metadata, message).replace("\n", "") + "}");
    }

    private TestClient.Stream ask() {
        return client.stream("/v1/chat/completions", Json.map("model", "gpt-test", "stream", true,
                "metadata", Json.map("team", "search"), "messages", List.of(Json.map("role", "user", "content", "Hello"))));
    }

    private double warnings(String field) {
        return sample(client.get("/metrics").body(), "crosswalk_translation_problems_total", Map.of("kind", "warning", "field", field));
    }

    @Test
    void anEchoOfTheRequestSentIsNotReported() {
        upstream.enqueue(stream("null", "{\"team\":\"search\"}"));

        TestClient.Stream stream = ask();

        assertThat(stream.status()).isEqualTo(200);
        assertThat(Json.at(upstream.last().json(), "metadata")).isEqualTo(Map.of("team", "search"));
        assertThat(stream.events().get(stream.events().size() - 1).isDone()).isTrue();
        // The request ended (its meters are written after the answer) without a warning.
        eventually(() -> assertThat(sample(client.get("/metrics").body(), "crosswalk_requests_seconds_count",
                Map.of("endpoint", "/v1/chat/completions"))).isEqualTo(1));
        assertThat(warnings("$.metadata")).isZero();
        assertThat(warnings("$.instructions")).isZero();
    }

    @Test
    void instructionsAndMetadataTheServerChangedAreReported() {
        upstream.enqueue(stream("\"Rendered from the prompt template.\"", "{\"team\":\"search\",\"trace\":\"t-1\"}"));

        TestClient.Stream stream = ask();

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.events().get(stream.events().size() - 1).isDone()).isTrue();
        eventually(() -> {
            assertThat(warnings("$.instructions")).isEqualTo(1);
            assertThat(warnings("$.metadata")).isEqualTo(1);
        });
    }
}
