package dev.crosswalk.springai;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.WireApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseCreatedEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ResponsesToChatStream;

import org.springframework.ai.chat.model.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * SSE events of one upstream stream → Spring AI responses. Push-style, single-threaded, one per stream. Both wires
 * end in the same {@link ChunkAssembler}: Responses events are first turned into Chat chunks by the core.
 */
abstract sealed class StreamDecoder {

    protected final JsonCodec codec;
    protected final UpstreamErrors errors;
    protected final ChunkAssembler assembler = new ChunkAssembler();

    private StreamDecoder(JsonCodec codec, UpstreamErrors errors) {
        this.codec = codec;
        this.errors = errors;
    }

    /**
     * @param sent the Responses request sent upstream (Responses wire): the stream's instructions and metadata that
     *        echo it are no loss; {@code null} on the Chat wire
     */
    static StreamDecoder of(WireApi wire, JsonCodec codec, UpstreamErrors errors, TranslatorOptions options,
            @Nullable ResponsesRequest sent) {
        return wire == WireApi.RESPONSES ? new Responses(codec, errors, options, sent) : new Chat(codec, errors);
    }

    /** What the translation left out of the answer so far (the Responses wire's instructions, metadata...). */
    List<Problem> warnings() {
        return List.of();
    }

    /** The responses one event yields; throws when the event reports a failure. */
    abstract List<ChatResponse> onEvent(SseEvent event);

    /** The responses the end of input yields; throws when the stream ended before its terminal event. */
    abstract List<ChatResponse> onEnd();

    protected ResponseFailedException failure(OpenAiError error) {
        return new ResponseFailedException(errors.redact(error));
    }

    /** {@code data: <chunk>} events until {@code data: [DONE]}; an {@code {"error": ...}} payload fails the stream. */
    static final class Chat extends StreamDecoder {
        private boolean done;

        Chat(JsonCodec codec, UpstreamErrors errors) {
            super(codec, errors);
        }

        @Override
        List<ChatResponse> onEvent(SseEvent event) {
            if (done) {
                return List.of();
            }
            if (event.isDone()) {
                done = true;
                return assembler.onEnd();
            }
            if (event.data().isBlank()) {
                return List.of();
            }
            Object tree = codec.readTree(event.data());
            OpenAiError error = UpstreamError.fromFrame(tree);
            if (error != null) {
                throw failure(error);
            }
            return assembler.onChunk(codec.convert(tree, ChatCompletionChunk.class));
        }

        @Override
        List<ChatResponse> onEnd() {
            // Some servers close without [DONE]: after a finish_reason that is still a complete answer.
            return done ? List.of() : assembler.onEnd();
        }
    }

    /** Typed Responses events, translated to Chat chunks by the core's {@link ResponsesToChatStream}. */
    static final class Responses extends StreamDecoder {
        private static final Logger log = LoggerFactory.getLogger(Responses.class);

        private final ResponsesToChatStream translator;
        private boolean done;

        Responses(JsonCodec codec, UpstreamErrors errors, TranslatorOptions options, @Nullable ResponsesRequest sent) {
            super(codec, errors);
            // Usage is always asked for: the last Spring AI response carries it.
            this.translator = Crosswalk.translator(options).streamToChat(true, sent,
                    ignored -> log.debug("Ignored Responses event {}", ignored.type()));
        }

        @Override
        List<Problem> warnings() {
            return translator.warnings();
        }

        @Override
        List<ChatResponse> onEvent(SseEvent event) {
            // Open Responses servers end with [DONE]; OpenAI does not: the terminal event is what counts.
            if (done || event.isDone() || event.data().isBlank()) {
                return List.of();
            }
            ResponseStreamEvent parsed = codec.read(event.data(), ResponseStreamEvent.class);
            if (parsed instanceof ResponseCreatedEvent created && created.response() != null
                    && created.response().id() != null) {
                assembler.id(created.response().id());
            }
            return drain(translator.onEvent(parsed));
        }

        @Override
        List<ChatResponse> onEnd() {
            return done ? List.of() : drain(translator.onEnd());
        }

        private List<ChatResponse> drain(List<ChatStreamOutput> outputs) {
            List<ChatResponse> out = new ArrayList<>();
            for (ChatStreamOutput output : outputs) {
                if (output instanceof ChatStreamOutput.Chunk c) {
                    out.addAll(assembler.onChunk(c.chunk()));
                } else if (output instanceof ChatStreamOutput.Error e) {
                    done = true;
                    throw failure(e.error());
                } else if (output instanceof ChatStreamOutput.Done) {
                    done = true;
                    // As for a blocking call: what the answer has no place for is only worth a debug line.
                    translator.warnings().forEach(w -> log.debug("Not in the Spring AI answer: {}: {}", w.path(), w.reason()));
                    out.addAll(assembler.onEnd());
                }
            }
            return out;
        }
    }
}
