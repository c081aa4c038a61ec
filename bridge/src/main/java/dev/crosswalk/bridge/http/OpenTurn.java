package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.events.ErrorEvent;
import dev.crosswalk.translator.responses.events.ResponseFailedEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Responses turn relayed as its upstream sends it has said so far: the response {@code response.created}
 * announced, the items finished since, the next {@code sequence_number}, whether it ended. Enough for the bridge to
 * end a turn the upstream leaves unended (its stream cut, its WebSocket gone, an {@code error} with no terminal
 * event after it) the one way the bridge ends every failed turn: {@code error} (unless the upstream's own was the
 * last event), then {@code response.failed} with the items finished so far and the upstream's own message (code per
 * {@link ChatToResponsesStream#responseError}). Used by the SSE relay of {@link WebSocketTurns} and the WebSocket
 * pass-through of {@link ResponsesWebSocket}; a new {@code response.created} starts the next turn.
 */
final class OpenTurn {
    private final JsonCodec codec;
    private Response started;
    private final List<ResponseItem> doneItems = new ArrayList<>();
    private int next;
    private boolean lastWasError;
    private boolean ended;
    private BridgeException failure;

    OpenTurn(JsonCodec codec) {
        this.codec = codec;
    }

    /**
     * Notes one event relayed ({@code data} as sent). Only the events that start or end a turn or finish an item are
     * parsed (not the deltas); the parsed event is returned, else {@code null}.
     */
    Map<?, ?> note(String data) {
        next++;
        lastWasError = false;
        if (!(data.contains("\"error\"") || data.contains("\"response.created\"") || data.contains("\"response.output_item.done\"")
                || data.contains("\"response.completed\"") || data.contains("\"response.failed\"")
                || data.contains("\"response.incomplete\""))
                || !(codec.readTree(data) instanceof Map<?, ?> event) || !(event.get("type") instanceof String type)) {
            return null;
        }
        switch (type) {
            case "response.created" -> {
                started = codec.read(codec.write(event.get("response")), Response.class);
                doneItems.clear();
                ended = false;
                failure = null;
                next = event.get("sequence_number") instanceof Number n ? n.intValue() + 1 : 1;
            }
            case "response.output_item.done" -> doneItems.add(codec.read(codec.write(event.get("item")), ResponseItem.class));
            case "response.completed", "response.incomplete" -> ended = true;
            case "response.failed" -> {
                ended = true;
                if (failure == null) {
                    failure = upstreamFailed();
                }
            }
            case "error" -> {
                // the upstream's own error (the one reader of both shapes): the response.failed we may add says it
                lastWasError = true;
                OpenAiError error = UpstreamError.fromEvent(codec.read(data, ErrorEvent.class));
                failure = error != null && error.message() != null ? new BridgeException(UpstreamError.status(error), error) : upstreamFailed();
            }
            default -> { }
        }
        return event;
    }

    /** A response started and no terminal event came yet. */
    boolean open() {
        return started != null && !ended;
    }

    /** The last event noted was an {@code error}. */
    boolean lastWasError() {
        return lastWasError;
    }

    /** How the upstream said the turn failed ({@code error} or {@code response.failed}), or {@code null}. */
    BridgeException failure() {
        return failure;
    }

    /** Ends the open turn: an {@code error} event (unless the upstream's was the last), then {@code response.failed}. */
    List<ResponseStreamEvent> fail(BridgeException why) {
        List<ResponseStreamEvent> out = new ArrayList<>(2);
        if (!lastWasError) {
            out.add(ErrorEvent.of(next++, why.error()));
        }
        Response failed = started.toBuilder().status("failed").output(List.copyOf(doneItems))
                .error(ChatToResponsesStream.responseError(why.error())).build();
        out.add(new ResponseFailedEvent(next++, failed, Map.of()));
        ended = true;
        lastWasError = false;
        failure = why;
        return out;
    }

    static BridgeException upstreamFailed() {
        return BridgeException.of(502, Errors.SERVER_ERROR, null, "upstream_stream_failed", "The upstream stream failed.");
    }

    static BridgeException incomplete() {
        return BridgeException.of(502, Errors.SERVER_ERROR, null, "stream_incomplete", "The upstream stream ended before the response did.");
    }
}
