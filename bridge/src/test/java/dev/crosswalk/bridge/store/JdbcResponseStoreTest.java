package dev.crosswalk.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store against a real PostgreSQL server and an H2 file database, opened the way {@code serve --store}
 * opens them (a HikariCP pool over the JDBC URL).
 */
class JdbcResponseStoreTest {
    static PostgresServer postgres;
    static Path h2Dir;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.shared();
        h2Dir = Files.createTempDirectory("crosswalk-h2");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.walk(h2Dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String url(String db) {
        return db.equals("postgres") ? postgres.jdbcUrl() : "jdbc:h2:file:" + h2Dir.resolve("store") + ";DB_CLOSE_DELAY=-1";
    }

    static ResponseStore open(String db, Clock clock) {
        return ResponseStores.open(url(db), null, null, 100, Duration.ofMinutes(10), clock);
    }

    static String unique(String prefix) {
        return prefix + "_" + System.nanoTime();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void storesReplacesReadsAndDeletes(String db) {
        MutableClock clock = new MutableClock(Instant.now());
        try (ResponseStore store = open(db, clock)) {
            assertThat(store).isInstanceOf(JdbcResponseStore.class);
            String id = unique("resp");
            String unicode = "{\"text\":\"héllo — 你好 🌍\"}";
            store.put(new StoredResponse(id, "owner-a", clock.instant(), unicode, "[{\"type\":\"message\"}]"));

            StoredResponse read = store.get(id).orElseThrow();
            assertThat(read.owner()).isEqualTo("owner-a");
            assertThat(read.responseJson()).isEqualTo(unicode);
            assertThat(read.inputItemsJson()).isEqualTo("[{\"type\":\"message\"}]");
            assertThat(read.createdAt().toEpochMilli()).isEqualTo(clock.instant().toEpochMilli());

            store.put(new StoredResponse(id, "owner-a", clock.instant(), "{\"v\":2}", "[]"));
            assertThat(store.get(id).orElseThrow().responseJson()).isEqualTo("{\"v\":2}");

            assertThat(store.delete(id)).isTrue();
            assertThat(store.delete(id)).isFalse();
            assertThat(store.get(id)).isEmpty();
            assertThat(store.get(unique("resp_missing"))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void entriesOlderThanTheAgeBoundAreGoneAndPurged(String db) {
        MutableClock clock = new MutableClock(Instant.now());
        try (ResponseStore store = open(db, clock)) {
            String old = unique("resp_old");
            store.put(new StoredResponse(old, "o", clock.instant(), "{}", "[]"));
            clock.advance(Duration.ofMinutes(11));
            String fresh = unique("resp_fresh");
            store.put(new StoredResponse(fresh, "o", clock.instant(), "{}", "[]"));

            assertThat(store.get(old)).isEmpty();
            assertThat(store.get(fresh)).isPresent();
            assertThat(((JdbcResponseStore) store).purgeExpired()).isGreaterThanOrEqualTo(0);
            clock.advance(Duration.ofMinutes(-11));
            // Purged for real, not just hidden: even with the clock back, the old row is gone.
            assertThat(store.get(old)).isEmpty();
        }
    }

    @Test
    void severalInstancesStartingAtOnceOnAnEmptyDatabaseShareOneTable() throws Exception {
        String url = TestDatabases.fresh("postgres");
        List<CompletableFuture<ResponseStore>> opening = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            opening.add(CompletableFuture.supplyAsync(() -> ResponseStores.open(url, null, null, 10, Duration.ofMinutes(10), Clock.systemUTC())));
        }
        List<ResponseStore> stores = new ArrayList<>();
        for (CompletableFuture<ResponseStore> f : opening) {
            stores.add(f.get(60, TimeUnit.SECONDS));
        }
        try {
            String id = unique("resp_shared");
            stores.get(0).put(new StoredResponse(id, "o", Instant.now(), "{\"from\":0}", "[]"));
            for (ResponseStore s : stores) {
                assertThat(s.get(id)).get().extracting(StoredResponse::responseJson).isEqualTo("{\"from\":0}");
            }
        } finally {
            stores.forEach(ResponseStore::close);
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithoutRepeatingItsPassword() {
        assertThatThrownBy(() -> ResponseStores.open("jdbc:postgresql://127.0.0.1:1/db?password=hunter2secret", null, "pw-secret-42",
                10, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql")
                .hasMessageNotContaining("hunter2secret")
                .hasMessageNotContaining("pw-secret-42");
    }

    @Test
    void onlyMemoryOrJdbcUrlsAreStores() {
        assertThatThrownBy(() -> ResponseStores.open("redis://x", null, null, 10, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ResponseStores.open("memory", null, null, 10, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(InMemoryResponseStore.class);
    }
}
