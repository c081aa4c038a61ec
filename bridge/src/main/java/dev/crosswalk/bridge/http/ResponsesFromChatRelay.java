package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.Translator;
import io.netty.buffer.ByteBuf;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseError;
import dev.crosswalk.translator.responses.events.ErrorEvent;
import dev.crosswalk.translator.responses.events.ResponseCompletedEvent;
import dev.crosswalk.translator.responses.events.ResponseCreatedEvent;
import dev.crosswalk.translator.responses.events.ResponseFailedEvent;
import dev.crosswalk.translator.responses.events.ResponseInProgressEvent;
import dev.crosswalk.translator.responses.events.ResponseIncompleteEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Chat Completions chunk stream from the upstream, as Responses events for the client (docs/architecture.md §6). Memory per
 * stream: one SSE event at most {@code maxEventBytes}, plus the response being assembled.
 */
final class ResponsesFromChatRelay extends SseRelay<ResponseStreamEvent> {
    private final ChatToResponsesStream stream;
    private final JsonCodec codec;
    private final Redactor redactor;
    private Integer completedSequence;
    private int completedStart = -1;
    private int completedEnd = -1;
    private final String alias;
    private final Consumer<String> renamed;
    /** The last response snapshot framed, and its JSON. */
    private Response snapshot;
    private byte[] snapshotJson;

    /**
     * @param translator supplies the options (ids, clock, reasoning) and the codec
     * @param echo the client's Responses request, whose fields every response snapshot echoes
     * @param maxEventBytes the largest SSE event accepted from the upstream
     * @param redactor cleans upstream error messages
     */
    ResponsesFromChatRelay(Translator translator, ResponsesRequest echo, int maxEventBytes, Redactor redactor) {
        this(translator, echo, maxEventBytes, redactor, null);
    }

    /**
     * @param renamed when not {@code null}, every chunk's {@code model} becomes the echo's (the client's alias) and
     *        this is told the upstream's
     */
    ResponsesFromChatRelay(Translator translator, ResponsesRequest echo, int maxEventBytes, Redactor redactor,
            Consumer<String> renamed) {
        super(maxEventBytes);
        this.stream = translator.streamToResponses(echo);
        this.codec = translator.options().codec();
        this.redactor = redactor;
        this.alias = renamed == null ? null : echo.model();
        this.renamed = renamed;
    }

    @Override
    boolean finished() {
        return stream.finished();
    }

    @Override
    void translate(SseEvent event, List<ResponseStreamEvent> events) {
        OpenAiError error = errorPayload(event.data());
        if (error != null) {
            events.addAll(fail(new BridgeException(UpstreamError.status(error), error)));
        } else {
            ChatCompletionChunk chunk = codec.read(event.data(), ChatCompletionChunk.class);
            if (alias != null && chunk != null && chunk.model() != null && !alias.equals(chunk.model())) {
                renamed.accept(chunk.model());
                chunk = chunk.toBuilder().model(alias).build();
            }
            events.addAll(stream.onChunk(chunk));
        }
    }

    /** The upstream's end ({@code [DONE]} or EOF): a failure only if no {@code finish_reason} came before it. */
    @Override
    List<ResponseStreamEvent> end() {
        List<ResponseStreamEvent> events = stream.onEnd();
        ResponsesOverChat.warn(stream.warnings());
        if (stream.failed()) {
            failure = BridgeException.of(502, Errors.SERVER_ERROR, null, "stream_incomplete",
                    "The upstream stream ended before finish_reason.");
        }
        return events;
    }

    @Override
    List<ResponseStreamEvent> onFailure(OpenAiError error) {
        return stream.onError(error);
    }

    /** {@code data: {"error": {...}}}: how Chat upstreams report a failure inside a stream. */
    private OpenAiError errorPayload(String data) {
        OpenAiError error = UpstreamError.fromFrame(codec, data);
        if (error == null) {
            return null;
        }
        OpenAiError e = redactor.redact(error);
        return e.type() != null ? e : new OpenAiError(e.message(), Errors.SERVER_ERROR, e.param(), e.code(), e.extra());
    }

