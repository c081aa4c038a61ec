package dev.crosswalk.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 (3): each turn is stored once, with a reference to the turn it continues; the same rules in every store
 * (memory, PostgreSQL, H2), each store in a fresh database so that counts and budgets are the test's own.
 */
class ChainedStoreTest {
    static ResponseStore open(String db, int maxEntries, long maxBytes, Clock clock) throws Exception {
        return db.equals("memory") ? new InMemoryResponseStore(maxEntries, maxBytes, Duration.ofMinutes(10), clock)
                : ResponseStores.open(TestDatabases.fresh(db), null, null, maxEntries, maxBytes, Duration.ofMinutes(10), clock);
    }

    static ResponseStore open(String db, Clock clock) throws Exception {
        return open(db, 100_000, Long.MAX_VALUE, clock);
    }

    static StoredResponse turn(int i, Instant at) {
        return new StoredResponse("resp_" + i, "owner", at, "{\"id\":\"resp_" + i + "\",\"output\":[\"a" + i + "\"]}",
                "[\"u" + i + "\"]", i == 1 ? null : "resp_" + (i - 1));
    }

    /** Stores turns 1..n, each continuing the one before. */
    static void converse(ResponseStore store, int n, Clock clock) {
        for (int i = 1; i <= n; i++) {
            store.put(turn(i, clock.instant()));
        }
    }

    static List<String> ids(List<StoredResponse> chain) {
        return chain.stream().map(StoredResponse::id).toList();
    }

