package dev.crosswalk.bridge.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The default store: process memory, bounded by count, by bytes (the conversations least recently continued go first,
 * see {@link ResponseStore}) and by age. Lost on restart and not shared between bridge instances; use
 * {@link JdbcResponseStore} for that.
 *
 * <pre>{@code
 * ResponseStore store = new InMemoryResponseStore(10_000, 256L << 20, Duration.ofHours(24), Clock.systemUTC());
 * }</pre>
 *
 * <p>An entry's size is counted as the heap its strings take at worst (two bytes a character), so the budget holds
 * whatever the text. Each turn counts only its own items ({@link StoredResponse}), so a conversation's cost grows
 * linearly with its length. Turns kept unseen for later turns of their conversation (deleted or expired ones, see
 * {@link ResponseStore}) count against both bounds too.
 */
public final class InMemoryResponseStore implements ResponseStore {
    /** A held turn and how many held turns continue it. */
    private static final class Entry {
        final StoredResponse turn;
        final long size;
        final long seq;
        /** {@code turn.createdAt()}, kept as numbers: every put compares an entry with ~log2(entries) others. */
        final long createdSecond;
        final int createdNano;
        int children;

        Entry(StoredResponse turn, long seq) {
            this.turn = turn;
            this.size = sizeOf(turn);
            this.seq = seq;
            this.createdSecond = turn.createdAt().getEpochSecond();
            this.createdNano = turn.createdAt().getNano();
        }
    }

    /**
     * Oldest first: by creation time, then storage order. Compares the entry's own numbers (the profile of a full
     * store under load showed the composed comparator, with an {@link Instant} comparison per step, at ~1 % of the
     * event loops' time).
     */
    private static final Comparator<Entry> AGE = (a, b) -> {
        int c = Long.compare(a.createdSecond, b.createdSecond);
        if (c == 0) {
            c = Integer.compare(a.createdNano, b.createdNano);
        }
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private final int maxEntries;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    // Insertion order is storage order, so the eldest entry is both the first to evict and the first to expire.
    private final LinkedHashMap<String, Entry> visible = new LinkedHashMap<>();
    // Deleted or expired turns that later turns still continue, in the order they were hidden.
    private final LinkedHashMap<String, Entry> hidden = new LinkedHashMap<>();
    // Visible turns no held turn continues, oldest first: the latest turns of their conversations, evicted first.
    private final TreeSet<Entry> leaves = new TreeSet<>(AGE);
    private long bytes;
    private long seq;

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
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Memory: a short lock, no I/O. */
    @Override
    public boolean blocking() {
        return false;
    }

    /**
     * @throws StoreException if this one turn is larger than the whole byte budget: it cannot be kept, and saying so is
     *         better than answering as if it had been
     */
    @Override
    public synchronized void put(StoredResponse response) {
        Entry entry = new Entry(response, seq++);
        if (entry.size > maxBytes) {
            throw new StoreException("response " + response.id() + " takes " + entry.size + " bytes, more than the store's budget of "
                    + maxBytes, null);
        }
        Entry parent = response.previousId() == null ? null : held(response.previousId());
        if (parent != null && parent.children++ == 0) {
            leaves.remove(parent);
        }
        Entry replaced = visible.remove(response.id());
        if (replaced == null) {
            replaced = hidden.remove(response.id());
        }
        if (replaced != null) {
            // Later turns continue the id, whichever entry holds it.
            entry.children = replaced.children;
            leaves.remove(replaced);
            drop(replaced);
        }
        visible.put(response.id(), entry);
        if (entry.children == 0) {
            leaves.add(entry);
        }
        bytes += entry.size;
        expire();
        while (count() > maxEntries || bytes > maxBytes) {
            evict(entry);
        }
    }

    @Override
    public synchronized Optional<StoredResponse> get(String id) {
        expire();
        Entry entry = visible.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.turn);
    }

