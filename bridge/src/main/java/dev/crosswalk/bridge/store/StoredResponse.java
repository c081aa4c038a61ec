package dev.crosswalk.bridge.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored Responses turn: the response object the client received, the input items this turn added, and the turn
 * it continued. Everything is JSON text, so a store needs no knowledge of the protocol's models.
 *
 * <p>A turn stores only what is new in it: the whole input a model saw is the chain's, oldest first —
 * {@code first.input, first.output, second.input, second.output, …, this.input} (see {@link ResponseStore#chain}). So a
 * conversation of n turns takes O(n) bytes, not O(n²).
 *
 * <pre>{@code
 * store.put(new StoredResponse("resp_2", owner, Instant.now(), responseJson, "[{\"type\":\"message\",...}]", "resp_1"));
 * }</pre>
 *
 * @param id the response id ({@code resp_…})
 * @param owner who may read it back: a digest of the credential the client presented (never the credential itself),
 *        empty when the client presented none
 * @param createdAt when it was stored: the store's age bound counts from here
 * @param responseJson the Responses object, as sent to the client (its {@code output} is the turn's output items)
 * @param inputItemsJson the JSON array of the input items this turn added: the request's own {@code input} when it
 *        continued {@code previousId}, else every input item it saw (a first turn, or a turn stored before turns were
 *        chained: such rows still load, as chain roots)
 * @param previousId the stored turn this one continued ({@code previous_response_id}), or {@code null} for a first turn
 */
public record StoredResponse(String id, String owner, Instant createdAt, String responseJson, String inputItemsJson,
                             String previousId) {
    public StoredResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(responseJson, "responseJson");
        Objects.requireNonNull(inputItemsJson, "inputItemsJson");
        if (id.equals(previousId)) {
            throw new IllegalArgumentException("a turn cannot continue itself: " + id);
        }
    }

    /** A first turn: one that continues none, so its input items are all it saw. */
    public StoredResponse(String id, String owner, Instant createdAt, String responseJson, String inputItemsJson) {
        this(id, owner, createdAt, responseJson, inputItemsJson, null);
    }

    @Override
    public String toString() {
        // Bodies are user content: keep them out of logs and exception messages.
        return "StoredResponse[id=" + id + ", previousId=" + previousId + ", createdAt=" + createdAt + "]";
    }
}
