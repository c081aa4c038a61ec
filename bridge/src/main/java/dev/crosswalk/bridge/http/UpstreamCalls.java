package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;

/**
 * The two ways the translating endpoints call the upstream: one JSON answer, or an SSE stream relayed step by step.
 * Both turn an upstream error status into the client's error (its status and redacted message).
 */
final class UpstreamCalls {
    private final Upstream upstream;
    private final JsonCodec codec;
    private final long maxUpstreamBodyBytes;

    UpstreamCalls(Upstream upstream, JsonCodec codec, long maxUpstreamBodyBytes) {
        this.upstream = upstream;
        this.codec = codec;
        this.maxUpstreamBodyBytes = maxUpstreamBodyBytes;
    }

    /** POSTs {@code json} and reads the answer as {@code type}; a 4xx/5xx becomes the client's error. */
    <T> Mono<T> unary(Exchange ex, String path, byte[] json, String authorization, Class<T> type) {
        return upstream.postJson(path, json, authorization, false)
                .response((response, body) -> {
                    ex.upstreamStatus(response.status().code());
                    int status = response.status().code();
                    if (status >= 300) {
                        return errorBody(response, body, ex).flatMap(Mono::<T>error);
                    }
                    return Bodies.readUpstream(body, Bodies.declaredLength(response.responseHeaders()), maxUpstreamBodyBytes, ex)
                            .map(pieces -> parse(pieces, type));
                })
                .next()
                .switchIfEmpty(Mono.error(() -> Errors.upstreamProtocol("no body")));
    }

    /** The answer parsed straight from its pieces: they are let go as the parser moves on (one copy at a time). */
    private <T> T parse(Pieces pieces, Class<T> type) {
        try {
            T value = codec.read(pieces.stream(), type);
            if (value == null) {
                throw Errors.upstreamProtocol("null instead of a JSON object");
            }
            return value;
        } catch (MalformedJsonException e) {
            throw Errors.upstreamProtocol("a body that is not a valid " + type.getSimpleName() + " (at " + e.path() + ")");
        }
    }

    /**
     * POSTs {@code json} and relays the SSE answer through {@code relay}: batches ready to send, ending with the
     * terminal one. A 4xx/5xx, or a failure before anything was produced, is one failure batch.
     */
    Flux<Batch> stream(Exchange ex, String path, byte[] json, String authorization, StreamRelay relay) {
        return upstream.postJson(path, json, authorization, true)
                .response((response, body) -> {
                    ex.upstreamStatus(response.status().code());
                    if (response.status().code() >= 300) {
                        return errorBody(response, body, ex).map(Batch::failure);
                    }
                    // Each buffer is read before Netty releases it (after this step returns), through one array kept
                    // for the stream; the relay keeps at most one partial event. Translating may run out of memory:
                    // guarded, it ends the stream with an error event (or a 503).
                    BufferReader reader = new BufferReader();
                    return body.map(buf -> OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> reader.read(buf, (bytes, offset, length) -> {
                                ex.tap(bytes, offset, length);
                                return relay.onBytes(bytes, offset, length);
                            })))
                            .concatWith(Mono.fromCallable(() -> OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, relay::onEnd)));
                })
                .onErrorResume(t -> Mono.fromCallable(() -> relay.onError(t)))
                .takeUntil(Batch::terminal)
                .filter(b -> !b.isEmpty());
    }

    private Mono<BridgeException> errorBody(HttpClientResponse response, ByteBufFlux body, Exchange ex) {
        // Error bodies are small; a huge one is cut, not buffered whole.
        return Bodies.readUpstream(body, -1, 1024 * 1024, ex)
                .map(Pieces::join)
                .onErrorResume(BridgeException.class, tooLarge -> Mono.just(new byte[0]))
                .map(bytes -> Errors.upstreamStatus(response.status().code(), bytes, retryAfter(response), codec, ex.redactor()));
    }

    static String retryAfter(HttpClientResponse response) {
        return response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER);
    }
}
