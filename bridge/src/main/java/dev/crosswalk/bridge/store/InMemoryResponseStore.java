package dev.crosswalk.bridge.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: process memory, bounded by count (the oldest entry goes first) and by age. Lost on restart and
 * not shared between bridge instances; use {@link JdbcResponseStore} for that.
 *
 * <pre>{@code
 * ResponseStore store = new InMemoryResponseStore(10_000, Duration.ofHours(24), Clock.systemUTC());
 * }</pre>
 */
public final class InMemoryResponseStore implements ResponseStore {
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    // Insertion order is storage order, so the eldest entry is both the first to evict and the first to expire.
    private final LinkedHashMap<String, StoredResponse> entries = new LinkedHashMap<>();

    /**
     * @param maxEntries how many turns to keep at most
     * @param maxAge how long a turn is kept
     * @param clock tells the age of entries
     */
    public InMemoryResponseStore(int maxEntries, Duration maxAge, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public synchronized void put(StoredResponse response) {
        entries.remove(response.id());
        entries.put(response.id(), response);
        expire();
        while (entries.size() > maxEntries) {
            Iterator<String> eldest = entries.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    @Override
    public synchronized Optional<StoredResponse> get(String id) {
        expire();
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized boolean delete(String id) {
        expire();
        return entries.remove(id) != null;
    }

    /** How many turns are held now (expired ones excluded). */
    public synchronized int size() {
        expire();
        return entries.size();
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(maxAge);
        Iterator<Map.Entry<String, StoredResponse>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (!it.next().getValue().createdAt().isBefore(cutoff)) {
                return;
            }
            it.remove();
        }
    }
}
