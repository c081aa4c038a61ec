package dev.crosswalk.bridge.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored Responses turn: the response object the client received and the input items it answered, as JSON
 * text so that a store needs no knowledge of the protocol's models.
 *
 * <pre>{@code
 * store.put(new StoredResponse("resp_1", owner, Instant.now(), responseJson, "[{\"type\":\"message\",...}]"));
 * }</pre>
 *
 * @param id the response id ({@code resp_…})
 * @param owner who may read it back: a digest of the credential the client presented (never the credential itself),
 *        empty when the client presented none
 * @param createdAt when it was stored: the store's age bound counts from here
 * @param responseJson the Responses object, as sent to the client
 * @param inputItemsJson the JSON array of every input item the response saw: the expanded history
 *        ({@code previous.input + previous.output + input}) followed by nothing else
 */
public record StoredResponse(String id, String owner, Instant createdAt, String responseJson, String inputItemsJson) {
    public StoredResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(responseJson, "responseJson");
        Objects.requireNonNull(inputItemsJson, "inputItemsJson");
    }

    @Override
    public String toString() {
        // Bodies are user content: keep them out of logs and exception messages.
        return "StoredResponse[id=" + id + ", createdAt=" + createdAt + "]";
    }
}
