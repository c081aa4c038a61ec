package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseParser;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One WebSocket-mode turn over one upstream, the bridge ending the WebSocket itself: translated and streamed from a
 * Chat upstream over HTTP (as for SSE clients), or sent to a Responses upstream's HTTP SSE endpoint. The connection's
 * {@link ResponsesWebSocket.Latest latest response} continues a chain even with {@code store:false}: over Chat it is
 * expanded like a stored turn; over Responses it goes as {@code input} (the upstream may keep nothing), and the
 * answer's {@code previous_response_id} is set back to the id the client sent, as the live API echoes it.
 */
final class WebSocketTurns {
    private final BridgeConfig config;
    private final Translator translator;
    private final JsonCodec codec;
    private final ResponsesOverChat overChat;
    private final UpstreamCalls calls;
    private final Turns turns;

    WebSocketTurns(BridgeConfig config, Translator translator, ResponsesOverChat overChat, UpstreamCalls calls, Turns turns) {
        this.config = config;
        this.translator = translator;
        this.codec = translator.options().codec();
        this.overChat = overChat;
        this.calls = calls;
        this.turns = turns;
    }

    /** The turn's stream as batches of SSE frames (each event becomes one message); {@code body} has no {@code type}. */
    Flux<Batch> turn(Exchange ex, ClientAuth.Grant grant, Map<String, Object> body, ResponsesWebSocket.Latest latest) {
        if (Boolean.FALSE.equals(body.get("generate"))) {
            return warmUp(grant, body, latest);
        }
        return config.upstreamApi() == WireApi.CHAT_COMPLETIONS ? overChat(ex, grant, body, latest) : overResponses(ex, grant, body, latest);
    }

    private Flux<Batch> overChat(Exchange ex, ClientAuth.Grant grant, Map<String, Object> body, ResponsesWebSocket.Latest latest) {
        ResponsesRequest request = overChat.readRequest(codec.writeBytes(body));
        return overChat.prepare(ex, request, grant, latest::find).flatMapMany(turn -> overChat.batches(ex, turn, grant, ex.alias())
                .doOnNext(batch -> {
                    if (batch.finished() != null) {
                        latest.remember(batch.finished(), turn.context(), turn.store());
                    }
                }));
    }

    private Flux<Batch> overResponses(Exchange ex, ClientAuth.Grant grant, Map<String, Object> body, ResponsesWebSocket.Latest latest) {
        Map<String, Object> sent = new LinkedHashMap<>(body);
        String previousId = body.get("previous_response_id") instanceof String s ? s : null;
        List<ResponseItem> context = new ArrayList<>();
        Turns.Turn cached = previousId == null ? null : latest.find(previousId);
        if (cached != null) {
            // The upstream may keep nothing (store:false): the connection's own turn goes as input instead.
            context.addAll(cached.input());
            context.addAll(cached.response().output());
            sent.remove("previous_response_id");
        }
        context.addAll(ResponsesOverChat.inputItems(overChat.readRequest(codec.writeBytes(body))));
        if (cached != null) {
            sent.put("input", codec.readTree(codec.write(ResponsesInput.of(context))));
        }
        Passing relay = new Passing(config.maxEventBytes(), cached != null ? previousId : null,
                response -> latest.remember(response, context, false));
        return calls.stream(ex, WireApi.RESPONSES.path(), codec.writeBytes(sent), grant.upstreamAuthorization(), relay);
    }

