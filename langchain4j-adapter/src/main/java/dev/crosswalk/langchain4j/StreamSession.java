package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseCompletedEvent;
import dev.crosswalk.translator.responses.events.ResponseCreatedEvent;
import dev.crosswalk.translator.responses.events.ResponseIncompleteEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming call, from the HTTP request to exactly one terminal callback: {@code onCompleteResponse} or
 * {@code onError}, never both from the stream itself, never twice, and nothing at all after the user cancels.
 *
 * <p>Chat Completions chunks go straight to the {@link ChunkAssembler}; Responses events are first translated to
 * chunks by the core, so both wires share one assembly. A failure before the stream opens is retried like a
 * blocking call; after the first event it is reported, as replaying would repeat what the handler already saw.
 *
 * <p>A handler callback that throws ends the stream: it is cancelled and the exception goes to {@code onError}.
 * One exception to "never both": if {@code onCompleteResponse} itself throws, the exception goes to
 * {@code onError}, as LangChain4j's own models do and its AI services rely on.
 */
final class StreamSession implements ServerSentEventListener, StreamSink {
    private static final Logger log = LoggerFactory.getLogger(StreamSession.class);

    private final HttpTransport transport;
    private final HttpRequest request;
    private final WireMapper mapper;
    private final List<String> warnings;
    private final StreamingChatResponseHandler handler;
    private final int maxRetries;
    private final AtomicBoolean done = new AtomicBoolean();
    private final ChunkAssembler assembler;
    private final ResponsesToChatStream responses;
    private final Set<String> ignoredEvents = new LinkedHashSet<>();
    private volatile StreamControl control;
    private int attempt;
    private String responseId;
    private Response finalResponse;

    /**
     * @param warnings what the request's translation dropped
     * @param sent the Responses request sent (Responses wire): the stream's instructions and metadata that echo it are
     *        no loss; {@code null} on the Chat wire
     */
    StreamSession(HttpTransport transport, HttpRequest request, WireMapper mapper, List<String> warnings, ResponsesRequest sent,
            StreamingChatResponseHandler handler, int maxRetries) {
        this.transport = transport;
        this.request = request;
        this.mapper = mapper;
        this.warnings = warnings;
        this.handler = handler;
        this.maxRetries = maxRetries;
        this.assembler = new ChunkAssembler(this, mapper.returnThinking());
        this.responses = mapper.wire() == WireApi.RESPONSES
                ? Crosswalk.translator(WireMapper.OPTIONS).streamToChat(true, sent, e -> ignoredEvents.add(e.type()))
                : null;
    }

    void start() {
        try {
            transport.stream(request, new CoreSseParser(this, transport.idleTimeout()), this);
        } catch (RuntimeException e) {
            onError(e);
        }
    }

    boolean isDone() {
        return done.get();
    }

    void opened(StreamControl control) {
        this.control = control;
    }

    private boolean stopped() {
        StreamControl c = control;
        return done.get() || (c != null && c.isCancelled());
    }

    @Override
    public void onOpen(SuccessfulHttpResponse response) {
        log.debug("stream opened: HTTP {}", response.statusCode());
    }

