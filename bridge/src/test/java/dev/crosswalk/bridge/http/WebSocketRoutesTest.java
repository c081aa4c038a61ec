package dev.crosswalk.bridge.http;

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

/**
 * WebSocket mode with a routes file: each {@code response.create} goes where its {@code model}'s route says, as an
 * HTTP request would (renamed for the target, falling back on a 5xx before the turn's first event), and one
 * connection's chain goes on across upstreams of either protocol.
 */
class WebSocketRoutesTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    static FakeOpenAi chat;
    static FakeOpenAi responses;
    static BridgeServer bridge;
    static final String KEY = "sk-client-test-0001";

    @BeforeAll
    static void start() {
        chat = kit.chatModel();
        responses = kit.responsesModel();
        bridge = RoutedBridges.start("""
                upstreams:
                  - name: chatty
                    url: %s
                    api: chat
                  - name: resp
                    url: %s
                    api: responses
                routes:
                  - model: deepseek-*
                    upstream: chatty
                  - model: gpt-*
                    upstream: resp
                  - model: fast
                    upstream: chatty
                    upstreamModel: deepseek-fast
                  - model: flaky
                    upstream: chatty
                    upstreamModel: fault-500
                    fallbacks:
                      - upstream: resp
                        upstreamModel: gpt-rescued
                """.formatted(chat.baseUrl(), responses.baseUrl()));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static Map<String, Object> create(String model, Object... fields) {
        Map<String, Object> m = Json.map("type", "response.create", "model", model);
        m.putAll(Json.map(fields));
        return m;
    }

    static Map<String, Object> completed(List<Map<String, Object>> events) {
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(last.get("type")).as(String.valueOf(last)).isEqualTo("response.completed");
        events.forEach(e -> assertThat(ResponsesSchema.event(e)).as(String.valueOf(e)).isEmpty());
        return Json.obj(Json.write(last.get("response")));
    }

    static List<String> models(FakeOpenAi upstream) {
        return upstream.requests().stream().map(r -> String.valueOf(r.json().get("model"))).collect(Collectors.toList());
    }

    @Test
    void eachTurnGoesWhereItsModelIsRoutedAndTheChainCrossesUpstreams() {
        int chatBefore = chat.requests().size();
        int responsesBefore = responses.requests().size();
        try (WsClient ws = WsClient.connect(bridge, KEY, kit)) {
            ws.send(create("deepseek-chat", "store", false, "input", "My name is Alice."));
            Map<String, Object> first = completed(ws.turn());
            assertThat(chat.requests()).hasSize(chatBefore + 1);
            assertThat(chat.last().json()).containsEntry("model", "deepseek-chat");

            // Same connection, another model: the Responses upstream, with the Chat turn as its input.
            ws.send(create("gpt-4o", "store", false, "previous_response_id", first.get("id"), "input", "What is my name?"));
            Map<String, Object> second = completed(ws.turn());
            assertThat(responses.requests()).hasSize(responsesBefore + 1);
            Map<String, Object> sent = responses.last().json();
            assertThat(sent).containsEntry("model", "gpt-4o").doesNotContainKey("previous_response_id");
            assertThat(Json.write(sent.get("input"))).contains("My name is Alice.").contains("What is my name?");
            assertThat(second.get("previous_response_id")).isEqualTo(first.get("id"));

            // An alias is renamed for its target, as over HTTP.
            ws.send(create("fast", "store", false, "input", "quick"));
            List<Map<String, Object>> aliased = ws.turn();
            assertThat(chat.last().json()).containsEntry("model", "deepseek-fast");
            // ...and every event's response says the alias the client asked for.
            assertThat(completed(aliased)).containsEntry("model", "fast");
            assertThat(aliased).filteredOn(m -> m.get("response") instanceof Map).isNotEmpty()
                    .allSatisfy(m -> assertThat(Json.str(m, "response.model")).isEqualTo("fast"));
            // The next turn on the connection is not renamed by the previous one's alias.
            ws.send(create("deepseek-chat", "store", false, "input", "plain"));
            assertThat(completed(ws.turn())).containsEntry("model", "deepseek-chat");
        }
    }

    @Test
    void aTurnFallsBackBeforeItsFirstEvent() {
        try (WsClient ws = WsClient.connect(bridge, KEY, kit)) {
            ws.send(create("flaky", "store", false, "input", "are you there?"));
            Map<String, Object> r = completed(ws.turn());

            assertThat(models(chat)).endsWith("fault-500");
            assertThat(responses.last().json()).containsEntry("model", "gpt-rescued");
            assertThat(r).containsEntry("model", "flaky");
            assertThat(Json.str(r, "output[0].content[0].text")).startsWith("Echo: are you there?");
        }
    }

    @Test
    void aModelWithNoRouteIsAnErrorAndTheConnectionGoesOn() {
        try (WsClient ws = WsClient.connect(bridge, KEY, kit)) {
            ws.send(create("llama-3", "input", "hi"));
            List<Map<String, Object>> messages = ws.turn();
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0)).containsEntry("type", "error").containsEntry("status", 404);
            assertThat(Json.str(messages.get(0), "error.code")).isEqualTo("model_not_found");

            ws.send(create("deepseek-chat", "input", "hi"));
            completed(ws.turn());
        }
    }

    @Test
    void perKeyLimitsHoldForEveryTurn() {
        try (BridgeServer limited = RoutedBridges.start("""
                upstreams:
                  - name: chatty
                    url: %s
                    api: chat
                routes:
                  - model: "*"
                    upstream: chatty
                limits: {requestsPerMinute: 2}
                """.formatted(chat.baseUrl()));
                WsClient ws = WsClient.connect(limited, KEY, kit)) {
            // The upgrade is the first request, its first turn goes with it; the next turn is the second.
            ws.send(create("deepseek-chat", "input", "one"));
            completed(ws.turn());
            ws.send(create("deepseek-chat", "input", "two"));
            completed(ws.turn());
            ws.send(create("deepseek-chat", "input", "three"));
            List<Map<String, Object>> refused = ws.turn();
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0)).containsEntry("type", "error").containsEntry("status", 429);
            assertThat(Json.str(refused.get(0), "error.code")).isEqualTo("rate_limit_exceeded");
        }
    }
}
