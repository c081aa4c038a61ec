package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.store.ResponseStore;
import dev.crosswalk.bridge.store.StoredResponse;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.InputTextContent;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.ResponsesInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The bridge's side of the {@link ResponseStore}: converts between protocol records and stored JSON, checks the owner,
 * and runs the (possibly blocking) store off the network threads.
 */
final class Turns {
    /**
     * A turn read back (or cached by a WebSocket connection): the response, every input item it saw, and whether it is
     * in the store (so that a turn continuing it may store only its own items and a reference to it).
     */
    record Turn(Response response, List<ResponseItem> input, boolean stored) {
    }

    private final ResponseStore store;
    private final JsonCodec codec;
    private final IdSource ids;
    private final Clock clock;
    private final Scheduler blocking = Schedulers.boundedElastic();
    private volatile java.util.function.Consumer<OutOfMemory.Stage> faults = OutOfMemory.NONE;

    Turns(ResponseStore store, JsonCodec codec, IdSource ids, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.ids = ids;
        this.clock = clock;
    }

    /** Test seam, see {@link BridgeServer#faults}. */
    void faults(java.util.function.Consumer<OutOfMemory.Stage> faults) {
        this.faults = faults;
    }

    /** Whether a store can hold an entry with this id: 1 to 255 characters, none of them a control character. */
    static boolean storable(String id) {
        return !id.isEmpty() && id.length() <= 255 && id.chars().noneMatch(Character::isISOControl);
    }

    /**
     * The turn with this id if {@code owner} stored it, with every input item it saw; another owner's turn is as absent
     * as a missing one.
     *
     * @throws BridgeException (in the Mono) 400 {@code previous_response_not_found} if an earlier turn of its
     *         conversation is no longer stored: the turn cannot be continued
     */
    Mono<Optional<Turn>> find(String id, String owner) {
        if (!storable(id)) {
            return Mono.just(Optional.empty());
        }
        // On the store's thread an OutOfMemoryError would end the task and leave the request waiting forever.
        return Mono.fromCallable(() -> OutOfMemory.guard(faults, "-", OutOfMemory.Stage.STORE,
                        () -> Optional.ofNullable(expand(id, owner, () -> BridgeException.of(400, Errors.INVALID_REQUEST,
                        "previous_response_id", "previous_response_not_found", "Previous response with id '" + id
                                + "' cannot be continued: an earlier response of its conversation is no longer stored.")))))
                .subscribeOn(blocking);
    }

    /**
     * Every input item the turn with this id saw, if {@code owner} stored it.
     *
     * @throws BridgeException (in the Mono) 404 if an earlier turn of its conversation is no longer stored
     */
    Mono<Optional<List<ResponseItem>>> inputItems(String id, String owner) {
        if (!storable(id)) {
            return Mono.just(Optional.empty());
        }
        return Mono.fromCallable(() -> OutOfMemory.guard(faults, "-", OutOfMemory.Stage.STORE,
                        () -> Optional.ofNullable(expand(id, owner, () -> BridgeException.of(404, Errors.INVALID_REQUEST,
                        null, "not_found", "The input items of response '" + id
                                + "' are no longer available: an earlier response of its conversation is no longer stored.")))
                        .map(Turn::input)))
                .subscribeOn(blocking);
    }

    /** The stored JSON of the response with this id, if {@code owner} stored it. */
    Mono<Optional<StoredResponse>> findRaw(String id, String owner) {
        return Mono.fromCallable(() -> OutOfMemory.guard(faults, "-", OutOfMemory.Stage.STORE,
                        () -> store.get(id).filter(s -> s.owner().equals(owner))))
                .subscribeOn(blocking);
    }

    /**
     * Stores a finished turn: its response, the input items it added, and the stored turn it continued ({@code null}
     * when {@code added} is everything it saw). Input messages are stored as OpenAI lists them: with an id (so that
     * {@code input_items} can page by it) and their text as a content part.
     */
    Mono<Void> save(Response response, String previousId, List<ResponseItem> added, String owner) {
        return save(response, null, previousId, added, owner);
    }

    /**
     * {@link #save(Response, String, List, String)} with the response's JSON as the client was sent it ({@code
     * responseJson}, e.g. a stream's terminal snapshot), or {@code null} to write it from {@code response}.
     */
    Mono<Void> save(Response response, String responseJson, String previousId, List<ResponseItem> added, String owner) {
        // On the store's thread an OutOfMemoryError would end the task and leave the turn waiting forever.
        Mono<Void> save = Mono.fromRunnable(() -> OutOfMemory.guard(faults, "-", OutOfMemory.Stage.STORE, () -> {
            store.put(new StoredResponse(response.id(), owner, clock.instant(),
                    responseJson != null ? responseJson : codec.write(response), codec.write(ResponsesInput.of(withIds(added))), previousId));
            return null;
        }));
        // Every streamed turn ends here: a store in memory is written at once (a hop to another thread and back cost
        // more than the write, and its executor's lock made event loops wait under load); reads stay off the event
        // loop, as a long conversation is parsed whole.
        return store.blocking() ? save.subscribeOn(blocking) : save;
    }

    /** Deletes the turn if {@code owner} stored it; emits whether it did. */
    Mono<Boolean> delete(String id, String owner) {
        return Mono.fromCallable(() -> OutOfMemory.guard(faults, "-", OutOfMemory.Stage.STORE,
                        () -> store.get(id).filter(s -> s.owner().equals(owner)).isPresent() && store.delete(id)))
                .subscribeOn(blocking);
    }

    /**
     * The turn read through its conversation: {@code first.input, first.output, …, previous.output, this.input} (one
     * read, one pass, however long). {@code null} if {@code owner} has no such turn. A conversation with a turn
     * missing (evicted) or, which the bridge never stores, another owner's turn cannot be read: {@code broken}.
     */
    private Turn expand(String id, String owner, Supplier<BridgeException> broken) {
        List<StoredResponse> chain = store.chain(id);
        if (chain.isEmpty() || !chain.get(chain.size() - 1).owner().equals(owner)) {
            return null;
        }
        if (chain.get(0).previousId() != null || chain.stream().anyMatch(t -> !t.owner().equals(owner))) {
            throw broken.get();
        }
        List<ResponseItem> input = new ArrayList<>();
        Response response = null;
        for (StoredResponse turn : chain) {
            if (response != null && response.output() != null) {
                input.addAll(response.output());
            }
            input.addAll(inputOf(turn));
            response = codec.read(turn.responseJson(), Response.class);
        }
        return new Turn(response, input, true);
    }

    private List<ResponseItem> inputOf(StoredResponse stored) {
        ResponsesInput input = codec.read(stored.inputItemsJson(), ResponsesInput.class);
        return input.items() != null ? input.items() : List.of();
    }

    private List<ResponseItem> withIds(List<ResponseItem> items) {
        List<ResponseItem> out = new ArrayList<>(items.size());
        for (ResponseItem item : items) {
            if (item instanceof MessageItem m && (m.id() == null || (m.content() != null && m.content().isText()))) {
                ResponsesContent content = m.content();
                if (content != null && content.isText()) {
                    ResponseContent part = "assistant".equals(m.role())
                            ? new OutputTextContent(content.text(), List.of(), null, Map.of())
                            : new InputTextContent(content.text(), Map.of());
                    content = ResponsesContent.of(List.of(part));
                }
                out.add(new MessageItem(m.id() != null ? m.id() : ids.next("msg_"), m.role(), content, m.status(), m.phase(), m.extra()));
            } else {
                out.add(item);
            }
        }
        return out;
    }
}