    static List<String> expectedIds(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add("resp_" + i);
        }
        return ids;
    }

    static long size(ResponseStore store, StoredResponse turn) {
        return store instanceof JdbcResponseStore ? JdbcResponseStore.sizeOf(turn) : InMemoryResponseStore.sizeOf(turn);
    }

    static ResponseStore.Usage usage(ResponseStore store) {
        return store instanceof JdbcResponseStore jdbc ? jdbc.refreshUsage() : store.usage().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void aLongConversationIsReadBackOldestFirstAndCostsEachTurnOnce(String db) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (ResponseStore store = open(db, clock)) {
            converse(store, 300, clock);

            assertThat(ids(store.chain("resp_300"))).isEqualTo(expectedIds(1, 300));
            assertThat(store.chain("resp_300").get(0).previousId()).isNull();
            assertThat(ids(store.chain("resp_7"))).isEqualTo(expectedIds(1, 7));
            assertThat(store.chain("resp_missing")).isEmpty();
            StoredResponse read = store.chain("resp_300").get(299);
            assertThat(read.inputItemsJson()).isEqualTo("[\"u300\"]");
            assertThat(read.previousId()).isEqualTo("resp_299");

            // The store's own accounting: the sum of each turn's own size, not of the contexts they stand for.
            long expected = 0;
            for (int i = 1; i <= 300; i++) {
                expected += size(store, turn(i, clock.instant()));
            }
            assertThat(usage(store)).isEqualTo(new ResponseStore.Usage(300, expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void aDeletedTurnInTheMiddleIsGoneButItsLaterTurnsStillReadWhole(String db) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (ResponseStore store = open(db, clock)) {
            converse(store, 10, clock);

            assertThat(store.delete("resp_5")).isTrue();
            assertThat(store.get("resp_5")).isEmpty();
            assertThat(store.chain("resp_5")).isEmpty();
            assertThat(store.delete("resp_5")).isFalse();
            assertThat(ids(store.chain("resp_10"))).isEqualTo(expectedIds(1, 10));
            assertThat(usage(store).entries()).isEqualTo(10);

            // Once no later turn needs it, the deleted turn is released for real (newest first, as a client would).
            for (int i = 10; i >= 6; i--) {
                assertThat(store.delete("resp_" + i)).isTrue();
            }
            assertThat(usage(store).entries()).isEqualTo(4);
            assertThat(ids(store.chain("resp_4"))).isEqualTo(expectedIds(1, 4));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void deletingAWholeConversationOldestFirstLeavesNothingBehind(String db) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (ResponseStore store = open(db, clock)) {
            converse(store, 6, clock);
            for (int i = 1; i <= 6; i++) {
                assertThat(store.delete("resp_" + i)).isTrue();
                assertThat(store.chain("resp_6")).hasSize(i == 6 ? 0 : 6);
            }
            assertThat(usage(store)).isEqualTo(new ResponseStore.Usage(0, 0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void anExpiredFirstTurnIsKeptForItsLiveLaterTurnsThenPurged(String db) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (ResponseStore store = open(db, clock)) {
            store.put(turn(1, clock.instant()));
            clock.advance(Duration.ofMinutes(8));
            store.put(turn(2, clock.instant()));
            clock.advance(Duration.ofMinutes(8)); // turn 1 is 16 minutes old (bound: 10), turn 2 is 8

            assertThat(store.get("resp_1")).isEmpty();
            assertThat(store.chain("resp_1")).isEmpty();
            assertThat(ids(store.chain("resp_2"))).containsExactly("resp_1", "resp_2");
            purge(store);
            assertThat(ids(store.chain("resp_2"))).containsExactly("resp_1", "resp_2");

            clock.advance(Duration.ofMinutes(8));
            assertThat(store.chain("resp_2")).isEmpty();
            purge(store);
            assertThat(usage(store).entries()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void anEvictedFirstTurnLeavesABrokenChainNotAnError(String db) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        StoredResponse probe = turn(9, clock.instant());
        // Room for about four turns by bytes (the memory store also by count).
        long budget = 4 * (db.equals("memory") ? InMemoryResponseStore.sizeOf(probe) : JdbcResponseStore.sizeOf(probe)) + 8;
        try (ResponseStore store = open(db, 4, budget, clock)) {
            for (int i = 1; i <= 6; i++) {
                clock.advance(Duration.ofMillis(5));
                store.put(turn(i, clock.instant()));
            }

            assertThat(store.get("resp_1")).isEmpty();
            assertThat(store.get("resp_2")).isEmpty();
            List<StoredResponse> chain = store.chain("resp_6");
            assertThat(ids(chain)).isEqualTo(expectedIds(3, 6));
            assertThat(chain.get(0).previousId()).as("broken: the chain's first turn continues one no longer stored").isEqualTo("resp_2");
            assertThat(usage(store).bytes()).isLessThanOrEqualTo(budget);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void theByteBudgetEvictsTheOldestAndRefusesATurnLargerThanItAll(String db) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        long budget = 20_000;
        try (ResponseStore store = open(db, 100_000, budget, clock)) {
            for (int i = 0; i < 40; i++) {
                clock.advance(Duration.ofMillis(5));
                store.put(new StoredResponse("resp_" + i, "o", clock.instant(), "{\"t\":\"" + "é".repeat(600) + "\"}", "[]"));
                assertThat(usage(store).bytes()).isLessThanOrEqualTo(budget);
            }
            assertThat(store.get("resp_39")).isPresent();
            assertThat(store.get("resp_0")).isEmpty();
            assertThat(usage(store).entries()).isBetween(5L, 20L);

            assertThatThrownBy(() -> store.put(new StoredResponse("huge", "o", clock.instant(), "{\"t\":\"" + "x".repeat(30_000) + "\"}", "[]")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("budget");
            assertThat(store.get("huge")).isEmpty();
            assertThat(store.get("resp_39")).isPresent();
        }
    }

    private static void purge(ResponseStore store) {
        if (store instanceof JdbcResponseStore jdbc) {
            jdbc.purgeExpired();
        }
    }

    /** A table made by a bridge from before chained turns: each row the full context. */
    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aTableOfTheOldShapeIsMigratedAndItsRowsStillLoad(String db) throws Exception {
        String url = TestDatabases.fresh(db);
        String legacyInput = "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"héllo\"}]";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE crosswalk_responses (id VARCHAR(255) NOT NULL PRIMARY KEY, owner VARCHAR(128) NOT NULL,"
                    + " created_at BIGINT NOT NULL, response_json TEXT NOT NULL, input_items_json TEXT NOT NULL)");
            s.execute("INSERT INTO crosswalk_responses VALUES ('resp_old', 'o', " + Instant.now().toEpochMilli()
                    + ", '{\"id\":\"resp_old\"}', '" + legacyInput + "')");
        }
        try (JdbcResponseStore store = (JdbcResponseStore) ResponseStores.open(url, null, null, 10, Long.MAX_VALUE,
                Duration.ofMinutes(10), Clock.systemUTC())) {
            StoredResponse old = store.get("resp_old").orElseThrow();
            assertThat(old.inputItemsJson()).isEqualTo(legacyInput);
            assertThat(old.previousId()).isNull();
            assertThat(ids(store.chain("resp_old"))).containsExactly("resp_old");
            // Its bytes are counted like a new row's (UTF-8: é is two).
            assertThat(store.refreshUsage()).isEqualTo(new ResponseStore.Usage(1, JdbcResponseStore.sizeOf(old)));

            store.put(new StoredResponse("resp_new", "o", Instant.now(), "{\"id\":\"resp_new\"}", "[]", "resp_old"));
            assertThat(ids(store.chain("resp_new"))).containsExactly("resp_old", "resp_new");
        }
        // Opening it again (another bridge, a restart) finds it migrated.
        try (ResponseStore again = ResponseStores.open(url, null, null, 10, Duration.ofMinutes(10), Clock.systemUTC())) {
            assertThat(ids(again.chain("resp_new"))).containsExactly("resp_old", "resp_new");
        }
    }

    @Test
    void theMemoryStoreCountsTurnsKeptForLaterTurnsAgainstItsBounds() {
        MutableClock clock = new MutableClock(Instant.now());
        InMemoryResponseStore store = new InMemoryResponseStore(3, Duration.ofMinutes(10), clock);
        converse(store, 3, clock);
        store.delete("resp_1");
        assertThat(store.size()).isEqualTo(3);
        clock.advance(Duration.ofMillis(1));
        store.put(new StoredResponse("other", "owner", clock.instant(), "{}", "[]"));
        // The hidden resp_1 counts: to make room, the older conversation lost its latest turn, and still reads whole.
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.get("resp_3")).isEmpty();
        assertThat(ids(store.chain("resp_2"))).containsExactly("resp_1", "resp_2");
    }

    /** Two conversations, b continued after a's last turn: b's earliest turns outlive a's latest. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgres", "h2"})
    void theBoundsEvictTheConversationLeastRecentlyContinuedWholeBeforeAnActiveOneLosesATurn(String db) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        StoredResponse probe = new StoredResponse("b_9", "o", clock.instant(), "{\"output\":[\"b9\"]}", "[\"u\"]", "b_8");
        long one = db.equals("memory") ? InMemoryResponseStore.sizeOf(probe) : JdbcResponseStore.sizeOf(probe);
        try (ResponseStore store = open(db, 6, 6 * one + one / 2, clock)) {
            for (String c : List.of("b", "a")) {
                for (int i = 1; i <= 3; i++) {
                    clock.advance(Duration.ofMillis(5));
                    store.put(new StoredResponse(c + "_" + i, "o", clock.instant(), "{\"output\":[\"" + c + i + "\"]}", "[\"u\"]",
                            i == 1 ? null : c + "_" + (i - 1)));
                }
            }
            // b is continued: its turns 4..6 take a's room, a's latest turn first.
            for (int i = 4; i <= 6; i++) {
                clock.advance(Duration.ofMillis(5));
                store.put(new StoredResponse("b_" + i, "o", clock.instant(), "{\"output\":[\"b" + i + "\"]}", "[\"u\"]", "b_" + (i - 1)));
                assertThat(store.get("a_" + (7 - i))).as("a_" + (7 - i)).isEmpty();
                if (i < 6) {
                    assertThat(ids(store.chain("a_" + (6 - i)))).as("what is left of a reads whole").hasSize(6 - i);
                }
                assertThat(ids(store.chain("b_" + i))).hasSize(i).first().isEqualTo("b_1");
            }
            // b alone fills the store: its next turn costs it its first one, and its chain breaks there.
            clock.advance(Duration.ofMillis(5));
            store.put(new StoredResponse("b_7", "o", clock.instant(), "{\"output\":[\"b7\"]}", "[\"u\"]", "b_6"));
            assertThat(store.chain("b_7").get(0).previousId()).isEqualTo("b_1");
        }
    }
}
