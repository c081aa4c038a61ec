package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.seal.Sealer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Open Responses compliance suite's WebSocket mode as the project's own tests, one test per check of the suite
 * (named after its ids, with its requests), over three upstreams: a Chat upstream (the bridge translates each turn),
 * a Responses upstream that accepts WebSockets (the connection is passed through) and one that refuses them (the
 * bridge ends the WebSocket and sends each turn over HTTP SSE). The Responses upstreams are the testkit's stateful
 * {@code FakeModel} (a store, {@code previous_response_id}, the live refusals); the WebSocket one keeps its latest
 * response per connection, as the live API does.
 */
class WebSocketModeTest {
    enum Upstream { CHAT, RESPONSES_WS, RESPONSES_SSE }

    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    static FakeOpenAi chat;
    static FakeOpenAi responses;
    static FakeOpenAi behindWebSocket;
    static WebSocketUpstream webSocketUpstream;
    static BridgeServer overChat;
    static BridgeServer overWebSocket;
    static BridgeServer overSse;
    static final String KEY = "sk-client-test-0001";

    @BeforeAll
    static void start() {
        chat = kit.chatModel();
        responses = kit.responsesModel();
        behindWebSocket = kit.responsesModel();
        webSocketUpstream = new WebSocketUpstream(behindWebSocket);
        Sealer sealer = Sealer.of("0123456789abcdef0123456789abcdef-ws-test");
        overChat = start(chat.baseUrl(), WireApi.CHAT_COMPLETIONS, b -> b.translator(TranslatorOptions.builder()
                .codec(JsonCodec.jackson3()).sealer(sealer).build()));
        overWebSocket = start(webSocketUpstream.baseUrl(), WireApi.RESPONSES, b -> b);
        overSse = start(responses.baseUrl(), WireApi.RESPONSES, b -> b);
    }

