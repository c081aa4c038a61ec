package dev.crosswalk.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory store and a JDBC store (PostgreSQL, H2) given the same random conversations — branching, deleted in any
 * order, expiring — must agree on every turn's visibility and chain after every step, and hold the same turns once
 * the database is purged. Two independent implementations of one set of rules ({@link ResponseStore}): either one
 * drifting fails. The seed is in the test's name and every assertion message.
 */
class StoreDifferentialTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    @ParameterizedTest(name = "db:seed {0}")
    @ValueSource(strings = {"h2:1", "h2:2", "h2:3", "postgres:4"})
    void theMemoryAndTheDatabaseStoreAgreeStepByStep(String spec) {
        String db = spec.substring(0, spec.indexOf(':'));
        long seed = Long.parseLong(spec.substring(spec.indexOf(':') + 1));
        Random random = new Random(seed);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryResponseStore memory = new InMemoryResponseStore(100_000, TTL, clock);
        try (JdbcResponseStore jdbc = (JdbcResponseStore) ResponseStores.open(TestDatabases.fresh(db), null, null, 100_000, TTL, clock)) {
            List<String> ids = new ArrayList<>();
            for (int step = 0; step < 150; step++) {
                String what = "seed " + seed + ", step " + step;
                int op = random.nextInt(10);
                if (op < 6 || ids.isEmpty()) {
                    // A new turn continues a visible turn (as the bridge only continues visible ones), or starts anew.
                    List<String> visible = ids.stream().filter(id -> memory.get(id).isPresent()).toList();
                    String previous = visible.isEmpty() || random.nextInt(4) == 0 ? null : visible.get(random.nextInt(visible.size()));
                    String id = "resp_" + step;
                    StoredResponse turn = new StoredResponse(id, "o", clock.instant(), "{\"output\":[\"a" + step + "\"]}",
                            "[\"u" + step + "\"]", previous);
                    memory.put(turn);
                    jdbc.put(turn);
                    ids.add(id);
                } else if (op < 9) {
                    String id = ids.get(random.nextInt(ids.size()));
                    assertThat(jdbc.delete(id)).as(what + ": delete " + id).isEqualTo(memory.delete(id));
                } else {
                    clock.advance(Duration.ofSeconds(random.nextInt(300)));
                }
                clock.advance(Duration.ofMillis(1));
                for (String id : ids) {
                    assertThat(jdbc.get(id).isPresent()).as(what + ": visible " + id).isEqualTo(memory.get(id).isPresent());
                    assertThat(ids(jdbc.chain(id))).as(what + ": chain of " + id).isEqualTo(ids(memory.chain(id)));
                    if (!memory.chain(id).isEmpty()) {
                        assertThat(memory.chain(id).get(0).previousId()).as(what + ": complete chain of " + id).isNull();
                    }
                }
            }
            jdbc.purgeExpired();
            assertThat(jdbc.refreshUsage().entries()).as("seed " + seed + ": turns held").isEqualTo(memory.size());
        }
    }

    private static List<String> ids(List<StoredResponse> chain) {
        return chain.stream().map(StoredResponse::id).toList();
    }
}
