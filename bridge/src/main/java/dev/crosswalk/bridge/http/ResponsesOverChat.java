package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.CustomToolCallItem;
import dev.crosswalk.translator.responses.CustomToolCallOutputItem;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.FunctionCallOutputItem;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/responses} over a Chat Completions upstream: expands {@code previous_response_id} from the store
 * (docs/architecture.md §4: {@code previous.input + previous.output + input}), translates the request, calls the upstream, translates
 * the answer or the stream back, and stores the turn unless the request said {@code store: false}.
 */
final class ResponsesOverChat {
    private static final Pattern INPUT_INDEX = Pattern.compile("^\\$\\.input\\[(\\d+)\\]");
    private static final Logger log = LoggerFactory.getLogger(ResponsesOverChat.class);

    /**
     * One request, ready to send: the client's request, the full input it stands for, and its Chat form; and what
     * storing it takes: the items it adds to the stored turn it continues ({@code storedPrevious}), or, when it continues
     * none in the store, its whole context.
     */
    record Turn(ResponsesRequest request, List<ResponseItem> context, ChatCompletionRequest chat, boolean store,
            List<Problem> warnings, String storedPrevious, List<ResponseItem> added) {
    }

    private final BridgeConfig config;
    private final Translator translator;
    private final JsonCodec codec;
    private final UpstreamCalls calls;
    private final Turns turns;

    private final Compactions compactions;

    ResponsesOverChat(BridgeConfig config, Translator translator, UpstreamCalls calls, Turns turns, Compactions compactions) {
        this.config = config;
        this.compactions = compactions;
        this.translator = translator;
        this.codec = translator.options().codec();
        this.calls = calls;
        this.turns = turns;
    }

    Mono<Void> create(Exchange ex, ClientAuth.Grant grant) {
        ex.mode("responses>chat");
        return ex.body(config.maxBodyBytes())
                .map(bytes -> readRequest(bytes))
                .doOnNext(request -> {
                    ex.dropBody();
                    ex.model(request.model());
                })
                .flatMap(request -> prepare(ex, request, grant, id -> null))
                .flatMap(turn -> {
                    ex.warnings(turn.warnings());
                    ex.stream(Boolean.TRUE.equals(turn.request().stream()));
                    return Boolean.TRUE.equals(turn.request().stream()) ? stream(ex, turn, grant) : unary(ex, turn, grant);
                });
    }

