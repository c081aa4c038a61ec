package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Open Responses compliance suite's WebSocket mode (its seven checks, one test each, named after them) as the
 * project's own tests: {@code response.create} over one connection, events as messages that validate like SSE events,
 * several responses per connection, continuation from the connection's cache with {@code store:false},
 * {@code previous_response_not_found}, recovery after a reconnect, eviction after a failed continuation, and a new
 * chain after compaction. Over a Chat upstream, and (where the fake Responses upstream can play its part) over a
 * Responses upstream.
 */
class WebSocketModeTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    enum Upstream { CHAT, RESPONSES }

    static FakeOpenAi chat;
    static FakeOpenAi responses;
    static BridgeServer overChat;
    static BridgeServer overResponses;
    static final String KEY = "sk-client-test-0001";

    @BeforeAll
    static void start() {
        chat = kit.chatModel();
        responses = kit.responsesModel();
        Sealer sealer = Sealer.of("0123456789abcdef0123456789abcdef-ws-test");
        overChat = Bridges.start(chat, WireApi.CHAT_COMPLETIONS, b -> b.translator(TranslatorOptions.builder().codec(JsonCodec.jackson3())
                .sealer(sealer).build()));
        overResponses = Bridges.start(responses, WireApi.RESPONSES);
    }

    @AfterAll
    static void stop() {
        overChat.close();
        overResponses.close();
        chat.close();
        responses.close();
    }

    static BridgeServer bridge(Upstream upstream) {
        return upstream == Upstream.CHAT ? overChat : overResponses;
    }

    static Map<String, Object> create(Object... fields) {
        Map<String, Object> m = Json.map("type", "response.create", "model", "gpt-test");
        m.putAll(Json.map(fields));
        return m;
    }

    static List<Object> say(String text) {
        return List.of(Json.map("type", "message", "role", "user", "content", text));
    }

    /** A turn's messages, checked as the suite checks an SSE stream; returns the final response. */
    static Map<String, Object> completed(List<Map<String, Object>> events) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(ResponsesSchema.event(events.get(i))).as("message %d: %s", i, events.get(i)).isEmpty();
            assertThat(((Number) events.get(i).get("sequence_number")).intValue()).isEqualTo(i);
        }
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(last.get("type")).as(String.valueOf(last)).isEqualTo("response.completed");
        Map<String, Object> response = Json.obj(Json.write(last.get("response")));
        assertThat(ResponsesSchema.response(response)).isEmpty();
        return response;
    }

    static Map<String, Object> error(List<Map<String, Object>> messages) {
        assertThat(messages).hasSize(1);
        Map<String, Object> e = messages.get(0);
        assertThat(e.get("type")).isEqualTo("error");
        return e;
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void wsBasicResponse(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY)) {
            ws.send(create("input", say("Say hello in exactly 3 words.")));
            List<Map<String, Object>> events = ws.turn();

            assertThat(events.get(0).get("type")).isEqualTo("response.created");
            Map<String, Object> r = completed(events);
            assertThat(Json.list(r, "output")).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void wsSeveralResponsesOnOneConnection(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY)) {
            List<Object> ids = new ArrayList<>();
            for (String text : List.of("one", "two", "three")) {
                ws.send(create("input", say(text), "store", false));
                Map<String, Object> r = completed(ws.turn());
                assertThat(Json.str(r, "output[0].content[0].text")).startsWith("Echo: " + text);
                ids.add(r.get("id"));
            }
            if (upstream == Upstream.CHAT) {
                assertThat(ids).doesNotHaveDuplicates();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void wsContinuationFromTheConnectionCacheWithStoreFalse(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY)) {
            ws.send(create("input", say("My name is Alice."), "store", false, "instructions", "Be brief."));
            Map<String, Object> first = completed(ws.turn());
            ws.send(create("input", say("What is my name?"), "store", false, "previous_response_id", first.get("id")));
            Map<String, Object> second = completed(ws.turn());

            if (upstream == Upstream.CHAT) {
                assertThat(second.get("previous_response_id")).isEqualTo(first.get("id"));
                // user, assistant, user: the cached turn went to the upstream as history (instructions are not carried
                // over to a continuation, as the spec says).
                assertThat(Json.list(chat.last().json(), "messages")).hasSize(3);
                // store:false: nothing was stored, the continuation came from the connection alone.
                assertThat(TestClient.of(overChat).get("/v1/responses/" + first.get("id")).status()).isEqualTo(404);
            } else {
                // The Responses upstream got the connection's turn as input, not an id it never stored.
                assertThat(responses.last().json()).doesNotContainKey("previous_response_id");
                assertThat(Json.list(responses.last().json(), "input")).hasSize(3);
            }
        }
    }

    @Test
    void wsPreviousResponseNotFound() {
        try (WsClient ws = WsClient.connect(overChat, KEY)) {
            ws.send(create("input", say("hi"), "previous_response_id", "resp_nowhere"));
            Map<String, Object> e = error(ws.turn());

            assertThat(e.get("status")).isEqualTo(400);
            assertThat(Json.str(e, "error.code")).isEqualTo("previous_response_not_found");
            assertThat(Json.str(e, "error.param")).isEqualTo("previous_response_id");
            assertThat(Json.str(e, "error.type")).isEqualTo("invalid_request_error");
            assertThat(e.get("code")).isEqualTo("previous_response_not_found");
            // The connection stays usable.
            ws.send(create("input", say("still there?")));
            completed(ws.turn());
        }
    }

    @Test
    void wsReconnectRecoveryWithStoreFalse() {
        Map<String, Object> first;
        try (WsClient ws = WsClient.connect(overChat, KEY)) {
            ws.send(create("input", say("My name is Alice."), "store", false));
            first = completed(ws.turn());
        }
        try (WsClient ws = WsClient.connect(overChat, KEY)) {
            // A new connection has an empty cache, and store:false kept nothing: the id is unknown...
            ws.send(create("input", say("What is my name?"), "store", false, "previous_response_id", first.get("id")));
            assertThat(Json.str(error(ws.turn()), "error.code")).isEqualTo("previous_response_not_found");
            // ...so the client recovers by sending the full context, and the chain goes on from there.
            List<Object> full = new ArrayList<>(say("My name is Alice."));
            full.addAll(Json.list(first, "output"));
            full.addAll(say("What is my name?"));
            ws.send(create("input", full, "store", false));
            Map<String, Object> recovered = completed(ws.turn());
            ws.send(create("input", say("And again?"), "store", false, "previous_response_id", recovered.get("id")));
            completed(ws.turn());
            assertThat(Json.list(chat.last().json(), "messages")).hasSize(5);
        }
    }

    @Test
    void wsFailedContinuationEvictsTheCachedResponse() {
        try (WsClient ws = WsClient.connect(overChat, KEY)) {
            ws.send(create("input", say("first"), "store", false));
            Map<String, Object> first = completed(ws.turn());

            ws.send(create("model", "fault-500", "input", say("second"), "store", false, "previous_response_id", first.get("id")));
            Map<String, Object> failure = error(ws.turn());
            assertThat(failure.get("status")).isEqualTo(500);

            ws.send(create("input", say("third"), "store", false, "previous_response_id", first.get("id")));
            assertThat(Json.str(error(ws.turn()), "error.code")).isEqualTo("previous_response_not_found");
        }
    }

    @Test
    void wsCompactionThenANewChain() {
        try (WsClient ws = WsClient.connect(overChat, KEY)) {
            ws.send(create("input", say("My name is Alice and I like tea."), "store", false));
            Map<String, Object> first = completed(ws.turn());
            ws.send(create("input", say("I live in Lyon."), "store", false, "previous_response_id", first.get("id")));
            Map<String, Object> second = completed(ws.turn());

            List<Object> history = new ArrayList<>(say("My name is Alice and I like tea."));
            history.addAll(Json.list(first, "output"));
            history.addAll(say("I live in Lyon."));
            history.addAll(Json.list(second, "output"));
            TestClient.Reply compacted = TestClient.of(overChat).post("/v1/responses/compact",
                    Json.map("model", "gpt-test", "input", history));
            assertThat(compacted.status()).as(compacted.body()).isEqualTo(200);

            // A new chain: the compacted output as input, no previous_response_id.
            List<Object> input = new ArrayList<>(Json.list(compacted.json(), "output"));
            input.addAll(say("Where do I live?"));
            ws.send(create("input", input, "store", false));
            completed(ws.turn());
            List<Object> messages = Json.list(chat.last().json(), "messages");
            assertThat(Json.write(messages)).contains(Compactions.SUMMARY_PREFIX.strip());
            assertThat(Json.write(messages)).doesNotContain("cw1.");
        }
    }

    @Test
    void aResponsesUpstreamThatTakesWebSocketsGetsTheConnectionPassedThrough() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.netty.DisposableServer wsUpstream = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.ws("/v1/responses", (in, out) -> out.sendString(in.receive().asString().map(text -> {
                    seen.add(in.headers().get("Authorization") + " " + text);
                    return Json.write(Json.map("type", "response.completed", "sequence_number", 0,
                            "response", Json.map("id", "resp_over_upstream_ws", "status", "completed")));
                }))))
                .bindNow();
        try (BridgeServer over = BridgeServer.start(BridgeConfig.builder(java.net.URI.create("http://127.0.0.1:" + wsUpstream.port() + "/v1"),
                        WireApi.RESPONSES).host("127.0.0.1").port(0).build());
                WsClient ws = WsClient.connect(over, KEY)) {
            ws.send(create("input", say("hi"), "store", false));
            Map<String, Object> event = ws.next();

            assertThat(Json.str(event, "response.id")).isEqualTo("resp_over_upstream_ws");
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).startsWith("Bearer " + KEY + " ").contains("\"type\":\"response.create\"");
        } finally {
            wsUpstream.disposeNow();
        }
    }

    @Test
    void wsUpgradeIsAuthenticatedExactlyAsHttp() {
        try (BridgeServer guarded = Bridges.start(chat, WireApi.CHAT_COMPLETIONS, b -> b.upstreamKey(Secret.of("sk-upstream-test-0042"))
                .clientKeys(ClientKeys.of(List.of("sk-client-allowed-0001"))))) {
            assertThatThrownBy(() -> WsClient.connect(guarded, "sk-client-wrong-0002")).hasMessageContaining("401");
            assertThatThrownBy(() -> WsClient.connect(guarded, null)).hasMessageContaining("401");
            try (WsClient ws = WsClient.connect(guarded, "sk-client-allowed-0001")) {
                ws.send(create("input", say("hi")));
                completed(ws.turn());
            }
        }
    }

    @Test
    void wsUnknownMessageTypeIsAnErrorAndTheConnectionGoesOn() {
        try (WsClient ws = WsClient.connect(overChat, KEY)) {
            ws.send(Json.map("type", "response.cancel"));
            Map<String, Object> e = error(ws.turn());
            assertThat(Json.str(e, "error.param")).isEqualTo("type");
            ws.send(create("input", say("ok?")));
            Map<String, Object> r = completed(ws.turn());
            // response.append: more input on the latest response, with its settings.
            ws.send(Json.map("type", "response.append", "input", say("and more")));
            Map<String, Object> appended = completed(ws.turn());
            assertThat(appended.get("previous_response_id")).isEqualTo(r.get("id"));
        }
    }
}
