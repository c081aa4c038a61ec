package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.ErrorEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseParser;
import java.io.ByteArrayOutputStream;

/**
 * A Responses SSE stream passed through, with each {@code error} event that carries only the spec's top-level
 * {@code code}/{@code message}/{@code param} completed with the live API's nested {@code error} object: the official
 * SDKs raise only on the latter, so without it a client would read a failed stream as a normal one (and a live
 * nested-only one completed with the spec's fields, which spec-validating clients require). Every other event
 * goes out as it came (re-framed as {@code event:}/{@code data:}, which is how Responses streams frame events).
 */
final class LiveErrorEvents {
    private final JsonCodec codec;
    private final SseParser parser;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    LiveErrorEvents(JsonCodec codec, int maxEventBytes) {
        this.codec = codec;
        this.parser = new SseParser(maxEventBytes, this::write);
    }

    /** The complete events among {@code bytes} (and earlier partial ones), ready to send. */
    byte[] feed(byte[] bytes) {
        parser.feed(bytes, 0, bytes.length);
        return drain();
    }

    /** What is left at the end of the upstream body. */
    byte[] finish() {
        parser.finish();
        return drain();
    }

    private void write(SseEvent event) {
        out.writeBytes(frame(event.event(), event.isDone() ? event.data() : inBothShapes(codec, event.data())));
    }

    /**
     * An event's data; an {@code error} event in one shape only (the spec's top-level fields, or the live nested
     * object) is written in both, as the bridge writes its own.
     */
    static String inBothShapes(JsonCodec codec, String data) {
        if (data.contains("\"error\"") && codec.readTree(data) instanceof java.util.Map<?, ?> m && "error".equals(m.get("type"))
                && (!(m.get("error") instanceof java.util.Map) || !m.containsKey("message"))) {
            ErrorEvent spec = codec.read(data, ErrorEvent.class);
            return codec.write(ErrorEvent.of(spec.sequenceNumber(), spec.toOpenAiError()));
        }
        return data;
    }

    /** One SSE event as bytes: {@code event: <type>} (when there is one) and its data, one {@code data:} line a line. */
    static byte[] frame(String type, String data) {
        StringBuilder text = new StringBuilder(data.length() + 48);
        if (type != null) {
            text.append("event: ").append(type).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] drain() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    static boolean isSse(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream");
    }
}