    static BridgeServer start(String url, WireApi api, UnaryOperator<BridgeConfig.Builder> customize) {
        return BridgeServer.start(customize.apply(BridgeConfig.builder(URI.create(url), api).host("127.0.0.1").port(0)
                .translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build())).build());
    }

    @AfterAll
    static void stop() {
        overChat.close();
        overWebSocket.close();
        overSse.close();
        webSocketUpstream.close();
    }

    static BridgeServer bridge(Upstream upstream) {
        return switch (upstream) {
            case CHAT -> overChat;
            case RESPONSES_WS -> overWebSocket;
            case RESPONSES_SSE -> overSse;
        };
    }

    /** What the upstream last received: a Chat or Responses HTTP body, or a WebSocket message. */
    static Map<String, Object> lastUpstreamRequest(Upstream upstream) {
        return switch (upstream) {
            case CHAT -> chat.last().json();
            case RESPONSES_SSE -> responses.requests().stream().filter(r -> r.method().equals("POST"))
                    .reduce((a, b) -> b).orElseThrow().json();
            case RESPONSES_WS -> webSocketUpstream.received.get(webSocketUpstream.received.size() - 1);
        };
    }

    static Map<String, Object> create(Object... fields) {
        Map<String, Object> m = Json.map("type", "response.create", "model", "gpt-test");
        m.putAll(Json.map(fields));
        return m;
    }

    static List<Object> say(String text) {
        return List.of(Json.map("type", "message", "role", "user", "content", text));
    }

    /** A turn's messages, checked as the suite checks a stream (every event valid, in order); the final response. */
    static Map<String, Object> completed(List<Map<String, Object>> events) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(ResponsesSchema.event(events.get(i))).as("message %d: %s", i, events.get(i)).isEmpty();
            assertThat(((Number) events.get(i).get("sequence_number")).intValue()).isEqualTo(i);
        }
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(last.get("type")).as(String.valueOf(last)).isEqualTo("response.completed");
        Map<String, Object> response = Json.obj(Json.write(last.get("response")));
        assertThat(ResponsesSchema.response(response)).isEmpty();
        assertThat(response.get("status")).isEqualTo("completed");
        return response;
    }

    /** A turn refused before it started: one {@code error} message with the status and the nested error. */
    static Map<String, Object> error(List<Map<String, Object>> messages) {
        assertThat(messages).hasSize(1);
        Map<String, Object> e = messages.get(0);
        assertThat(e.get("type")).isEqualTo("error");
        assertThat(e.get("status")).isInstanceOf(Number.class);
        assertThat(e.get("error")).isInstanceOf(Map.class);
        return e;
    }

    static String text(Map<String, Object> response) {
        return Json.str(response, "output[0].content[0].text");
    }

    // ------------------------------------------------------------------------------------------ the suite's checks

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void websocketResponse(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(create("input", say("Count from 1 to 3.")));
            List<Map<String, Object>> events = ws.turn();

            assertThat(events.get(0).get("type")).isEqualTo("response.created");
            assertThat(Json.list(completed(events), "output")).isNotEmpty();
        }
        if (upstream == Upstream.RESPONSES_WS) {
            // Passed through: the upstream got the upgrade with the client's credentials and the message as sent.
            assertThat(webSocketUpstream.authorizations).contains("Bearer " + KEY);
            assertThat(lastUpstreamRequest(upstream)).containsEntry("type", "response.create");
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void websocketSequentialResponses(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            List<Object> ids = new ArrayList<>();
            for (String word : List.of("first", "second")) {
                ws.send(create("store", false, "input", "Reply with exactly: " + word));
                Map<String, Object> r = completed(ws.turn());
                assertThat(text(r)).startsWith("Echo: Reply with exactly: " + word);
                ids.add(r.get("id"));
            }
            assertThat(ids).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void websocketContinuation(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(create("store", false, "input", "Remember the code word: cobalt. Reply with OK."));
            Map<String, Object> first = completed(ws.turn());
            ws.send(create("store", false, "previous_response_id", first.get("id"),
                    "input", "What is the code word? Reply with only the code word."));
            Map<String, Object> second = completed(ws.turn());

            // The live API echoes the id the client continued from, whichever way the bridge got the turn there.
            assertThat(second.get("previous_response_id")).isEqualTo(first.get("id"));
            Map<String, Object> sent = lastUpstreamRequest(upstream);
            switch (upstream) {
                case CHAT -> {
                    // user, assistant, user: the connection's turn went to the upstream as history.
                    assertThat(Json.list(sent, "messages")).hasSize(3);
                    // store:false: nothing was stored, the continuation came from the connection alone.
                    assertThat(TestClient.of(overChat, kit).get("/v1/responses/" + first.get("id")).status()).isEqualTo(404);
                }
                case RESPONSES_SSE -> {
                    // The upstream got the connection's turn as input, not an id it never stored.
                    assertThat(sent).doesNotContainKey("previous_response_id");
                    assertThat(Json.list(sent, "input")).hasSize(3);
                    assertThat(text(second)).endsWith("(3 items)");
                }
                case RESPONSES_WS -> {
                    // Passed through as sent; the upstream's own connection continued it.
                    assertThat(sent).containsEntry("previous_response_id", first.get("id"));
                    assertThat(text(second)).endsWith("(3 items)");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void websocketReconnectStoreFalseRecovery(Upstream upstream) {
        Map<String, Object> first;
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(create("store", false, "input", "Remember the code word: copper. Reply with OK."));
            first = completed(ws.turn());
        }
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            // A new connection remembers nothing, and store:false kept nothing: the id is unknown...
            ws.send(create("store", false, "previous_response_id", first.get("id"),
                    "input", "Try to continue after reconnect. Reply with exactly: reconnected"));
            Map<String, Object> e = error(ws.turn());
            assertThat(Json.str(e, "error.code")).isEqualTo("previous_response_not_found");
            assertThat(e.get("status")).isEqualTo(400);
            // ...so the client starts a new response, which works on the same connection.
            ws.send(create("store", false, "input", say("The previous store:false chain could not continue after reconnect. "
                    + "Start a new response and reply with exactly: recovered")));
            completed(ws.turn());
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void websocketPreviousResponseNotFound(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(create("store", false, "previous_response_id", "resp_openresponses_missing_" + upstream.ordinal(),
                    "input", "This should fail because the previous response is missing."));
            Map<String, Object> e = error(ws.turn());

            assertThat(e.get("status")).isEqualTo(400);
            assertThat(Json.str(e, "error.code")).isEqualTo("previous_response_not_found");
            assertThat(Json.str(e, "error.param")).isEqualTo("previous_response_id");
            assertThat(Json.str(e, "error.type")).isEqualTo("invalid_request_error");
            // The connection stays usable.
            ws.send(create("input", say("still there?")));
            completed(ws.turn());
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void websocketFailedContinuationEvictsCache(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(create("store", false, "input", "Remember the code word: ember. Reply with OK."));
            Map<String, Object> first = completed(ws.turn());
            int before = upstreamCalls(upstream);

            // A tool output that answers no call of the conversation: the live API refuses it (400).
            ws.send(create("store", false, "previous_response_id", first.get("id"), "input", List.of(Json.map(
                    "type", "function_call_output", "call_id", "call_openresponses_missing",
                    "output", "No matching tool call exists in the previous response."))));
            Map<String, Object> failed = error(ws.turn());
            assertThat(failed.get("status")).isEqualTo(400);
            assertThat(Json.str(failed, "error.message")).contains("call_openresponses_missing");
            if (upstream == Upstream.CHAT) {
                // Refused by the bridge: the Chat upstream would take the orphan tool message, or refuse it less clearly.
                assertThat(upstreamCalls(upstream)).isEqualTo(before);
                assertThat(Json.str(failed, "error.param")).isEqualTo("input");
            }

            // The failed continuation evicted the response it continued from.
            ws.send(create("store", false, "previous_response_id", first.get("id"),
                    "input", "Try to continue after the failed turn. Reply with exactly: stale"));
            assertThat(Json.str(error(ws.turn()), "error.code")).isEqualTo("previous_response_not_found");
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void websocketCompactNewChain(Upstream upstream) {
        Map<String, Object> compactRequest = Json.map("model", "gpt-test", "input", List.of(
                Json.map("type", "message", "role", "user", "content", List.of(Json.map("type", "input_text",
                        "text", "Remember the compaction code word: slate."))),
                Json.map("type", "message", "role", "assistant", "content", List.of(Json.map("type", "output_text", "text", "OK."))),
                Json.map("type", "message", "role", "user", "content", List.of(Json.map("type", "input_text",
                        "text", "Compress this conversation for later continuation.")))));
        TestClient.Reply compacted = TestClient.of(bridge(upstream), kit).post("/v1/responses/compact", compactRequest);
        assertThat(compacted.status()).as(compacted.body()).isEqualTo(200);
        List<Object> output = Json.list(compacted.json(), "output");
        assertThat(output).anySatisfy(item -> assertThat(Json.str(item, "type")).isEqualTo("compaction"));

        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            // A new chain: the compacted window as input, no previous_response_id.
            List<Object> input = new ArrayList<>(output);
            input.addAll(say("Continue from here. Reply with exactly: compacted"));
            ws.send(create("store", false, "input", input, "tools", List.of()));
            Map<String, Object> r = completed(ws.turn());
            assertThat(r.get("previous_response_id")).isNull();
        }
        if (upstream == Upstream.CHAT) {
            // The bridge's own compaction item came back unsealed, as context for the Chat model.
            String messages = Json.write(Json.list(chat.last().json(), "messages"));
            assertThat(messages).contains(Compactions.SUMMARY_PREFIX.strip());
            assertThat(messages).doesNotContain("cw1.");
        } else {
            // Over a Responses upstream compaction is the upstream's, its item passed back as it was.
            assertThat(Json.write(lastUpstreamRequest(upstream))).contains("\"type\":\"compaction\"");
        }
    }

    /** Only over upstreams the bridge ends the WebSocket for: a WebSocket upstream warms up itself. */
    @ParameterizedTest
    @EnumSource(value = Upstream.class, names = {"CHAT", "RESPONSES_SSE"})
    void websocketGenerateFalse(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            int before = upstreamCalls(upstream);
            ws.send(create("store", false, "generate", false, "input", "Prepare to answer with exactly: warmed"));
            Map<String, Object> warmUp = completed(ws.turn());
            assertThat(Json.list(warmUp, "output")).isEmpty();
            assertThat(upstreamCalls(upstream)).as("no model call for a warm-up").isEqualTo(before);

            ws.send(create("store", false, "previous_response_id", warmUp.get("id"), "input", "Reply with exactly: warmed"));
            Map<String, Object> generated = completed(ws.turn());
            assertThat(generated.get("previous_response_id")).isEqualTo(warmUp.get("id"));
            assertThat(Json.list(generated, "output")).isNotEmpty();
            // The warm-up's input is the generated turn's context.
            assertThat(Json.write(lastUpstreamRequest(upstream))).contains("Prepare to answer with exactly: warmed");
        }
    }

    // ------------------------------------------------------------------------------------------ beyond the suite

    /**
     * The connection remembers its most recent response only, as the live API's connection-local cache does: an
     * older {@code store:false} response of the same connection is not found; a stored one is, from the store.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void theConnectionRemembersItsMostRecentResponseOnly(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(create("store", false, "input", "one"));
            Map<String, Object> one = completed(ws.turn());
            ws.send(create("store", false, "previous_response_id", one.get("id"), "input", "two"));
            Map<String, Object> two = completed(ws.turn());

            ws.send(create("store", false, "previous_response_id", one.get("id"), "input", "a fork from one"));
            assertThat(Json.str(error(ws.turn()), "error.code")).isEqualTo("previous_response_not_found");
            // That failure named another response: the latest is still there.
            ws.send(create("store", false, "previous_response_id", two.get("id"), "input", "three"));
            assertThat(text(completed(ws.turn()))).contains("three");

            ws.send(create("input", "stored one"));
            Map<String, Object> stored = completed(ws.turn());
            ws.send(create("input", "stored two"));
            completed(ws.turn());
            ws.send(create("previous_response_id", stored.get("id"), "input", "a fork from a stored response"));
            Map<String, Object> fork = completed(ws.turn());
            assertThat(fork.get("previous_response_id")).isEqualTo(stored.get("id"));
        }
    }

    /** A connection is one request, logged when it closes: with what it turned out to be, not at the upgrade. */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void theAccessLogLineOfAConnectionIsWrittenWhenItCloses(Upstream upstream) {
        String mode = switch (upstream) {
            case CHAT -> "mode=websocket>chat";
            case RESPONSES_WS -> "mode=websocket>passthrough";
            case RESPONSES_SSE -> "mode=websocket>responses";
        };
        long before = accessLines(mode);
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(create("input", say("hi")));
            completed(ws.turn());
        }
        RoutedBridges.eventually(() -> assertThat(accessLines(mode)).isEqualTo(before + 1));
    }

    static long accessLines(String containing) {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(file).as("the build writes logs to a file").isNotBlank();
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of(file)).stream()
                    .filter(l -> l.contains("dev.crosswalk.bridge.access") && l.contains(" " + containing + " ")).count();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wsUpgradeIsAuthenticatedExactlyAsHttp() {
        try (BridgeServer guarded = start(chat.baseUrl(), WireApi.CHAT_COMPLETIONS, b -> b.upstreamKey(Secret.of("sk-upstream-test-0042"))
                .clientKeys(ClientKeys.of(List.of("sk-client-allowed-0001"))))) {
            assertThatThrownBy(() -> WsClient.connect(guarded, "sk-client-wrong-0002", kit)).hasMessageContaining("401");
            assertThatThrownBy(() -> WsClient.connect(guarded, null, kit)).hasMessageContaining("401");
            try (WsClient ws = WsClient.connect(guarded, "sk-client-allowed-0001", kit)) {
                ws.send(create("input", say("hi")));
                completed(ws.turn());
            }
            assertThat(chat.last().header("Authorization")).isEqualTo("Bearer sk-upstream-test-0042");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Upstream.class, names = {"CHAT", "RESPONSES_SSE"})
    void unknownMessageTypeIsAnErrorAndAppendContinuesTheLatestResponse(Upstream upstream) {
        try (WsClient ws = WsClient.connect(bridge(upstream), KEY, kit)) {
            ws.send(Json.map("type", "response.cancel"));
            assertThat(Json.str(error(ws.turn()), "error.param")).isEqualTo("type");
            ws.send(create("input", say("ok?"), "store", false, "instructions", "Be brief."));
            Map<String, Object> r = completed(ws.turn());
            // response.append: more input on the latest response, with its settings.
            ws.send(Json.map("type", "response.append", "input", say("and more")));
            Map<String, Object> appended = completed(ws.turn());
            assertThat(appended.get("previous_response_id")).isEqualTo(r.get("id"));
            assertThat(appended.get("instructions")).isEqualTo("Be brief.");
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void anUpstreamFailingMidTurnFailsThatTurnAndTheConnectionGoesOn(Upstream upstream) {
        // Each failed turn is itself a whole stream (error, then response.failed), so the kit checks it like any other.
        // Over the WebSocket pass-through the upstream's socket breaks too (fault-close-midstream closes it).
        WsClient ws = WsClient.connect(bridge(upstream), KEY, kit);
        try {
            for (String fault : List.of("fault-error-midstream", "fault-error-midstream-live", "fault-close-midstream")) {
                ws.send(create("model", fault, "input", say("Count from 1 to 3.")));
                List<Map<String, Object>> events = ws.turn();
                for (int i = 0; i < events.size(); i++) {
                    assertThat(ResponsesSchema.event(events.get(i))).as("%s message %d: %s", fault, i, events.get(i)).isEmpty();
                }
                Map<String, Object> last = events.get(events.size() - 1);
                assertThat(last.get("type")).as(fault).isEqualTo("response.failed");
                assertThat(events.get(events.size() - 2).get("type")).as(fault).isEqualTo("error");
                // The upstream's own error when it sent one: its code in the error event, its message in the failed
                // response (whose code is the spec's enum). A Chat upstream's fault frames are all model_overloaded.
                boolean quota = fault.endsWith("-live") && upstream != Upstream.CHAT;
                if (fault.startsWith("fault-error")) {
                    assertThat(events.get(events.size() - 2)).as(fault)
                            .containsEntry("code", quota ? "insufficient_quota" : "model_overloaded");
                    assertThat(Json.str(events.get(events.size() - 2), "error.code")).as(fault)
                            .isEqualTo(quota ? "insufficient_quota" : "model_overloaded");
                    assertThat(Json.str(last, "response.error.message")).as(fault)
                            .startsWith(quota ? "You exceeded your current quota" : "The model is overloaded");
                }
                assertThat(Json.str(last, "response.error.code")).as(fault).isEqualTo("server_error");
                if (upstream == Upstream.RESPONSES_WS && fault.equals("fault-close-midstream")) {
                    // The upstream's socket is gone, and its connection-local cache with it: once the turn is ended,
                    // the bridge closes the client's too (1011), and the client reconnects, as after any close.
                    assertThat(ws.closeCode()).isEqualTo(1011);
                    ws.close();
                    ws = WsClient.connect(bridge(upstream), KEY, kit);
                }
            }
            ws.send(create("input", say("still there?")));
            assertThat(text(completed(ws.turn()))).contains("still there?");
        } finally {
            ws.close();
        }
    }

    @Test
    void overThePassThroughAnErrorEndsTheTurnWhatTheUpstreamSendsOfItAfterIsDroppedAndAResetEndsItToo() {
        try (WsClient ws = WsClient.connect(overWebSocket, KEY, kit)) {
            ws.send(create("model", "fault-error-midstream-then-rest", "input", say("Count from 1 to 3.")));
            List<Map<String, Object>> events = ws.turn();
            assertThat(events.get(events.size() - 2)).containsEntry("type", "error").containsEntry("code", "model_overloaded");
            assertThat(events.get(events.size() - 1).get("type")).isEqualTo("response.failed");
            // The turn is over for the client: the next one reads its own events only, not the rest of the failed one.
            ws.send(create("input", say("still there?")));
            List<Map<String, Object>> next = ws.turn();
            assertThat(next.get(0).get("type")).isEqualTo("response.created");
            assertThat(text(completed(next))).contains("still there?");
            // An upstream error quoting the key: masked in its error event and in the response.failed made from it.
            ws.send(create("model", "fault-error-midstream-echoing-key", "input", say("hi")));
            List<Map<String, Object>> echoing = ws.turn();
            assertThat(echoing.get(echoing.size() - 1).get("type")).isEqualTo("response.failed");
            assertThat(Json.str(echoing.get(echoing.size() - 1), "response.error.message")).startsWith("Incorrect API key provided");
            assertThat(Json.write(echoing)).doesNotContain(KEY);

            // The upstream's TCP connection dropped mid-turn (no close frame): the turn ends the same way, then the
            // client's connection is closed (1011).
            ws.send(create("model", "fault-reset-midstream", "input", say("hi")));
            List<Map<String, Object>> reset = ws.turn();
            assertThat(reset.get(reset.size() - 2).get("type")).isEqualTo("error");
            assertThat(reset.get(reset.size() - 1).get("type")).isEqualTo("response.failed");
            assertThat(ws.closeCode()).isEqualTo(1011);
        }
    }

    /** The turns the upstream was asked for (not the bridge's attempts at a WebSocket upgrade). */
    static int upstreamCalls(Upstream upstream) {
        return switch (upstream) {
            case CHAT -> chat.requests().size();
            case RESPONSES_SSE -> (int) responses.requests().stream().filter(r -> r.method().equals("POST")).count();
            case RESPONSES_WS -> webSocketUpstream.received.size();
        };
    }
}
