package dev.crosswalk.bridge.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: process memory, bounded by count, by bytes (the oldest entries go first) and by age. Lost on
 * restart and not shared between bridge instances; use {@link JdbcResponseStore} for that.
 *
 * <pre>{@code
 * ResponseStore store = new InMemoryResponseStore(10_000, 256L << 20, Duration.ofHours(24), Clock.systemUTC());
 * }</pre>
 *
 * <p>An entry's size is counted as the heap its strings take at worst (two bytes a character), so the budget holds
 * whatever the text.
 */
public final class InMemoryResponseStore implements ResponseStore {
    private final int maxEntries;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    // Insertion order is storage order, so the eldest entry is both the first to evict and the first to expire.
    private final LinkedHashMap<String, StoredResponse> entries = new LinkedHashMap<>();
    private long bytes;

    /** A store bounded by count and age only. */
    public InMemoryResponseStore(int maxEntries, Duration maxAge, Clock clock) {
        this(maxEntries, Long.MAX_VALUE, maxAge, clock);
    }

    /**
     * @param maxEntries how many turns to keep at most
     * @param maxBytes how many bytes of heap the turns may take at most (see {@link #sizeOf})
     * @param maxAge how long a turn is kept
     * @param clock tells the age of entries
     */
    public InMemoryResponseStore(int maxEntries, long maxBytes, Duration maxAge, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * @throws StoreException if this one turn is larger than the whole byte budget: it cannot be kept, and saying so is
     *         better than answering as if it had been
     */
    @Override
    public synchronized void put(StoredResponse response) {
        long size = sizeOf(response);
        if (size > maxBytes) {
            throw new StoreException("response " + response.id() + " takes " + size + " bytes, more than the store's budget of "
                    + maxBytes, null);
        }
        remove(response.id());
        entries.put(response.id(), response);
        bytes += size;
        expire();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            remove(entries.keySet().iterator().next());
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
        return remove(id);
    }

    /** The bytes the held turns take (see {@link #sizeOf}). */
    public synchronized long bytes() {
        expire();
        return bytes;
    }

    /** What one turn counts against the budget: its strings at two bytes a character, and a fixed overhead. */
    public static long sizeOf(StoredResponse r) {
        return 128 + 2L * ((long) r.id().length() + r.owner().length() + r.responseJson().length() + r.inputItemsJson().length());
    }

    private boolean remove(String id) {
        StoredResponse removed = entries.remove(id);
        if (removed != null) {
            bytes -= sizeOf(removed);
        }
        return removed != null;
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
            StoredResponse eldest = it.next().getValue();
            if (!eldest.createdAt().isBefore(cutoff)) {
                return;
            }
            it.remove();
            bytes -= sizeOf(eldest);
        }
    }
}
