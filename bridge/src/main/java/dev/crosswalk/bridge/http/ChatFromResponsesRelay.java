package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseParser;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Responses event stream from the upstream, as Chat Completions chunks for the client (design §6). Memory per
 * stream: one SSE event at most {@code maxEventBytes}, plus the tool-call bookkeeping of the translator.
 */
final class ChatFromResponsesRelay implements StreamRelay {
    private static final Logger log = LoggerFactory.getLogger(ChatFromResponsesRelay.class);

    private final ResponsesToChatStream stream;
    private final JsonCodec codec;
    private final Redactor redactor;
    private final List<SseEvent> parsed = new ArrayList<>();
    private final SseParser parser;
    private boolean sent;
    private BridgeException failure;

    /**
     * @param translator supplies the options and the codec
     * @param includeUsage whether the client asked for the usage chunk
     * @param maxEventBytes the largest SSE event accepted from the upstream
     * @param redactor cleans upstream error messages
     */
    ChatFromResponsesRelay(Translator translator, boolean includeUsage, int maxEventBytes, Redactor redactor) {
        this.stream = new ResponsesToChatStream(translator.options(), includeUsage,
                ignored -> log.debug("ignored upstream event {}: no Chat Completions equivalent", ignored.type()));
        this.codec = translator.options().codec();
        this.redactor = redactor;
        this.parser = new SseParser(maxEventBytes, parsed::add);
    }

    @Override
    public Batch onBytes(byte[] bytes) {
        if (stream.finished()) {
            return Batch.EMPTY;
        }
        List<ChatStreamOutput> outputs = new ArrayList<>();
        try {
            parser.feed(bytes, 0, bytes.length);
            translate(outputs);
        } catch (RuntimeException e) {
            outputs.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch(outputs);
    }

    @Override
    public Batch onEnd() {
        if (stream.finished()) {
            return Batch.EMPTY;
        }
        List<ChatStreamOutput> outputs = new ArrayList<>();
        try {
            parser.finish();
            translate(outputs);
            if (!stream.finished()) {
                outputs.addAll(end());
            }
        } catch (RuntimeException e) {
            outputs.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch(outputs);
    }

    @Override
    public Batch onError(Throwable error) {
        if (stream.finished()) {
            return Batch.EMPTY;
        }
        BridgeException e = Errors.upstreamTransport(error);
        return batch(fail(e != null ? e : Errors.upstreamProtocol("an unreadable stream")));
    }

    private void translate(List<ChatStreamOutput> outputs) {
        for (int i = 0; i < parsed.size() && !stream.finished(); i++) {
            SseEvent event = parsed.get(i);
            if (event.isDone()) {
                // The Open Responses spec ends streams with [DONE]; OpenAI does not. Either way, the body is over.
                outputs.addAll(end());
                break;
            }
            List<ChatStreamOutput> out = stream.onEvent(codec.read(event.data(), ResponseStreamEvent.class));
            for (ChatStreamOutput o : out) {
                if (o instanceof ChatStreamOutput.Error e && failure == null) {
                    OpenAiError safe = redacted(e.error());
                    failure = new BridgeException(Errors.statusFor(safe), safe);
                    outputs.add(new ChatStreamOutput.Error(safe));
                } else {
                    outputs.add(o);
                }
            }
        }
        parsed.clear();
    }

    private List<ChatStreamOutput> end() {
        List<ChatStreamOutput> out = stream.onEnd();
        if (out.stream().anyMatch(o -> o instanceof ChatStreamOutput.Error)) {
            failure = BridgeException.of(502, Errors.SERVER_ERROR, null, "stream_incomplete",
                    "The upstream stream ended before response.completed.");
        }
        return out;
    }

    private List<ChatStreamOutput> fail(BridgeException e) {
        failure = e;
        return stream.onError(e.error());
    }

    private OpenAiError redacted(OpenAiError e) {
        return new OpenAiError(redactor.redact(e.message()), e.type(), redactor.redact(e.param()), redactor.redact(e.code()), e.extra());
    }

    private Batch batch(List<ChatStreamOutput> outputs) {
        if (failure != null && !sent) {
            return Batch.failure(failure);
        }
        if (outputs.isEmpty()) {
            return Batch.EMPTY;
        }
        List<byte[]> frames = new ArrayList<>(outputs.size());
        for (ChatStreamOutput o : outputs) {
            if (o instanceof ChatStreamOutput.Chunk c) {
                frames.add(SseFrames.data(codec.write(c.chunk())));
            } else if (o instanceof ChatStreamOutput.Error e) {
                frames.add(SseFrames.data(codec.write(e.error().toResponse())));
            } else {
                frames.add(SseFrames.done());
            }
        }
        sent = true;
        return new Batch(frames, null, stream.finished(), null);
    }
}
