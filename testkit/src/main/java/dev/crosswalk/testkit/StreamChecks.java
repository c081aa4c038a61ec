package dev.crosswalk.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stream invariants, applied to wire text. Each check names its context in every failure message.
 *
 * <ul>
 *   <li>{@link #chat} and {@link #responses}: a stream a component under test <em>emitted</em> (the bridge's
 *       answer, a translator's output), held to every rule of {@link ChatStreamChecker} or
 *       {@link ResponsesStreamChecker};</li>
 *   <li>{@link #served}: a stream the {@link FakeOpenAi} <em>fed</em> to the component, held to the wire rules
 *       (SSE frames, JSON payloads), so that no test passes on a fixture no server would send.</li>
 * </ul>
 *
 * The {@link FakeOpenAiExtension} calls {@link #served} for every stream of every fake after each test.
 */
public final class StreamChecks {
    private StreamChecks() {
    }

    /** Checks an emitted Chat Completions SSE body ({@code data:} chunks, {@code [DONE]}) and reassembles it. */
    public static ChatStreamChecker.Assembled chat(String sseBody, boolean includeUsage, String ctx) {
        return ChatStreamChecker.check(Sse.data(sseBody), includeUsage, ctx);
    }

    /** Checks an emitted, ended Responses SSE body and returns what it said. */
    public static ResponsesStreamChecker.Result responses(String sseBody, String ctx) {
        List<Map<String, Object>> events = new ArrayList<>();
        int i = 0;
        for (Sse.Event e : Sse.parse(sseBody)) {
            Map<String, Object> event = Json.object(e.data());
            if (e.event() != null && !e.event().equals(event.get("type"))) {
                throw new AssertionError(ctx + ": frame " + i + ": event: " + e.event() + " but type " + event.get("type"));
            }
            events.add(event);
            i++;
        }
        return ResponsesStreamChecker.check(events, ctx);
    }

    /**
     * Checks a stream the fake served: every frame a complete SSE block whose data is JSON (or {@code [DONE]}).
     * A stream may end anywhere (an upstream that stops early is a case worth testing); a stream whose client left
     * mid-write is judged by its whole frames only. Streams declared
     * {@link Reply#malformed()} and non-200 streams are skipped.
     */
    public static void served(FakeOpenAi.Served stream, String ctx) {
        if (stream.malformed() || stream.status() != 200) {
            return;
        }
        String at = ctx + ": the scripted stream for " + stream.request();
        String text = stream.text();
        if (stream.end() == FakeOpenAi.Served.End.CLIENT_GONE) {
            // The client left mid-write (a bridge cancels after an upstream's error event): the last frame may be
            // half-written by the fake's own pacing, which says nothing about the scripted stream. Judge whole frames.
            int lf = text.lastIndexOf("\n\n");
            int crlf = text.lastIndexOf("\r\n\r\n");
            text = text.substring(0, Math.max(lf < 0 ? 0 : lf + 2, crlf < 0 ? 0 : crlf + 4));
        }
        if (!text.isEmpty() && !text.endsWith("\n\n") && !text.endsWith("\r\n\r\n")) {
            throw new AssertionError(at + " does not end with a blank line: it is not made of whole SSE frames");
        }
        List<Sse.Event> events = Sse.parse(text);
        for (Sse.Event e : events) {
            if (!"[DONE]".equals(e.data()) && !Json.isJson(e.data())) {
                throw new AssertionError(at + " has a data payload that is not JSON (declare it Reply.malformed()): " + e.data());
            }
        }
    }
}
