package dev.crosswalk.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 10 (3): the memory store is bounded by bytes, not only by count: 22 turns of 8 MB cannot exhaust a heap. */
class StoreByteBudgetTest {
    private static final long MB = 1 << 20;

    private static StoredResponse turn(String id, int chars) {
        return new StoredResponse(id, "owner", Instant.now(), "{\"id\":\"" + id + "\",\"t\":\"" + "x".repeat(chars) + "\"}", "[]");
    }

    @Test
    void theOldestTurnsGoOnceTheBudgetIsSpent() {
        InMemoryResponseStore store = new InMemoryResponseStore(10_000, 40 * MB, Duration.ofHours(1), Clock.systemUTC());
        for (int i = 0; i < 22; i++) {
            store.put(turn("resp_" + i, 4 * (int) MB)); // 4 M characters: 8 MB of heap at worst
            assertThat(store.bytes()).isLessThanOrEqualTo(40 * MB);
        }
        // Five 8 MB turns fit in 40 MB (with their overhead, four): the newest are kept, the oldest gone.
        assertThat(store.size()).isBetween(4, 5);
        assertThat(store.get("resp_21")).isPresent();
        assertThat(store.get("resp_0")).isEmpty();
        assertThat(store.get("resp_16")).isEmpty();
    }

    @Test
    void bytesAreGivenBackOnDeleteReplaceAndExpiry() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, 10 * MB, Duration.ofHours(1), Clock.systemUTC());
        store.put(turn("a", 1000));
        long one = store.bytes();
        assertThat(one).isEqualTo(InMemoryResponseStore.sizeOf(turn("a", 1000)));
        store.put(turn("a", 1000));
        assertThat(store.bytes()).isEqualTo(one);
        store.delete("a");
        assertThat(store.bytes()).isZero();
    }

    @Test
    void aTurnLargerThanTheWholeBudgetIsRefusedNotPretendedKept() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, MB, Duration.ofHours(1), Clock.systemUTC());
        store.put(turn("small", 10));
        assertThatThrownBy(() -> store.put(turn("huge", (int) MB))).isInstanceOf(StoreException.class);
        assertThat(store.get("small")).isPresent();
        assertThat(store.get("huge")).isEmpty();
    }
}
