package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** SSE events as the bytes to send, framed by the core's {@link SseWriter} (which validates what it frames). */
final class SseFrames {
    private SseFrames() {
    }

    /** {@code event: <type>\ndata: <json>\n\n}, as Responses streams frame their events. */
    static byte[] event(String type, String json) {
        return frame(SseEvent.of(type, json));
    }

    /** {@code data: <json>\n\n}, as Chat Completions streams frame their chunks. */
    static byte[] data(String json) {
        return frame(SseEvent.data(json));
    }

    /** {@code data: [DONE]\n\n}. */
    static byte[] done() {
        return frame(SseEvent.data(SseEvent.DONE));
    }

    private static byte[] frame(SseEvent event) {
        StringWriter text = new StringWriter(event.data().length() + 48);
        try {
            new SseWriter(text).write(event);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
