package dev.crosswalk.bridge.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where the bridge keeps Responses turns so that {@code previous_response_id} can be expanded over a Chat Completions
 * upstream (docs/architecture.md §4), and {@code GET}/{@code DELETE /v1/responses/{id}} can be served.
 *
 * <p>Each turn holds only what it added and the id of the turn it continued ({@link StoredResponse#previousId()}); the
 * whole conversation is its {@link #chain}. The rules every store keeps:
 * <ul>
 *   <li>A turn is <em>visible</em> ({@link #get}, {@link #delete}, the head of a {@link #chain}) until it is deleted or
 *       older than the store's age bound.</li>
 *   <li>A turn that is no longer visible stays stored, unseen, while a visible turn's chain goes through it: deleting
 *       or outliving the first turns of a conversation does not break its later turns. It goes once nothing needs it.</li>
 *   <li>A bound on count or bytes evicts whole conversations, the least recently continued first, each from its
 *       latest turn back. Only a single conversation larger than the bound loses its first turns outright; the chains
 *       through them end there (a chain whose first element still has a {@code previousId} is <em>broken</em>).</li>
 * </ul>
 *
 * <p>Implementations are called from a bounded worker pool, never from a network thread, so they may block; they must
 * be thread-safe.
 *
 * <pre>{@code
 * ResponseStore store = new InMemoryResponseStore(10_000, Duration.ofHours(24), Clock.systemUTC());
 * store.put(new StoredResponse(id, owner, Instant.now(), responseJson, newInputItemsJson, previousId));
 * List<StoredResponse> conversation = store.chain(id); // oldest first, ending with id
 * }</pre>
 */
public interface ResponseStore extends AutoCloseable {
    /** The longest chain a store follows: a longer one (or a cycle, which the bridge never stores) reads as broken. */
    int MAX_CHAIN = 10_000;

    /**
     * Whether {@link #put} may wait on I/O (a database): the bridge then stores from a thread of its own. A store that
     * only takes a short lock (memory) is called on the event loop that finished the turn, with no thread hop.
     */
    default boolean blocking() {
        return true;
    }

    /**
     * Stores a turn; an existing entry with the same id is replaced.
     *
     * @throws StoreException if the entry could not be stored
     */
    void put(StoredResponse response);

    /**
     * The turn with this id, if it is visible (stored, not deleted, not older than the age bound).
     *
     * @throws StoreException if the store could not be read
     */
    Optional<StoredResponse> get(String id);

    /**
     * Deletes a visible turn: it is no longer visible; its items stay (unseen) only while later turns need them.
     *
     * @return whether there was one to delete
     * @throws StoreException if the store could not be changed
     */
    boolean delete(String id);

    /**
     * The visible turn with this id and every turn it continues, oldest first; empty if the turn is not visible. The
     * chain is complete when its first turn has no {@code previousId}; otherwise an earlier turn is no longer stored
     * (evicted) and the chain is broken there.
     *
     * <p>The default follows {@link #get} one turn at a time, so it sees only visible ancestors; stores that keep
     * unseen ancestors override it.
     *
     * @throws StoreException if the store could not be read
     */
    default List<StoredResponse> chain(String id) {
        Optional<StoredResponse> head = get(id);
        if (head.isEmpty()) {
            return List.of();
        }
        List<StoredResponse> chain = new ArrayList<>();
        StoredResponse turn = head.get();
        chain.add(turn);
        while (turn.previousId() != null && chain.size() < MAX_CHAIN) {
            Optional<StoredResponse> previous = get(turn.previousId());
            if (previous.isEmpty()) {
                break;
            }
            turn = previous.get();
            chain.add(turn);
        }
        Collections.reverse(chain);
        return chain;
    }

    /**
     * How much the store holds, for metrics, if it can tell without a costly read: a memory store exactly, a database
     * store as of its latest periodic count.
     */
    default Optional<Usage> usage() {
        return Optional.empty();
    }

    /** Releases the store's resources (connections, pools). */
    @Override
    default void close() {
    }

    /**
     * @param entries turns held (unseen ones kept for later turns included)
     * @param bytes what they count against the store's byte budget
     */
    record Usage(long entries, long bytes) {
    }
}