    @Override
    public void onEvent(ServerSentEvent event) {
        onEvent(event, null);
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
        if (stopped()) {
            return;
        }
        if (transport.logResponses()) {
            log.debug("stream event: {} {}", event.event(), transport.headers().redact(event.data()));
        }
        try {
            if (mapper.wire() == WireApi.CHAT_COMPLETIONS) {
                chatEvent(event.data());
            } else {
                responsesEvent(event.data());
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void chatEvent(String data) {
        if (SseEvent.DONE.equals(data)) {
            complete();
            return;
        }
        Object tree = Errors.reading(() -> WireMapper.CODEC.readTree(data), "Chat completion chunk");
        OpenAiError error = UpstreamError.fromFrame(tree);
        if (error != null) {
            fail(Errors.failed(transport.headers().redact(error)));
            return;
        }
        assembler.onChunk(Errors.reading(() -> WireMapper.CODEC.convert(tree, ChatCompletionChunk.class), "Chat completion chunk"));
    }


    private void responsesEvent(String data) {
        if (SseEvent.DONE.equals(data)) {
            // The Open Responses spec ends streams with [DONE], OpenAI does not: the terminal event is what counts.
            return;
        }
        ResponseStreamEvent event = Errors.reading(() -> WireMapper.CODEC.read(data, ResponseStreamEvent.class), "Responses stream event");
        if (event instanceof ResponseCreatedEvent e && e.response() != null) {
            responseId = e.response().id();
        } else if (event instanceof ResponseCompletedEvent e) {
            finalResponse = e.response();
        } else if (event instanceof ResponseIncompleteEvent e) {
            finalResponse = e.response();
        }
        outputs(responses.onEvent(event));
    }

    private void outputs(List<ChatStreamOutput> outputs) {
        for (ChatStreamOutput output : outputs) {
            if (stopped()) {
                return;
            }
            if (output instanceof ChatStreamOutput.Chunk c) {
                assembler.onChunk(c.chunk());
            } else if (output instanceof ChatStreamOutput.Error e) {
                fail(Errors.failed(e.error()));
            } else {
                complete();
            }
        }
    }

    /** The body ended without a terminal event being handled. */
    void onEndOfStream() {
        if (stopped()) {
            return;
        }
        if (mapper.wire() == WireApi.RESPONSES) {
            outputs(responses.onEnd());
        } else if (assembler.finished()) {
            // Some servers omit [DONE]; the turn did end, only the optional usage chunk may be missing.
            complete();
        } else {
            fail(new InternalServerException("the stream ended before its finish_reason: the answer is incomplete"));
        }
    }

    private void complete() {
        if (stopped() || !done.compareAndSet(false, true)) {
            return;
        }
        ChatResponse response;
        try {
            response = assembler.complete(extras());
        } catch (RuntimeException e) {
            deliverError(e);
            return;
        }
        try {
            handler.onCompleteResponse(response);
        } catch (RuntimeException e) {
            deliverError(e);
        }
    }

    private AnswerMapper.Extras extras() {
        List<String> all = new ArrayList<>(warnings);
        ignoredEvents.forEach(type -> all.add("event " + type + ": no Chat equivalent"));
        if (mapper.wire() == WireApi.CHAT_COMPLETIONS) {
            return new AnswerMapper.Extras(WireApi.CHAT_COMPLETIONS, assembler.id(), null, all);
        }
        // As for a blocking call: instructions and metadata that are not the echo of the request sent (§5).
        all.addAll(WireMapper.describe(responses.warnings()));
        String id = finalResponse != null && finalResponse.id() != null ? finalResponse.id() : responseId;
        return new AnswerMapper.Extras(WireApi.RESPONSES, id, WireMapper.encryptedReasoning(finalResponse), all);
    }

    /** The one failure of this stream, as a LangChain4j exception; stops reading it. */
    void fail(Throwable error) {
        stop(Errors.map(error, transport.headers()));
    }

    private void stop(Throwable error) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        StreamControl c = control;
        if (c != null && !c.isCancelled()) {
            c.cancel();
        }
        deliverError(error);
    }

    private void deliverError(Throwable error) {
        try {
            handler.onError(error);
        } catch (RuntimeException e) {
            log.warn("StreamingChatResponseHandler.onError threw; ignored", e);
        }
    }

    /** The HTTP client's report: an error status or a failure to connect, or a failure of the body it already handed over. */
    @Override
    public void onError(Throwable error) {
        if (stopped()) {
            return;
        }
        RuntimeException mapped = Errors.map(error, transport.headers());
        if (control == null && mapped instanceof RetriableException && attempt < maxRetries) {
            java.time.Duration delay = Retries.delay(attempt++);
            log.warn("stream attempt {} of {} failed, retrying in {} ms: {}", attempt, maxRetries + 1, delay.toMillis(), mapped.getMessage());
            Retries.schedule(this::start, delay);
            return;
        }
        fail(mapped);
    }

    @Override
    public void partialText(String text) {
        deliver(() -> handler.onPartialResponse(new PartialResponse(text), new PartialResponseContext(control)));
    }

    @Override
    public void partialThinking(String thinking) {
        deliver(() -> handler.onPartialThinking(new PartialThinking(thinking), new PartialThinkingContext(control)));
    }

    @Override
    public void partialToolCall(PartialToolCall call) {
        deliver(() -> handler.onPartialToolCall(call, new PartialToolCallContext(control)));
    }

    @Override
    public void completeToolCall(CompleteToolCall call) {
        // Called from complete(), after done is set: only cancellation stops it.
        StreamControl c = control;
        if (c != null && c.isCancelled()) {
            return;
        }
        handler.onCompleteToolCall(call);
    }

    private void deliver(Runnable callback) {
        if (stopped()) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            // The handler's own exception, unchanged: it is the user's, not the endpoint's.
            stop(e);
        }
    }
}