    /** {@code POST /v1/responses/compact}: the upstream summarises, the answer carries the sealed summary. */
    Mono<Void> compact(Exchange ex, ClientAuth.Grant grant) {
        ex.mode("compact>chat");
        return ex.body(config.maxBodyBytes())
                .map(bytes -> {
                    if (!(codec.readTree(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)) instanceof Map<?, ?> body)) {
                        throw BridgeException.of(400, Errors.INVALID_REQUEST, null, "invalid_json", "The request body must be a JSON object.");
                    }
                    ex.dropBody();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = (Map<String, Object>) body;
                    return compactions.summaryRequest(fields);
                })
                .flatMap(request -> prepare(ex, request, grant, id -> null))
                .flatMap(turn -> calls.unary(ex, WireApi.CHAT_COMPLETIONS.path(), codec.writeBytes(turn.chat()), grant.upstreamAuthorization(),
                                ChatCompletion.class)
                        // The last context item is the summarising prompt: not part of the conversation.
                        .map(completion -> compactions.compacted(turn.context().subList(0, turn.context().size() - 1),
                                completion, turn.request())))
                .flatMap(body -> ex.json(200, body));
    }

    ResponsesRequest readRequest(byte[] bytes) {
        ResponsesRequest request;
        try {
            request = codec.read(bytes, ResponsesRequest.class);
        } catch (OutOfMemoryError e) {
            // Reactor would rethrow it past every handler and the client would get a closed connection.
            throw Bodies.outOfMemory();
        }
        if (request == null) {
            throw BridgeException.of(400, Errors.INVALID_REQUEST, null, "invalid_json", "The request body must be a JSON object.");
        }
        return request;
    }

    /**
     * The request ready to send: {@code previous_response_id} expanded from {@code cache} (a WebSocket connection's
     * own turns, which may not be stored) or else the store, compaction items unsealed into context, translated.
     */
    Mono<Turn> prepare(Exchange ex, ResponsesRequest request, ClientAuth.Grant grant, Function<String, Turns.Turn> cache) {
        List<ResponseItem> own = inputItems(request);
        String previousId = request.previousResponseId();
        if (previousId != null && !Turns.storable(previousId)) {
            // No stored turn can have such an id (and a database would reject the NUL with a 5xx): the client's error.
            throw BridgeException.of(400, Errors.INVALID_REQUEST, "previous_response_id", "invalid_value",
                    "previous_response_id must be a response id: 1 to 255 printable characters.");
        }
        if (previousId == null) {
            return Mono.fromCallable(() -> {
                requireCalls(own);
                List<ResponseItem> context = compactions.unseal(own, 0);
                ResponsesRequest expanded = context == own ? request : request.toBuilder().input(ResponsesInput.of(context)).build();
                return translate(ex, request, expanded, own, null, own);
            });
        }
        Turns.Turn cached = cache.apply(previousId);
        Mono<Optional<Turns.Turn>> previousTurn = cached != null ? Mono.just(Optional.of(cached)) : turns.find(previousId, grant.owner());
        return previousTurn.map(found -> {
            Turns.Turn previous = found.orElseThrow(() -> previousNotFound(previousId));
            List<ResponseItem> history = new ArrayList<>(previous.input());
            history.addAll(previous.response().output());
            int stored = history.size();
            history.addAll(own);
            requireCalls(history);
            ResponsesRequest expanded = request.toBuilder().previousResponseId(null)
                    .input(ResponsesInput.of(compactions.unseal(history, stored))).build();
            // A stored previous turn is referenced, not copied: the store keeps each turn's own items once.
            boolean chained = previous.stored();
            try {
                return translate(ex, request, expanded, history, chained ? previousId : null, chained ? own : history);
            } catch (UntranslatableException e) {
                throw clientPaths(e, stored);
            }
        });
    }

    /**
     * Every tool output answers a call of the conversation (by {@code call_id}, wherever it is), else the live API's
     * 400 (seen in client reports: {@code "No tool call found for function call output with call_id call_…."},
     * {@code param: input}, {@code code: null}). A Chat upstream would refuse the orphan tool message less clearly,
     * or, worse, accept it.
     */
    static void requireCalls(List<ResponseItem> context) {
        java.util.Set<String> calls = new java.util.HashSet<>();
        for (ResponseItem item : context) {
            if (item instanceof FunctionCallItem call && call.callId() != null) {
                calls.add(call.callId());
            } else if (item instanceof CustomToolCallItem call && call.callId() != null) {
                calls.add(call.callId());
            }
        }
        for (ResponseItem item : context) {
            String answered = item instanceof FunctionCallOutputItem output ? output.callId()
                    : item instanceof CustomToolCallOutputItem output ? output.callId() : null;
            if (answered != null && !calls.contains(answered)) {
                throw BridgeException.of(400, Errors.INVALID_REQUEST, "input", null,
                        "No tool call found for " + (item instanceof FunctionCallOutputItem ? "function" : "custom tool")
                                + " call output with call_id " + answered + ".");
            }
        }
    }

    /** The live API's answer to a {@code previous_response_id} it does not know (or may not show): 400, not 404. */
    static BridgeException previousNotFound(String id) {
        return BridgeException.of(400, Errors.INVALID_REQUEST, "previous_response_id", "previous_response_not_found",
                "Previous response with id '" + id + "' not found.");
    }

    /** Problems in the expanded input, named as the client wrote them: its own items, or the stored turns. */
    private static UntranslatableException clientPaths(UntranslatableException e, int stored) {
        List<Problem> problems = new ArrayList<>();
        for (Problem p : e.problems()) {
            java.util.regex.Matcher m = INPUT_INDEX.matcher(p.path());
            if (!m.lookingAt()) {
                problems.add(p);
            } else if (Integer.parseInt(m.group(1)) < stored) {
                problems.add(new Problem("$.previous_response_id", "an earlier turn holds " + p.path().substring(1) + ": " + p.reason()));
            } else {
                problems.add(new Problem("$.input[" + (Integer.parseInt(m.group(1)) - stored) + "]" + p.path().substring(m.end()), p.reason()));
            }
        }
        return new UntranslatableException(problems);
    }

    private Turn translate(Exchange ex, ResponsesRequest original, ResponsesRequest expanded, List<ResponseItem> context,
            String storedPrevious, List<ResponseItem> added) {
        Translation<ChatCompletionRequest> chat = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> translator.toChat(expanded));
        warn(chat.warnings());
        return new Turn(original, context, chat.value(), !Boolean.FALSE.equals(original.store()), chat.warnings(), storedPrevious, added);
    }

    private Mono<Void> save(Response response, Turn turn, ClientAuth.Grant grant) {
        return save(response, null, turn, grant);
    }

    /** Stores the turn; {@code responseJson}: the response's JSON when it is at hand, else {@code null}. */
    private Mono<Void> save(Response response, String responseJson, Turn turn, ClientAuth.Grant grant) {
        return turns.save(response, responseJson, turn.storedPrevious(), turn.added(), grant.owner());
    }

    private Mono<Void> unary(Exchange ex, Turn turn, ClientAuth.Grant grant) {
        byte[] body = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> codec.writeBytes(turn.chat()));
        return calls.unary(ex, WireApi.CHAT_COMPLETIONS.path(), body, grant.upstreamAuthorization(), ChatCompletion.class)
                .map(completion -> {
                    try {
                        Translation<Response> response = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE,
                                () -> translator.toResponses(completion, turn.request()));
                        warn(response.warnings());
                        ex.warnings(response.warnings());
                        return renamed(ex, response.value());
                    } catch (UntranslatableException e) {
                        // The upstream's answer has no Responses form: its fault, not the client's request (502, not 400).
                        throw Errors.upstreamProtocol("a completion with no Responses form (" + e.problems().get(0) + ")");
                    }
                })
                .flatMap(response -> (turn.store() ? save(response, turn, grant) : Mono.<Void>empty())
                        .then(ex.json(200, response)));
    }

    /** The response with the client's model name when its route renamed it (what is stored says it too). */
    private static Response renamed(Exchange ex, Response response) {
        String alias = ex.alias();
        if (alias == null || alias.equals(response.model())) {
            return response;
        }
        ex.upstreamModel(response.model());
        return response.toBuilder().model(alias).build();
    }

    private Mono<Void> stream(Exchange ex, Turn turn, ClientAuth.Grant grant) {
        return StreamSender.send(ex, batches(ex, turn, grant, ex.alias()));
    }

    /** The translated stream of a prepared turn, stored (unless {@code store:false}) before its terminal event. */
    Flux<Batch> batches(Exchange ex, Turn turn, ClientAuth.Grant grant) {
        return batches(ex, turn, grant, null);
    }

    /**
     * The translated stream of a prepared turn, stored (unless {@code store:false}) before its terminal event.
     *
     * @param alias the model name the client asked for when its route renamed it: every response snapshot carries
     *        it instead of the upstream's; {@code null} keeps the upstream's
     */
    Flux<Batch> batches(Exchange ex, Turn turn, ClientAuth.Grant grant, String alias) {
        byte[] body = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> codec.writeBytes(turn.chat()));
        ResponsesRequest echo = alias == null ? turn.request() : turn.request().toBuilder().model(alias).build();
        ResponsesFromChatRelay relay = new ResponsesFromChatRelay(translator, echo, config.maxEventBytes(), ex.redactor(),
                alias == null ? null : ex::upstreamModel);
        Flux<Batch> batches = calls.stream(ex, WireApi.CHAT_COMPLETIONS.path(), body, grant.upstreamAuthorization(), relay)
                // The turn is stored before its terminal event leaves: a client that chains on response.completed
                // at once must find it.
                // at once must find it. A turn that cannot be stored is not reported as completed: the stream ends
                // with error + response.failed (store_unavailable) instead.
                .concatMap(batch -> batch.finished() != null && turn.store()
                        ? save(batch.finished(), batch.finishedJson(), turn, grant)
                                .thenReturn(batch)
                                .onErrorResume(e -> {
                                    log.error("request {}: could not store response {}: {}", ex.id(), batch.finished().id(), e.getMessage());
                                    return Mono.just(relay.storeFailed(batch));
                                })
                        : Mono.just(batch), 1);
        return batches;
    }

    /** The request's input as items: a plain string is one user message. */
    static List<ResponseItem> inputItems(ResponsesRequest request) {
        ResponsesInput input = request.input();
        if (input == null) {
            return List.of();
        }
        if (input.isText()) {
            return List.of(new MessageItem(null, "user", ResponsesContent.of(input.text()), null, null, Map.of()));
        }
        return input.items();
    }

    /**
     * What a translation dropped. Routine drops (fields a strict server refuses, ids of items) are logged at debug:
     * Codex sends them on every request. Reasoning that could not be opened and a custom call recovered from a raw
     * answer are logged as warnings: they mean lost context or a misbehaving model.
     */
    static void warn(List<Problem> warnings) {
        for (Problem p : warnings) {
            if (p.path().endsWith("encrypted_content") || p.path().endsWith("function.arguments")) {
                log.warn("dropped {}: {}", p.path(), p.reason());
            } else {
                log.debug("dropped {}: {}", p.path(), p.reason());
            }
        }
    }
}
