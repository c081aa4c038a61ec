package dev.crosswalk.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * One scripted answer of a {@link FakeOpenAi}: a JSON or text body, or an SSE stream whose frames are written and
 * flushed one by one, with per-frame control (pause, gate, cut, trickle).
 *
 * <pre>{@code
 * upstream.enqueue(Reply.chatStream(chunk1, chunk2).stallAfter(1, Duration.ofMillis(200)));
 * upstream.enqueue(Reply.error(429, "Rate limit reached", "requests", "rate_limit_exceeded").header("Retry-After", "7"));
 * }</pre>
 */
public final class Reply {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final List<byte[]> frames;
    private final Map<Integer, Duration> pauses = new HashMap<>();
    private final Map<Integer, CountDownLatch> gates = new HashMap<>();
    private Duration delay = Duration.ZERO;
    private Duration frameDelay = Duration.ZERO;
    private int abortAfter = -1;
    private boolean hang;
    private boolean malformed;
    private IntFunction<String> trickle;

    private Reply(int status, String contentType, byte[] body, List<byte[]> frames) {
        this.status = status;
        this.body = body;
        this.frames = frames;
        headers.put("Content-Type", contentType);
    }

    // ------------------------------------------------------------------------------------------------ bodies

    public static Reply json(int status, String json) {
        return new Reply(status, "application/json", utf8(json), null);
    }

    public static Reply json(String json) {
        return json(200, json);
    }

    /** A JSON body written from a plain tree (maps, lists, strings, numbers). */
    public static Reply json(int status, Map<String, ?> tree) {
        return json(status, Json.write(tree));
    }

    public static Reply text(int status, String text) {
        return new Reply(status, "text/plain", utf8(text), null);
    }

    /** The error body OpenAI sends: {@code {"error":{"message","type","param","code"}}}. */
    public static Reply error(int status, String message, String type, String code) {
        return json(status, FakeModel.error(message, type, code, null));
    }

    /** Never answers (no status line) until the fake is closed. */
    public static Reply hang() {
        Reply reply = new Reply(200, "application/json", new byte[0], null);
        reply.hang = true;
        return reply;
    }

    // ------------------------------------------------------------------------------------------------ streams

    /** A 200 SSE stream of raw frames, each a complete block ending in a blank line ({@code "data: {...}\n\n"}). */
    public static Reply sse(List<String> frames) {
        List<byte[]> bytes = new ArrayList<>();
        frames.forEach(f -> bytes.add(utf8(f)));
        return new Reply(200, "text/event-stream", null, bytes);
    }

    public static Reply sse(String... frames) {
        return sse(List.of(frames));
    }

    /** A 200 SSE stream of raw byte frames (for bytes that are not UTF-8, or frames cut mid-character). */
    public static Reply sseBytes(List<byte[]> frames) {
        return new Reply(200, "text/event-stream", null, List.copyOf(frames));
    }

    /** A Chat Completions stream: one {@code data:} frame per chunk JSON, then {@code data: [DONE]}. */
    public static Reply chatStream(List<String> chunkJsons) {
        List<String> frames = new ArrayList<>();
        chunkJsons.forEach(c -> frames.add(Sse.dataFrame(c)));
        frames.add(Sse.dataFrame("[DONE]"));
        return sse(frames);
    }

    public static Reply chatStream(String... chunkJsons) {
        return chatStream(List.of(chunkJsons));
    }

    /** A Responses stream: one {@code event: <type>} + {@code data:} frame per event JSON, the type read from it. */
    public static Reply responsesStream(List<String> eventJsons) {
        List<String> frames = new ArrayList<>();
        eventJsons.forEach(e -> frames.add(Sse.eventFrame(String.valueOf(Json.object(e).get("type")), e)));
        return sse(frames);
    }

    public static Reply responsesStream(String... eventJsons) {
        return responsesStream(List.of(eventJsons));
    }

    // ------------------------------------------------------------------------------------------------ control

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Waits this long before answering at all (no status line yet). */
    public Reply delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
        return this;
    }

    /** Waits this long before every frame of a stream. */
    public Reply frameDelay(Duration delay) {
        this.frameDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** After {@code n} frames, goes silent for {@code pause} before the rest. */
    public Reply stallAfter(int n, Duration pause) {
        pauses.put(n, pause);
        return this;
    }

    /** After {@code n} frames, waits until {@code gate} opens (or the fake closes) before the rest. */
    public Reply gateAfter(int n, CountDownLatch gate) {
        gates.put(n, gate);
        return this;
    }

    /** After {@code n} frames, drops the connection without ending the chunked body. */
    public Reply abortAfter(int n) {
        this.abortAfter = n;
        return this;
    }

    /**
     * After the frames, keeps sending {@code frame(i)} every 50 ms until the client goes away (at most 10 s): the
     * fake then counts the client as gone ({@link FakeOpenAi#awaitClientGone}).
     */
    public Reply thenTrickle(IntFunction<String> frame) {
        this.trickle = frame;
        return this;
    }

    /**
     * Declares the stream deliberately broken (bytes that are not SSE, data that is not JSON): the
     * {@link FakeOpenAiExtension} then does not hold it to the wire rules after the test.
     */
    public Reply malformed() {
        this.malformed = true;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ reading

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public boolean isStream() {
        return frames != null;
    }

    boolean isHang() {
        return hang;
    }

    boolean isMalformed() {
        return malformed;
    }

    byte[] body() {
        return body;
    }

    List<byte[]> frames() {
        return frames;
    }

    Duration delay() {
        return delay;
    }

    Duration frameDelay() {
        return frameDelay;
    }

    Duration pauseBefore(int frame) {
        return pauses.get(frame);
    }

    CountDownLatch gateBefore(int frame) {
        return gates.get(frame);
    }

    int abortAfter() {
        return abortAfter;
    }

    IntFunction<String> trickle() {
        return trickle;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
