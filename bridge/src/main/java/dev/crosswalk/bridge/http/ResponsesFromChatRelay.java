package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.ErrorResponse;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseParser;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A Chat Completions chunk stream from the upstream, as Responses events for the client (design §6). Memory per
 * stream: one SSE event at most {@code maxEventBytes}, plus the response being assembled.
 */
final class ResponsesFromChatRelay implements StreamRelay {
    private final ChatToResponsesStream stream;
    private final JsonCodec codec;
    private final Redactor redactor;
    private final List<SseEvent> parsed = new ArrayList<>();
    private final SseParser parser;
    private boolean sent;
    private BridgeException failure;

    /**
     * @param translator supplies the options (ids, clock, reasoning) and the codec
     * @param echo the client's Responses request, whose fields every response snapshot echoes
     * @param maxEventBytes the largest SSE event accepted from the upstream
     * @param redactor cleans upstream error messages
     */
    ResponsesFromChatRelay(Translator translator, ResponsesRequest echo, int maxEventBytes, Redactor redactor) {
        this.stream = new ChatToResponsesStream(translator.options(), echo);
        this.codec = translator.options().codec();
        this.redactor = redactor;
        this.parser = new SseParser(maxEventBytes, parsed::add);
    }

    @Override
    public Batch onBytes(byte[] bytes) {
        if (stream.finished()) {
            return Batch.EMPTY;
        }
        List<ResponseStreamEvent> events = new ArrayList<>();
        try {
            parser.feed(bytes, 0, bytes.length);
            translate(events);
        } catch (RuntimeException e) {
            events.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch(events);
    }

    @Override
    public Batch onEnd() {
        if (stream.finished()) {
            return Batch.EMPTY;
        }
        List<ResponseStreamEvent> events = new ArrayList<>();
        try {
            parser.finish();
            translate(events);
            if (!stream.finished()) {
                events.addAll(end());
            }
        } catch (RuntimeException e) {
            events.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch(events);
    }

    @Override
    public Batch onError(Throwable error) {
        if (stream.finished()) {
            return Batch.EMPTY;
        }
        BridgeException e = Errors.upstreamTransport(error);
        return batch(fail(e != null ? e : Errors.upstreamProtocol("an unreadable stream")));
    }

    private void translate(List<ResponseStreamEvent> events) {
        for (int i = 0; i < parsed.size() && !stream.finished(); i++) {
            SseEvent event = parsed.get(i);
            if (event.isDone()) {
                if (!stream.finished()) {
                    events.addAll(end());
                }
                break;
            }
            OpenAiError error = errorPayload(event.data());
            if (error != null) {
                events.addAll(fail(new BridgeException(Errors.statusFor(error), error)));
            } else {
                events.addAll(stream.onChunk(codec.read(event.data(), ChatCompletionChunk.class)));
            }
        }
        parsed.clear();
    }

    /** The upstream's end ({@code [DONE]} or EOF): a failure only if no {@code finish_reason} came before it. */
    private List<ResponseStreamEvent> end() {
        List<ResponseStreamEvent> events = stream.onEnd();
        if (stream.failed()) {
            failure = BridgeException.of(502, Errors.SERVER_ERROR, null, "stream_incomplete",
                    "The upstream stream ended before finish_reason.");
        }
        return events;
    }

    /** {@code data: {"error": {...}}}: how Chat upstreams report a failure inside a stream. */
    private OpenAiError errorPayload(String data) {
        if (!data.contains("\"error\"")) {
            return null;
        }
        Object tree = codec.readTree(data);
        if (tree instanceof java.util.Map<?, ?> m && m.get("error") instanceof java.util.Map && !m.containsKey("choices")) {
            OpenAiError e = codec.read(data, ErrorResponse.class).error();
            return new OpenAiError(redactor.redact(e.message()), e.type() != null ? e.type() : Errors.SERVER_ERROR,
                    redactor.redact(e.param()), redactor.redact(e.code()), e.extra());
        }
        return null;
    }

    private List<ResponseStreamEvent> fail(BridgeException e) {
        failure = e;
        return stream.onError(e.error());
    }

    private Batch batch(List<ResponseStreamEvent> events) {
        if (failure != null && !sent) {
            // Nothing reached the client yet: an HTTP error says more than a stream that fails at once.
            return Batch.failure(failure);
        }
        if (events.isEmpty()) {
            return Batch.EMPTY;
        }
        List<byte[]> frames = new ArrayList<>(events.size());
        for (ResponseStreamEvent e : events) {
            frames.add(SseFrames.event(e.type(), codec.write(e)));
        }
        sent = true;
        boolean ok = stream.finished() && !stream.failed();
        return new Batch(frames, null, stream.finished(), ok ? stream.response() : null);
    }
}