    /**
     * The token path: a chunk that only carries more text of the open message, or more arguments of the open function
     * call, becomes its {@code response.output_text.delta} or {@code response.function_call_arguments.delta} frame
     * straight from the chunk's bytes (no chunk or event record, no {@code String} of the chunk). Such a chunk has
     * {@code choices}, so it is never an error frame; its {@code model} is not used (the response's is the first
     * chunk's, renamed on the record path when the route has an alias).
     */
    @Override
    boolean translateInto(String type, byte[] data, int offset, int length, SseFrames frames) {
        return frames.event(frame -> stream.onDeltaChunk(data, offset, length, frame));
    }

    @Override
    SseFrames newFrames() {
        return new SseFrames(codec, 2);
    }

    @Override
    void write(List<ResponseStreamEvent> events, SseFrames frames) {
        // A snapshot is shared only within one step (created with in_progress; the terminal one with its batch): not
        // kept alive for the whole stream.
        snapshot = null;
        snapshotJson = null;
        for (ResponseStreamEvent e : events) {
            if (e instanceof ResponseCompletedEvent completed) {
                completedSequence = completed.sequenceNumber();
                completedStart = frames.buffer().writerIndex();
                writeSnapshot(e, completed.sequenceNumber(), completed.response(), completed.extra(), frames);
                completedEnd = frames.buffer().writerIndex();
            } else if (e instanceof ResponseCreatedEvent created) {
                writeSnapshot(e, created.sequenceNumber(), created.response(), created.extra(), frames);
            } else if (e instanceof ResponseInProgressEvent inProgress) {
                writeSnapshot(e, inProgress.sequenceNumber(), inProgress.response(), inProgress.extra(), frames);
            } else if (e instanceof ResponseIncompleteEvent incomplete) {
                writeSnapshot(e, incomplete.sequenceNumber(), incomplete.response(), incomplete.extra(), frames);
            } else {
                frames.event(e.type(), e);
            }
        }
    }

    /**
     * An event that carries a response snapshot: the snapshot's JSON written once and kept, as the next such event
     * (created, then in_progress: the same snapshot) and the store (the terminal one) use it again; an event with
     * members of its own goes through the codec whole.
     */
    private void writeSnapshot(ResponseStreamEvent e, Integer sequence, Response response, Map<String, Object> extra, SseFrames frames) {
        if (sequence == null || response == null || !extra.isEmpty()) {
            frames.event(e.type(), e);
            return;
        }
        if (response != snapshot) {
            snapshotJson = codec.writeBytes(response);
            snapshot = response;
        }
        frames.responseEvent(e.type(), sequence, snapshotJson);
    }

    @Override
    Batch batch(SseFrames frames) {
        boolean ok = stream.finished() && !stream.failed();
        Response finished = ok ? stream.response() : null;
        // The stored turn is the terminal event's snapshot, as sent: its JSON is not written a second time.
        String json = finished != null && finished == snapshot ? new String(snapshotJson, StandardCharsets.UTF_8) : null;
        return new Batch(frames.take(), null, stream.finished(), finished, null, json);
    }

    /**
     * The terminal batch of a turn that could not be stored: its {@code response.completed} frame replaced by an
     * {@code error} event and {@code response.failed}, code {@code store_unavailable}, the sequence numbers going on
     * from where the stream was.
     */
    Batch storeFailed(Batch batch) {
        String message = "The bridge's response store is unavailable: this turn was not stored; try again later.";
        int sequence = completedSequence == null ? 0 : completedSequence;
        Response failed = batch.finished().toBuilder().status("failed")
                .error(new ResponseError("store_unavailable", message, Map.of())).build();
        ByteBuf all = batch.frames();
        int start = completedStart >= 0 ? completedStart : all.writerIndex();
        int end = completedEnd >= 0 ? completedEnd : all.writerIndex();
        SseFrames frames = new SseFrames(codec, 3);
        frames.buffer().writeBytes(all, all.readerIndex(), start - all.readerIndex());
        ErrorEvent error = ErrorEvent.of(sequence, new OpenAiError(message, Errors.SERVER_ERROR, null, "store_unavailable"));
        frames.event(error.type(), error);
        ResponseFailedEvent end2 = new ResponseFailedEvent(sequence + 1, failed, Map.of());
        frames.event(end2.type(), end2);
        frames.buffer().writeBytes(all, end, all.writerIndex() - end);
        return new Batch(frames.buffer(), null, true, null);
    }
}