    @Override
    public synchronized List<StoredResponse> chain(String id) {
        expire();
        Entry entry = visible.get(id);
        if (entry == null) {
            return List.of();
        }
        List<StoredResponse> chain = new ArrayList<>();
        chain.add(entry.turn);
        while (entry.turn.previousId() != null && chain.size() < MAX_CHAIN && (entry = held(entry.turn.previousId())) != null) {
            chain.add(entry.turn);
        }
        Collections.reverse(chain);
        return chain;
    }

    @Override
    public synchronized boolean delete(String id) {
        expire();
        Entry entry = visible.remove(id);
        if (entry == null) {
            return false;
        }
        hide(entry);
        return true;
    }

    @Override
    public synchronized Optional<Usage> usage() {
        expire();
        return Optional.of(new Usage(count(), bytes));
    }

    /** The bytes the held turns take (see {@link #sizeOf}). */
    public synchronized long bytes() {
        expire();
        return bytes;
    }

    /** How many turns are held now: the visible ones and those kept unseen for later turns. */
    public synchronized int size() {
        expire();
        return count();
    }

    /** What one turn counts against the budget: its strings at two bytes a character, and a fixed overhead. */
    public static long sizeOf(StoredResponse r) {
        long chars = (long) r.id().length() + r.owner().length() + r.responseJson().length() + r.inputItemsJson().length()
                + (r.previousId() == null ? 0 : r.previousId().length());
        return 128 + 2 * chars;
    }

    private int count() {
        return visible.size() + hidden.size();
    }

    private Entry held(String id) {
        Entry entry = visible.get(id);
        return entry != null ? entry : hidden.get(id);
    }

    /** A turn no longer visible: kept unseen while later turns continue it, else gone. */
    private void hide(Entry entry) {
        leaves.remove(entry);
        if (entry.children > 0) {
            hidden.put(entry.turn.id(), entry);
        } else {
            drop(entry);
        }
    }

    /**
     * Forgets an entry already taken out of its map, then the hidden turns it alone kept: one step up the chain at a
     * time, so chains of any length cost no stack.
     */
    private void drop(Entry entry) {
        bytes -= entry.size;
        String parentId = entry.turn.previousId();
        for (int depth = 0; parentId != null && depth < MAX_CHAIN; depth++) {
            Entry parent = held(parentId);
            if (parent == null || --parent.children > 0) {
                return;
            }
            if (hidden.get(parentId) != parent) {
                leaves.add(parent);
                return;
            }
            hidden.remove(parentId);
            bytes -= parent.size;
            parentId = parent.turn.previousId();
        }
    }

    /**
     * Evicts the oldest turn no other continues — the latest turn of the conversation least recently continued, so
     * conversations go whole, newest turn first, and active ones stay — never {@code kept} (the turn being stored).
     * Only when every other turn is continued (one conversation fills the store) does the oldest turn go, and the
     * chains through it break: the bounds are bounds, not wishes.
     */
    private void evict(Entry kept) {
        Entry victim = leaves.isEmpty() ? null : leaves.first();
        if (victim == kept) {
            victim = leaves.higher(kept);
        }
        if (victim == null) {
            Entry eldestVisible = visible.isEmpty() ? null : visible.values().iterator().next();
            Entry eldestHidden = hidden.isEmpty() ? null : hidden.values().iterator().next();
            victim = eldestHidden == null || (eldestVisible != null && AGE.compare(eldestVisible, eldestHidden) < 0)
                    ? eldestVisible : eldestHidden;
        }
        if (visible.get(victim.turn.id()) == victim) {
            visible.remove(victim.turn.id());
        } else {
            hidden.remove(victim.turn.id());
        }
        leaves.remove(victim);
        drop(victim);
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(maxAge);
        Iterator<Entry> it = visible.values().iterator();
        while (it.hasNext()) {
            Entry eldest = it.next();
            if (!eldest.turn.createdAt().isBefore(cutoff)) {
                return;
            }
            it.remove();
            hide(eldest);
        }
    }
}
