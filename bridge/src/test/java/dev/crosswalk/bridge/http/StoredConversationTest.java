package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.bridge.store.InMemoryResponseStore;
import dev.crosswalk.bridge.store.JdbcResponseStore;
import dev.crosswalk.bridge.store.ResponseStore;
import dev.crosswalk.bridge.store.ResponseStores;
import dev.crosswalk.bridge.store.StoredResponse;
import dev.crosswalk.bridge.store.TestDatabases;
import dev.crosswalk.testkit.FakeModel;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 (3) at the bridge: a conversation is stored a turn at a time (each turn's new items once, a reference to the
 * turn before), and still reads back whole: what the upstream is sent and what {@code input_items} lists are checked
 * against the conversation the test itself writes down, never against the store's own reading.
 */
class StoredConversationTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    FakeOpenAi upstream;
    BridgeServer bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    TestClient start(ResponseStore store) {
        upstream = kit.chatModel();
        bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.store(store));
        return TestClient.of(bridge, kit);
    }

    static ResponseStore open(String db) throws Exception {
        if (db.equals("memory")) {
            return new InMemoryResponseStore(10_000, Duration.ofHours(1), Clock.systemUTC());
        }
        String url = TestDatabases.fresh(db);
        return ResponseStores.open(url, null, null, 10_000, Duration.ofHours(1), Clock.systemUTC());
    }

    /** The conversation as the test writes it down: turn i's user text and the fake upstream's echo of it. */
    static List<String> expected(int turns) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= turns; i++) {
            texts.add("Turn " + i);
            texts.add("Echo: Turn " + i + " (" + (2 * i - 1) + " messages)");
        }
        return texts;
    }

    /** Turns from..to, each chained on the one before (every fifth streamed); returns their ids. */
    static List<String> converse(TestClient client, int from, int to, String previousId, ResponseStore store, List<Long> bytes) {
        List<String> ids = new ArrayList<>();
        String previous = previousId;
        for (int i = from; i <= to; i++) {
            Map<String, Object> body = Json.map("model", "gpt-test", "input", "Turn " + i);
            if (previous != null) {
                body.put("previous_response_id", previous);
            }
            if (i % 5 == 0) {
                body.put("stream", true);
                TestClient.Stream stream = client.stream("/v1/responses", body);
                assertThat(stream.types()).as("turn " + i).last().isEqualTo("response.completed");
                previous = Json.str(stream.data().get(stream.data().size() - 1), "response.id");
            } else {
                TestClient.Reply reply = client.post("/v1/responses", body);
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                previous = Json.str(reply.json(), "id");
            }
            ids.add(previous);
            if (bytes != null) {
                bytes.add(usage(store).bytes());
            }
        }
        return ids;
    }

    static ResponseStore.Usage usage(ResponseStore store) {
        return store instanceof JdbcResponseStore jdbc ? jdbc.refreshUsage() : store.usage().orElseThrow();
    }

    /** Every text of the turn's input items, oldest first, paging through them as a client would. */
    static List<String> inputTexts(TestClient client, String id) {
        List<String> texts = new ArrayList<>();
        String after = null;
        while (true) {
            TestClient.Reply page = client.get("/v1/responses/" + id + "/input_items?order=asc&limit=7" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (Object item : Json.list(page.json(), "data")) {
                texts.add(FakeModel.text(item));
            }
            if (!Boolean.TRUE.equals(page.json().get("has_more"))) {
                return texts;
            }
            after = Json.str(page.json(), "last_id");
        }
    }

    List<String> sentTexts() {
        return Json.list(upstream.last().json(), "messages").stream().map(FakeModel::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void aFiftyTurnConversationStoresEachTurnOnceAndReadsBackWhole(String db) throws Exception {
        ResponseStore store = open(db);
        TestClient client = start(store);
        List<Long> bytes = new ArrayList<>();
        List<String> ids = converse(client, 1, 50, null, store, bytes);

        // The 50th turn was sent the whole conversation before it.
        List<String> whole = expected(50);
        assertThat(sentTexts()).isEqualTo(whole.subList(0, 99));
        // input_items lists all the 50th turn saw, as before turns were chained.
        assertThat(inputTexts(client, ids.get(49))).isEqualTo(whole.subList(0, 99));
        assertThat(inputTexts(client, ids.get(9))).isEqualTo(whole.subList(0, 19));

        // O(n), not O(n²): the 50th turn adds about what the 2nd did (with whole contexts it would add 25 times as much).
        long second = bytes.get(1) - bytes.get(0);
        long fiftieth = bytes.get(49) - bytes.get(48);
        assertThat(fiftieth).as("bytes the 50th turn added; the 2nd added %d", second).isLessThan(second * 3 / 2);
        assertThat(bytes.get(49)).as("bytes of 50 turns").isLessThan(50 * second * 3 / 2);
        System.out.printf("store=%s: 50 turns take %d bytes (turn 1: %d, turn 2: +%d, turn 50: +%d)%n", db, bytes.get(49),
                bytes.get(0), second, fiftieth);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void deletingATurnInTheMiddleLeavesItsLaterTurnsWhole(String db) throws Exception {
        ResponseStore store = open(db);
        TestClient client = start(store);
        List<String> ids = converse(client, 1, 10, null, store, null);

        assertThat(client.delete("/v1/responses/" + ids.get(4)).status()).isEqualTo(200);
        assertThat(client.get("/v1/responses/" + ids.get(4)).status()).isEqualTo(404);
        assertThat(client.get("/v1/responses/" + ids.get(4) + "/input_items").status()).isEqualTo(404);
        TestClient.Reply fromDeleted = client.post("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", ids.get(4), "input", "x"));
        assertThat(fromDeleted.status()).isEqualTo(400);
        assertThat(Json.str(fromDeleted.json(), "error.code")).isEqualTo("previous_response_not_found");

        // Later turns were built on it before it was deleted: they keep their whole context, as they did when each
        // stored a copy of it.
        assertThat(inputTexts(client, ids.get(9))).isEqualTo(expected(10).subList(0, 19));
        converse(client, 11, 11, ids.get(9), store, null);
        assertThat(sentTexts()).isEqualTo(expected(11).subList(0, 21));
    }

    @Test
    void aConversationLargerThanTheStoreLosesItsFirstTurnsAndIsThenA400NotA500() {
        ResponseStore store = new InMemoryResponseStore(6, Duration.ofHours(1), Clock.systemUTC());
        TestClient client = start(store);
        List<String> stale = converse(client, 1, 3, null, store, null);
        List<String> ids = converse(client, 1, 6, null, store, null);
        // The older conversation made room, whole; the active one reads whole up to the store's size.
        assertThat(client.get("/v1/responses/" + stale.get(0)).status()).isEqualTo(404);
        assertThat(inputTexts(client, ids.get(5))).isEqualTo(expected(6).subList(0, 11));

        // Its 7th turn is stored, but costs it its first: the 7th can no longer be continued.
        ids.addAll(converse(client, 7, 7, ids.get(5), store, null));
        TestClient.Reply next = client.post("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", ids.get(6), "input", "more"));
        assertThat(next.status()).as(next.body()).isEqualTo(400);
        assertThat(Json.str(next.json(), "error.code")).isEqualTo("previous_response_not_found");
        assertThat(Json.str(next.json(), "error.param")).isEqualTo("previous_response_id");
        assertThat(Json.str(next.json(), "error.message")).contains(ids.get(6)).contains("no longer stored");

        TestClient.Reply items = client.get("/v1/responses/" + ids.get(6) + "/input_items");
        assertThat(items.status()).as(items.body()).isEqualTo(404);
        assertThat(Json.str(items.json(), "error.message")).contains("no longer stored");
        // The response itself is still there.
        assertThat(client.get("/v1/responses/" + ids.get(6)).status()).isEqualTo(200);
    }

    @Test
    void aConversationIsReadWithTheRequestersKeyAtEveryTurn() {
        InMemoryResponseStore store = new InMemoryResponseStore(100, Duration.ofHours(1), Clock.systemUTC());
        TestClient client = start(store);
        List<String> ids = converse(client, 1, 3, null, store, null);
        TestClient other = client.withKey("sk-someone-else-0002");

        TestClient.Reply continued = other.post("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", ids.get(2), "input", "x"));
        assertThat(continued.status()).isEqualTo(400);
        assertThat(Json.str(continued.json(), "error.code")).isEqualTo("previous_response_not_found");
        assertThat(other.get("/v1/responses/" + ids.get(2) + "/input_items").status()).isEqualTo(404);

        // A chain through another owner's turn (the bridge never stores one; a shared database might hold one) is not
        // read for anybody: its turns are checked one by one, not only the last.
        String mine = store.get(ids.get(0)).orElseThrow().owner();
        store.put(new StoredResponse("resp_theirs", "someone-else", java.time.Instant.now(), "{\"id\":\"resp_theirs\",\"output\":[]}", "[]"));
        store.put(new StoredResponse("resp_forged", mine, java.time.Instant.now(), "{\"id\":\"resp_forged\",\"output\":[]}", "[]", "resp_theirs"));
        TestClient.Reply forged = client.post("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", "resp_forged", "input", "x"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(Json.str(forged.json(), "error.code")).isEqualTo("previous_response_not_found");
        assertThat(upstream.requests()).hasSize(3);
    }

    /** Over WebSocket a continuation may come from the connection's cache, where a turn may be one never stored. */
    @Test
    void aWebSocketTurnContinuingACachedTurnStoresAllTheStoreLacks() {
        InMemoryResponseStore store = new InMemoryResponseStore(100, Duration.ofHours(1), Clock.systemUTC());
        TestClient client = start(store);
        String first;
        String second;
        String third;
        try (WsClient ws = WsClient.connect(bridge, "sk-client-test-0001", kit)) {
            first = wsTurn(ws, Json.map("store", false, "input", "Turn 1"));
            second = wsTurn(ws, Json.map("previous_response_id", first, "input", "Turn 2"));
            third = wsTurn(ws, Json.map("previous_response_id", second, "input", "Turn 3"));
        }
        assertThat(store.get(first)).isEmpty();
        // The 2nd continued a turn the store does not have: it holds all it saw; the 3rd only its own items.
        assertThat(store.get(second).orElseThrow().previousId()).isNull();
        assertThat(store.get(third).orElseThrow().previousId()).isEqualTo(second);
        assertThat(inputTexts(client, second)).isEqualTo(expected(2).subList(0, 3));
        assertThat(inputTexts(client, third)).isEqualTo(expected(3).subList(0, 5));
    }

    static String wsTurn(WsClient ws, Map<String, Object> fields) {
        Map<String, Object> create = Json.map("type", "response.create", "model", "gpt-test");
        create.putAll(fields);
        ws.send(create);
        List<Map<String, Object>> events = ws.turn();
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(last.get("type")).as(String.valueOf(last)).isEqualTo("response.completed");
        return Json.str(last, "response.id");
    }

    @Test
    void aJdbcStoresSizeIsAGaugeFromItsLatestCount() throws Exception {
        JdbcResponseStore store = (JdbcResponseStore) open("h2");
        TestClient client = start(store);
        converse(client, 1, 3, null, store, null);
        ResponseStore.Usage usage = store.refreshUsage();
        assertThat(usage.entries()).isEqualTo(3);

        String scrape = client.get("/metrics").body();
        assertThat(RoutedBridges.sample(scrape, "crosswalk_store_entries", Map.of())).isEqualTo(3);
        assertThat(RoutedBridges.sample(scrape, "crosswalk_store_bytes", Map.of())).isEqualTo(usage.bytes());
    }
}
