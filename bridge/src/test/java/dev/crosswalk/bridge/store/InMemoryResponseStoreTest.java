package dev.crosswalk.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryResponseStoreTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    StoredResponse entry(String id) {
        return new StoredResponse(id, "owner", clock.instant(), "{\"id\":\"" + id + "\"}", "[]");
    }

    @Test
    void keepsAtMostMaxEntriesDroppingTheOldest() {
        InMemoryResponseStore store = new InMemoryResponseStore(3, Duration.ofHours(1), clock);
        for (int i = 1; i <= 5; i++) {
            store.put(entry("resp_" + i));
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.get("resp_1")).isEmpty();
        assertThat(store.get("resp_2")).isEmpty();
        assertThat(store.get("resp_5")).isPresent();
    }

    @Test
    void forgetsEntriesOlderThanMaxAge() {
        InMemoryResponseStore store = new InMemoryResponseStore(100, Duration.ofMinutes(10), clock);
        store.put(entry("resp_old"));
        clock.advance(Duration.ofMinutes(6));
        store.put(entry("resp_new"));
        clock.advance(Duration.ofMinutes(5));

        assertThat(store.get("resp_old")).isEmpty();
        assertThat(store.get("resp_new")).isPresent();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void replacesAndDeletes() {
        InMemoryResponseStore store = new InMemoryResponseStore(10, Duration.ofHours(1), clock);
        store.put(entry("resp_1"));
        store.put(new StoredResponse("resp_1", "owner", clock.instant(), "{\"v\":2}", "[]"));

        assertThat(store.get("resp_1")).get().extracting(StoredResponse::responseJson).isEqualTo("{\"v\":2}");
        assertThat(store.delete("resp_1")).isTrue();
        assertThat(store.delete("resp_1")).isFalse();
        assertThat(store.get("resp_1")).isEmpty();
    }

    @Test
    void toStringShowsNoContent() {
        assertThat(entry("resp_1").toString()).doesNotContain("{\"id\"");
    }

    @Test
    void aTurnCannotContinueItself() {
        assertThatThrownBy(() -> new StoredResponse("resp_1", "owner", clock.instant(), "{}", "[]", "resp_1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
