package dev.crosswalk.bridge.http;

import static dev.crosswalk.bridge.http.RoutedBridges.accessLine;
import static dev.crosswalk.bridge.http.RoutedBridges.eventually;
import static dev.crosswalk.bridge.http.RoutedBridges.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One bridge, two upstreams of different protocols (a Chat fake and a Responses fake) and a dead one: routing by
 * exact name and glob, aliases, fallbacks before the first byte and never after, {@code /v1/models}.
 */
class RoutesTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi chat;
    static FakeOpenAi responses;
    static BridgeServer bridge;
    static TestClient client;

    static String yaml(String chatUrl, String responsesUrl, String deadUrl) {
        return """
                upstreams:
                  - name: chatty
                    url: %s
                    api: chat
                  - name: resp
                    url: %s
                    api: responses
                  - name: dead
                    url: %s
                    api: chat
                routes:
                  - model: deepseek-chat
                    upstream: chatty
                  - model: fast
                    upstream: chatty
                    upstreamModel: deepseek-chat
                  - model: gpt-special
                    upstream: chatty
                  - model: gpt-*
                    upstream: resp
                  - model: llama-?
                    upstream: chatty
                  - model: flaky-500
                    upstream: chatty
                    upstreamModel: fault-500
                    fallbacks:
                      - upstream: resp
                        upstreamModel: rescued
                  - model: flaky-429
                    upstream: chatty
                    upstreamModel: fault-429
                    fallbacks: [resp]
                  - model: flaky-refused
                    upstream: dead
                    fallbacks:
                      - upstream: chatty
                        upstreamModel: rescued
                  - model: flaky-error-first
                    upstream: chatty
                    upstreamModel: fault-error-first
                    fallbacks: [resp]
                  - model: cut-midstream
                    upstream: chatty
                    upstreamModel: fault-close-midstream
                    fallbacks: [resp]
                  - model: refused-only
                    upstream: dead
                  - model: unauthorized
                    upstream: chatty
                    upstreamModel: fault-401
                    fallbacks: [resp]
                """.formatted(chatUrl, responsesUrl, deadUrl);
    }

    @BeforeAll
    static void start() {
        chat = kit.chatModel();
        responses = kit.responsesModel();
        responses.model().stored("resp_upstream1", "stored upstream");
        bridge = RoutedBridges.start(yaml(chat.baseUrl(), responses.baseUrl(), RoutedBridges.refusedUrl()));
        client = TestClient.of(bridge, kit);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        chat.close();
        responses.close();
    }

    static Map<String, Object> chatRequest(String model, boolean stream) {
        return Json.map("model", model, "stream", stream, "messages", List.of(Json.map("role", "user", "content", "Hello")));
    }

    static Map<String, Object> responsesRequest(String model, boolean stream) {
        return Json.map("model", model, "input", "Hello", "stream", stream);
    }

    /** The models the fake received, in order, from requests sent while {@code action} ran. */
    static List<String> received(FakeOpenAi upstream, Runnable action) {
        int before = upstream.requests().size();
        action.run();
        return upstream.requests().subList(before, upstream.requests().size()).stream()
                .map(r -> r.body().isEmpty() ? r.uri() : String.valueOf(r.json().get("model"))).collect(Collectors.toList());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anExactNameGoesToItsUpstreamInEitherClientProtocol(boolean stream) {
        assertThat(received(chat, () -> {
            assertThat(client.post("/v1/chat/completions", chatRequest("deepseek-chat", stream)).status()).isEqualTo(200);
            assertThat(client.post("/v1/responses", responsesRequest("deepseek-chat", stream)).status()).isEqualTo(200);
        })).containsExactly("deepseek-chat", "deepseek-chat");
        assertThat(chat.last().uri()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void anExactNameWinsOverAGlobListedBeforeOrAfterIt() {
        List<String> toResponses = received(responses, () ->
                assertThat(client.post("/v1/chat/completions", chatRequest("gpt-special", false)).status()).isEqualTo(200));
        assertThat(toResponses).isEmpty();
        assertThat(chat.last().json().get("model")).isEqualTo("gpt-special");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aGlobRoutesEveryMatchingModelAndTranslatesForTheUpstreamsProtocol(boolean stream) {
        assertThat(received(responses, () -> {
            TestClient.Reply reply = client.post("/v1/chat/completions", chatRequest("gpt-4o-mini", stream));
            assertThat(reply.status()).isEqualTo(200);
            if (!stream) {
                assertThat(Json.str(reply.json(), "object")).isEqualTo("chat.completion");
                assertThat(Json.str(reply.json(), "choices[0].message.content")).startsWith("Echo: Hello");
            }
        })).containsExactly("gpt-4o-mini");
        assertThat(responses.last().uri()).isEqualTo("/v1/responses");

        assertThat(received(chat, () -> assertThat(client.post("/v1/responses", responsesRequest("llama-3", stream)).status()).isEqualTo(200)))
                .containsExactly("llama-3");
        // '?' is one character: llama-31 matches no route.
        TestClient.Reply none = client.post("/v1/responses", responsesRequest("llama-31", stream));
        assertThat(none.status()).isEqualTo(404);
        assertThat(Json.str(none.json(), "error.code")).isEqualTo("model_not_found");
        assertThat(Json.str(none.json(), "error.message")).isEqualTo("The model `llama-31` does not exist or you do not have access to it.");
        assertThat(Json.str(none.json(), "error.type")).isEqualTo("invalid_request_error");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAliasIsRenamedToTheUpstreamsModelAndNothingElseChanges(boolean stream) {
        Map<String, Object> request = chatRequest("fast", stream);
        request.put("temperature", 0.25);
        request.put("metadata", Json.map("k", "v"));
        assertThat(received(chat, () -> assertThat(client.post("/v1/chat/completions", request).status()).isEqualTo(200)))
                .containsExactly("deepseek-chat");
        Map<String, Object> sent = chat.last().json();
        assertThat(((Number) sent.get("temperature")).doubleValue()).isEqualTo(0.25);
        assertThat(sent).containsEntry("stream", stream).containsKey("messages");
        assertThat(List.copyOf(sent.keySet())).containsExactly("model", "stream", "messages", "temperature", "metadata");

        assertThat(received(chat, () -> assertThat(client.post("/v1/responses", responsesRequest("fast", stream)).status()).isEqualTo(200)))
                .containsExactly("deepseek-chat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flaky-500", "flaky-429", "flaky-refused", "flaky-error-first"})
    void aFailureBeforeTheFirstByteMovesToTheNextUpstream(String model) {
        for (boolean stream : List.of(false, true)) {
            for (String path : List.of("/v1/chat/completions", "/v1/responses")) {
                if (model.equals("flaky-error-first") && (!stream || path.contains("chat"))) {
                    // Only a stream fails in its first event; passed through (chat to chat), its bytes are relayed as
                    // they come, so the client is the one to read that event.
                    continue;
                }
                Map<String, Object> body = path.contains("chat") ? chatRequest(model, stream) : responsesRequest(model, stream);
                TestClient.Reply reply = client.post(path, body);
                assertThat(reply.status()).as(path + " stream=" + stream).isEqualTo(200);
                if (stream) {
                    assertThat(reply.body()).contains("\"Echo\"").contains("llo ").doesNotContain("\"error\":{").doesNotContain("\"type\":\"error\"")
                            .doesNotContain("response.failed");
                } else {
                    assertThat(reply.body()).contains("Echo: Hello");
                }
                String line = accessLine(reply.header("x-request-id"));
                String first = model.equals("flaky-refused") ? "dead" : "chatty";
                String last = model.equals("flaky-refused") ? "chatty" : "resp";
                String kind = switch (model) {
                    case "flaky-500" -> "status_500";
                    case "flaky-429" -> "status_429";
                    case "flaky-refused" -> "upstream_unreachable";
                    default -> "status_500";
                };
                assertThat(line).contains("route=" + model).contains("upstream=" + last).contains("fallbacks=" + first + ":" + kind)
                        .contains("status=200");
            }
        }
    }

    @Test
    void aFallbackSendsTheFallbacksOwnModel() {
        assertThat(received(responses, () -> client.post("/v1/responses", responsesRequest("flaky-500", false)))).containsExactly("rescued");
        assertThat(received(responses, () -> client.post("/v1/responses", responsesRequest("flaky-429", false)))).containsExactly("flaky-429");
    }

    @Test
    void aStreamThatFailsAfterItsFirstByteIsNotRetried() {
        for (String path : List.of("/v1/chat/completions", "/v1/responses")) {
            Map<String, Object> body = path.contains("chat") ? chatRequest("cut-midstream", true) : responsesRequest("cut-midstream", true);
            List<String> toFallback = received(responses, () -> {
                try {
                    TestClient.Stream stream = client.stream(path, body);
                    // Translated: the stream ends with an error event.
                    assertThat(stream.status()).isEqualTo(200);
                    assertThat(stream.events()).isNotEmpty();
                } catch (java.io.UncheckedIOException cut) {
                    // Passed through: the client's connection is cut as the upstream's was.
                    assertThat(path).isEqualTo("/v1/chat/completions");
                }
            });
            assertThat(toFallback).as(path).isEmpty();
        }
    }

    @Test
    void aClientErrorOfTheUpstreamIsNotRetried() {
        List<String> toFallback = received(responses, () -> {
            TestClient.Reply reply = client.post("/v1/chat/completions", chatRequest("unauthorized", false));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(Json.str(reply.json(), "error.code")).isEqualTo("invalid_api_key");
        });
        assertThat(toFallback).isEmpty();
    }

    @Test
    void theLastUpstreamsFailureIsTheClients() {
        TestClient.Reply reply = client.post("/v1/chat/completions", chatRequest("refused-only", false));
        assertThat(reply.status()).isEqualTo(502);
        assertThat(Json.str(reply.json(), "error.code")).isEqualTo("upstream_unreachable");
        assertThat(accessLine(reply.header("x-request-id"))).contains("upstream=dead").doesNotContain("fallbacks=");
    }

    @Test
    void modelsListsEveryRoutedNameAndWhatGlobsMatchUpstream() {
        TestClient.Reply reply = client.get("/v1/models");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(Json.str(reply.json(), "object")).isEqualTo("list");
        List<Object> data = Json.list(reply.json(), "data");
        Map<String, String> owners = data.stream().collect(Collectors.toMap(m -> Json.str(m, "id"), m -> Json.str(m, "owned_by")));
        // Exact routes and aliases, then gpt-test: the Responses fake lists it and gpt-* sends it there. The Chat fake's
        // gpt-test is not listed for it: asking for gpt-test reaches the Responses fake.
        assertThat(owners).containsEntry("deepseek-chat", "chatty").containsEntry("fast", "chatty")
                .containsEntry("gpt-special", "chatty").containsEntry("flaky-500", "chatty").containsEntry("gpt-test", "resp")
                .doesNotContainKey("gpt-*").doesNotContainKey("llama-?");
        for (Object m : data) {
            assertThat(Json.str(m, "object")).isEqualTo("model");
            assertThat(Json.at(m, "created")).isInstanceOf(Number.class);
        }

        TestClient.Reply one = client.get("/v1/models/fast");
        assertThat(one.status()).isEqualTo(200);
        assertThat(Json.str(one.json(), "id")).isEqualTo("fast");
        assertThat(Json.str(one.json(), "owned_by")).isEqualTo("chatty");
        assertThat(client.get("/v1/models/nothing-routes-this").status()).isEqualTo(404);
    }

    @Test
    void aBodyWithoutModelOrJsonIsTheClientsError() {
        TestClient.Reply noModel = client.post("/v1/chat/completions", Json.map("messages", List.of()));
        assertThat(noModel.status()).isEqualTo(400);
        assertThat(Json.str(noModel.json(), "error.param")).isEqualTo("model");
        TestClient.Reply notJson = client.post("/v1/responses", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(Json.str(notJson.json(), "error.code")).isEqualTo("invalid_json");
    }

    @Test
    void theMetricsCountFallbacksAndErrorsByUpstreamAndKind() {
        client.post("/v1/chat/completions", chatRequest("flaky-429", false));
        eventually(() -> {
            String scrape = client.get("/metrics").body();
            assertThat(sample(scrape, "crosswalk_upstream_errors_total", Map.of("upstream", "chatty", "kind", "status_429"))).isGreaterThanOrEqualTo(1);
            assertThat(sample(scrape, "crosswalk_fallbacks_total", Map.of("route", "flaky-429", "from", "chatty", "to", "resp"))).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void storedTurnsOfAChatRouteAreServedBesideADefaultResponsesUpstream() {
        try (BridgeServer mixed = RoutedBridges.start("""
                upstreams:
                  - {name: resp, url: %s, api: responses}
                  - {name: chatty, url: %s, api: chat}
                routes:
                  - {model: deepseek-chat, upstream: chatty}
                  - {model: "*", upstream: resp}
                """.formatted(responses.baseUrl(), chat.baseUrl()))) {
            TestClient c = TestClient.of(mixed, kit);
            TestClient.Reply created = c.post("/v1/responses", responsesRequest("deepseek-chat", false));
            assertThat(created.status()).isEqualTo(200);
            String id = Json.str(created.json(), "id");

            List<String> asked = received(responses, () -> {
                TestClient.Reply stored = c.get("/v1/responses/" + id);
                assertThat(stored.status()).isEqualTo(200);
                assertThat(Json.str(stored.json(), "id")).isEqualTo(id);
                assertThat(c.get("/v1/responses/" + id + "/input_items").status()).isEqualTo(200);
            });
            assertThat(asked).as("the bridge's own turns are not asked of the Responses upstream").isEmpty();

            List<String> passed = received(responses, () -> {
                TestClient.Reply upstreams = c.get("/v1/responses/resp_upstream1");
                assertThat(upstreams.status()).isEqualTo(200);
                assertThat(Json.str(upstreams.json(), "output[0].content[0].text")).isEqualTo("stored upstream");
            });
            assertThat(passed).containsExactly("/v1/responses/resp_upstream1");
        }
    }
}
