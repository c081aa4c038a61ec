package dev.crosswalk.bridge.store;

import java.util.Optional;

/**
 * Where the bridge keeps Responses turns so that {@code previous_response_id} can be expanded over a Chat Completions
 * upstream (docs/architecture.md §4), and {@code GET}/{@code DELETE /v1/responses/{id}} can be served.
 *
 * <p>Implementations are called from a bounded worker pool, never from a network thread, so they may block; they must
 * be thread-safe. Entries older than the store's age bound are treated as absent.
 *
 * <pre>{@code
 * ResponseStore store = new InMemoryResponseStore(10_000, Duration.ofHours(24), Clock.systemUTC());
 * store.put(new StoredResponse(id, Instant.now(), responseJson, inputItemsJson));
 * Optional<StoredResponse> previous = store.get(id);
 * }</pre>
 */
public interface ResponseStore extends AutoCloseable {

    /**
     * Stores a turn; an existing entry with the same id is replaced.
     *
     * @throws StoreException if the entry could not be stored
     */
    void put(StoredResponse response);

    /**
     * The turn with this id, if it is stored and not older than the age bound.
     *
     * @throws StoreException if the store could not be read
     */
    Optional<StoredResponse> get(String id);

    /**
     * Removes a turn.
     *
     * @return whether there was one to remove
     * @throws StoreException if the store could not be changed
     */
    boolean delete(String id);

    /** Releases the store's resources (connections, pools). */
    @Override
    default void close() {
    }
}
