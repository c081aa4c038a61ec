package dev.crosswalk.translator.sse;

import java.util.Objects;

/**
 * One Server-Sent Event.
 *
 * <pre>{@code
 * SseEvent delta = SseEvent.of("response.output_text.delta", "{\"delta\":\"Hi\"}");
 * SseEvent chunk = SseEvent.data("{\"choices\":[]}");
 * if (event.isDone()) { ... } // Chat Completions' "data: [DONE]" terminator
 * }</pre>
 *
 * @param event the {@code event:} field, or {@code null} when the event had none (a plain "message");
 *              an empty string means an {@code event:} field with no value, which the spec treats the same way
 * @param data  the {@code data:} lines joined with {@code \n}; never {@code null}
 * @param id    the {@code id:} field of this event, or {@code null} when it had none. Unlike the browser
 *              {@code EventSource}, an id does not carry over to later events; see
 *              {@link SseParser#lastEventId()} for that.
 */
public record SseEvent(String event, String data, String id) {

    /** The data of the sentinel event that ends a Chat Completions stream. */
    public static final String DONE = "[DONE]";

    /** @throws NullPointerException if {@code data} is null */
    public SseEvent {
        Objects.requireNonNull(data, "data");
    }

    /** An event with a type and data, and no id. */
    public static SseEvent of(String event, String data) {
        return new SseEvent(event, data, null);
    }

    /** An event with data only: no type, no id. */
    public static SseEvent data(String data) {
        return new SseEvent(null, data, null);
    }

    /** Whether this is the {@code data: [DONE]} sentinel. */
    public boolean isDone() {
        return DONE.equals(data);
    }
}
