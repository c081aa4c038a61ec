package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Responses event stream from the upstream, as Chat Completions chunks for the client (docs/architecture.md §6). Memory per
 * stream: one SSE event at most {@code maxEventBytes}, plus the tool-call bookkeeping of the translator.
 */
final class ChatFromResponsesRelay extends SseRelay<ChatStreamOutput> {
    private static final Logger log = LoggerFactory.getLogger(ChatFromResponsesRelay.class);

    private final ResponsesToChatStream stream;
    private final JsonCodec codec;
    private final Redactor redactor;
    private final String alias;
    private final Consumer<String> renamed;
    private final Consumer<List<Problem>> warned;
    private boolean reported;

    /**
     * @param translator supplies the options and the codec
     * @param includeUsage whether the client asked for the usage chunk
     * @param sent the Responses request sent upstream: the stream's instructions and metadata that echo it are no loss
     * @param maxEventBytes the largest SSE event accepted from the upstream
     * @param redactor cleans upstream error messages
     * @param alias the model name every chunk carries instead of the upstream's (the client's, when its route renamed
     *        it), or {@code null} to keep the upstream's
     * @param renamed told the upstream's model when a chunk is renamed
     * @param warned told, once the stream has ended, what the translation dropped (nothing if nothing)
     */
    ChatFromResponsesRelay(Translator translator, boolean includeUsage, ResponsesRequest sent, int maxEventBytes,
            Redactor redactor, String alias, Consumer<String> renamed, Consumer<List<Problem>> warned) {
        super(maxEventBytes);
        this.alias = alias;
        this.renamed = renamed;
        this.warned = warned;
        this.stream = translator.streamToChat(includeUsage, sent,
                ignored -> log.debug("ignored upstream event {}: no Chat Completions equivalent", redactor.redact(ignored.type())));
        this.codec = translator.options().codec();
        this.redactor = redactor;
    }

    @Override
    boolean finished() {
        return stream.finished();
    }

    @Override
    void translate(SseEvent event, List<ChatStreamOutput> outputs) {
        for (ChatStreamOutput o : stream.onEvent(codec.read(event.data(), ResponseStreamEvent.class))) {
            if (o instanceof ChatStreamOutput.Error e && failure == null) {
                OpenAiError safe = redactor.redact(e.error());
                failure = new BridgeException(UpstreamError.status(safe), safe);
                outputs.add(new ChatStreamOutput.Error(safe));
            } else {
                outputs.add(o);
            }
        }
        if (stream.finished()) {
            report();
        }
    }

    /** Once: warnings gather on response.created and on the terminal event (token events add none). */
    private void report() {
        if (!reported) {
            reported = true;
            List<Problem> warnings = stream.warnings();
            if (!warnings.isEmpty()) {
                warned.accept(warnings);
            }
        }
    }

    @Override
    List<ChatStreamOutput> end() {
        List<ChatStreamOutput> out = stream.onEnd();
        report();
        if (out.stream().anyMatch(o -> o instanceof ChatStreamOutput.Error)) {
            failure = BridgeException.of(502, Errors.SERVER_ERROR, null, "stream_incomplete",
                    "The upstream stream ended before response.completed.");
        }
        return out;
    }

    @Override
    List<ChatStreamOutput> onFailure(OpenAiError error) {
        List<ChatStreamOutput> out = stream.onError(error);
        report();
        return out;
    }

    /**
     * The token path: a text, function-arguments or custom-input delta event becomes its Chat chunk frame straight from
     * the event's bytes, naming the route's alias as {@link #write} renames the record path's chunks (the upstream's
     * model was reported by the stream's first chunk, which took the record path).
     */
    @Override
    boolean translateInto(String type, byte[] data, int offset, int length, SseFrames frames) {
        return frames.data(out -> stream.onDeltaEvent(data, offset, length, alias, out));
    }

    @Override
    SseFrames newFrames() {
        return new SseFrames(codec, 2);
    }

    @Override
    void write(List<ChatStreamOutput> outputs, SseFrames frames) {
        for (ChatStreamOutput o : outputs) {
            if (o instanceof ChatStreamOutput.Chunk c) {
                ChatCompletionChunk chunk = c.chunk();
                if (alias != null && !alias.equals(chunk.model())) {
                    if (chunk.model() != null) {
                        renamed.accept(chunk.model());
                    }
                    chunk = chunk.toBuilder().model(alias).build();
                }
                frames.data(chunk);
            } else if (o instanceof ChatStreamOutput.Error e) {
                frames.data(e.error().toResponse());
            } else {
                frames.done();
            }
        }
    }

    @Override
    Batch batch(SseFrames frames) {
        return new Batch(frames.take(), null, stream.finished(), null);
    }
}