    /**
     * {@code generate:false}: no model call, a response with no output whose id the next turn continues from (the
     * live API's warm-up). Its context is the request's own input after the turn it continues, if any.
     */
    private Flux<Batch> warmUp(ClientAuth.Grant grant, Map<String, Object> body, ResponsesWebSocket.Latest latest) {
        Map<String, Object> fields = new LinkedHashMap<>(body);
        fields.remove("generate");
        ResponsesRequest request = overChat.readRequest(codec.writeBytes(fields));
        String previousId = request.previousResponseId();
        Turns.Turn cached = previousId == null ? null : latest.find(previousId);
        Mono<Optional<Turns.Turn>> previous = previousId == null || cached != null ? Mono.just(Optional.ofNullable(cached))
                // Only a Chat upstream's turns are in the bridge's store; a Responses upstream keeps its own.
                : config.upstreamApi() == WireApi.CHAT_COMPLETIONS ? turns.find(previousId, grant.owner()) : Mono.just(Optional.empty());
        return previous.flatMapMany(found -> {
            if (previousId != null && found.isEmpty()) {
                return Flux.error(ResponsesOverChat.previousNotFound(previousId));
            }
            List<ResponseItem> context = new ArrayList<>();
            found.ifPresent(turn -> {
                context.addAll(turn.input());
                context.addAll(turn.response().output());
            });
            List<ResponseItem> own = ResponsesOverChat.inputItems(request);
            context.addAll(own);
            ChatToResponsesStream stream = translator.streamToResponses(request);
            // An empty answer that stops at once: created, in_progress, completed with no output and no tokens.
            ChatCompletionChunk stop = codec.read(("{\"id\":\"warmup\",\"object\":\"chat.completion.chunk\",\"created\":"
                    + translator.options().clock().instant().getEpochSecond() + ",\"model\":" + codec.write(request.model())
                    + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0}}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ChatCompletionChunk.class);
            List<ResponseStreamEvent> events = new ArrayList<>(stream.onChunk(stop));
            events.addAll(stream.onEnd());
            Response response = stream.response();
            boolean store = !Boolean.FALSE.equals(request.store()) && config.upstreamApi() == WireApi.CHAT_COMPLETIONS;
            latest.remember(response, context, store);
            SseFrames frames = new SseFrames(codec, events.size());
            events.forEach(e -> frames.event(e.type(), e));
            Batch batch = new Batch(frames.buffer(), null, true, response);
            // A stored previous turn is referenced, not copied (see Turns.save).
            boolean chained = found.isPresent() && found.get().stored();
            return store ? turns.save(response, chained ? previousId : null, chained ? own : context, grant.owner()).thenReturn(batch).flux()
                    : Flux.just(batch);
        });
    }

    /**
     * A Responses upstream's SSE body, relayed as it is (WebSocket messages are its events), noting the completed
     * response for the connection and whether the stream failed. With {@code echoPrevious}, the response objects say
     * the {@code previous_response_id} the client sent (the upstream got the turn as input instead). A turn the
     * upstream leaves unended (cut, or an {@code error} event with no terminal after it) is ended here with
     * {@code error} and {@code response.failed}, as over a Chat upstream: on a WebSocket nothing else tells the client
     * that the turn is over.
     */
    private final class Passing implements StreamRelay {
        private final SseParser parser;
        private final String echoPrevious;
        private final java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
        private final OpenTurn turn = new OpenTurn(codec);
        private boolean sent;
        private BridgeException transportError;

        Passing(int maxEventBytes, String echoPrevious, Consumer<Response> completed) {
            this.echoPrevious = echoPrevious;
            this.parser = new SseParser(maxEventBytes, e -> {
                if (e.isDone()) {
                    return;
                }
                // error events in both shapes, as on the SSE pass-through (LiveErrorEvents)
                String data = LiveErrorEvents.inBothShapes(codec, e.data());
                if (echoPrevious != null && data.contains("\"response\"")) {
                    data = withPrevious(data);
                }
                frames.writeBytes(LiveErrorEvents.frame(e.event(), data));
                Map<?, ?> event = turn.note(data);
                if (event != null && "response.completed".equals(event.get("type"))) {
                    completed.accept(codec.read(codec.write(event.get("response")), Response.class));
                }
            });
        }

        /** The event with {@code response.previous_response_id} set to the client's, if it carries a response. */
        private String withPrevious(String data) {
            if (codec.readTree(data) instanceof Map<?, ?> event && event.get("response") instanceof Map<?, ?> response) {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = (Map<String, Object>) response;
                r.put("previous_response_id", echoPrevious);
                return codec.write(event);
            }
            return data;
        }

        @Override
        public Batch onBytes(byte[] bytes, int offset, int length) {
            parser.feed(bytes, offset, length);
            return drain(false);
        }

        @Override
        public Batch onEnd() {
            parser.finish();
            if (turn.open()) {
                fail(turn.failure() != null ? turn.failure() : OpenTurn.incomplete());
            }
            return drain(true);
        }

        @Override
        public Batch onError(Throwable error) {
            BridgeException e = Errors.upstreamTransport(error);
            BridgeException failure = e != null ? e : Errors.upstreamProtocol("an unreadable stream");
            if (!sent && frames.size() == 0) {
                return Batch.failure(failure);
            }
            if (turn.open()) {
                fail(failure);
            }
            transportError = failure;
            return drain(true);
        }

        private void fail(BridgeException failure) {
            List<ResponseStreamEvent> events = turn.fail(failure);
            SseFrames out = new SseFrames(codec, events.size());
            events.forEach(event -> out.event(event.type(), event));
            frames.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(out.buffer()));
            out.buffer().release();
        }

        private Batch drain(boolean end) {
            if (frames.size() == 0 && !end) {
                return Batch.EMPTY;
            }
            byte[] out = frames.toByteArray();
            frames.reset();
            sent |= out.length > 0;
            Batch batch = new Batch(io.netty.buffer.Unpooled.wrappedBuffer(out), null, end, null);
            BridgeException streamError = transportError != null ? transportError : turn.failure();
            return streamError != null ? batch.failedWith(streamError) : batch;
        }
    }
}
