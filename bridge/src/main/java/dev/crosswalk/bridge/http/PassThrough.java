package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Requests the upstream understands as they are (the client's protocol is the upstream's, {@code /v1/models}):
 * method, path, query and body go through unchanged, and the answer streams back chunk by chunk as it arrives,
 * without buffering. Every byte of it, whatever its status (an SSE {@code error} event or a 200 with
 * {@code status: "failed"} may quote the key as well as an error body), and every header passed on, goes through the
 * request's {@link Redactor} first.
 */
final class PassThrough {
    /** Request headers worth forwarding; everything else (cookies, hop-by-hop headers, the client's host) stays here. */
    private static final List<String> REQUEST_HEADERS = List.of("content-type", "accept", "openai-organization",
            "openai-project", "openai-beta", "idempotency-key");
    private static final List<String> RESPONSE_HEADER_PREFIXES = List.of("openai-", "x-ratelimit-");
    private static final List<String> RESPONSE_HEADERS = List.of("content-type", "retry-after");

    private final Upstream upstream;
    private final long maxBodyBytes;
    private final JsonCodec codec;
    private final int maxEventBytes;

    PassThrough(Upstream upstream, long maxBodyBytes, JsonCodec codec, int maxEventBytes) {
        this.upstream = upstream;
        this.maxBodyBytes = maxBodyBytes;
        this.codec = codec;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Forwards the request to the same path under the upstream base ({@code /v1/x} → {@code <base>/x}).
     *
     * @param withBody whether the request has a body to forward
     */
    Mono<Void> forward(Exchange ex, ClientAuth.Grant grant, boolean withBody) {
        ex.mode("passthrough");
        byte[] read = withBody ? ex.bodyRead() : null;
        long declared = read != null ? read.length : Bodies.declaredLength(ex.request());
        if (withBody && declared > maxBodyBytes) {
            return ex.error(Bodies.tooLarge(maxBodyBytes));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        HttpHeaders in = ex.request().requestHeaders();
        for (String name : REQUEST_HEADERS) {
            headers.put(name, in.get(name));
        }
        headers.put(HttpHeaderNames.AUTHORIZATION.toString(), grant.upstreamAuthorization());
        if (withBody && declared >= 0) {
            headers.put(HttpHeaderNames.CONTENT_LENGTH.toString(), Long.toString(declared));
        }
        HttpMethod method = ex.request().method();
        String pathAndQuery = ex.upstreamPath();
        return upstream.request(method, pathAndQuery, headers)
                .send((request, out) -> read != null ? out.sendByteArray(Mono.just(read))
                        : withBody ? out.send(Bodies.limit(ex.request().receive().retain(), maxBodyBytes), buf -> true)
                        : out)
                .response((response, body) -> relay(ex, response, body))
                .then();
    }

    private Mono<Void> relay(Exchange ex, HttpClientResponse response, ByteBufFlux body) {
        int status = response.status().code();
        ex.upstreamStatus(status);
        if ((status == 429 || status >= 500) && ex.fallbackAvailable()) {
            // Nothing was sent yet and the route has another upstream: the answer is dropped, the next one tried.
            return body.then(Mono.error(new Fallback(Errors.upstreamStatus(status, new byte[0], null, null, ex.redactor()))));
        }
        ex.firstByte();
        ex.stream(String.valueOf(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/event-stream"));
        ex.response().status(response.status());
        Redactor redactor = ex.redactor();
        response.responseHeaders().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (RESPONSE_HEADERS.contains(name) || RESPONSE_HEADER_PREFIXES.stream().anyMatch(name::startsWith)) {
                ex.response().header(h.getKey(), redactor.redactHeader(name, h.getValue()));
            } else if (name.equals("x-request-id")) {
                // X-Request-Id stays the bridge's own (the one in its access log); the provider's is kept beside it.
                ex.response().header("X-Upstream-Request-Id", redactor.redactHeader(name, h.getValue()));
            }
        });
        String type = String.valueOf(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        Redactor.Stream clean = redactor.stream(type.contains("json") || type.contains("event-stream"));
        if (ex.stream()) {
            ex.streamOpened();
        }
        // Masking may change the length, so the upstream's Content-Length is not passed on. Each buffer is copied
        // before Netty releases it; the redactor holds back at most a few hundred bytes between two buffers.
        Flux<byte[]> raw = body.doOnNext(ex::tap).map(ByteBufUtil::getBytes);
        String alias = ex.alias();
        if (alias != null && (type.contains("json") || type.contains("event-stream"))) {
            // The route renamed the client's model: the answer says the name the client asked for (README, "One
            // bridge, several providers"); the upstream's own value goes to the access log.
            ModelRewrite rewrite = ModelRewrite.of(alias, type.contains("event-stream"));
            raw = raw.map(bytes -> {
                byte[] out = rewrite.feed(bytes);
                ex.upstreamModel(rewrite.replaced());
                return out;
            });
        }
        Flux<byte[]> cleaned = raw.map(bytes -> clean.passesUnchanged(bytes, 0, bytes.length) ? bytes : clean.feed(bytes))
                .concatWith(Mono.fromCallable(clean::finish));
        if (ex.path().equals("/v1/responses") && LiveErrorEvents.isSse(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE))) {
            // Spec-shaped error events get the live nested error too, so that the official SDKs raise them.
            LiveErrorEvents events = new LiveErrorEvents(codec, maxEventBytes);
            cleaned = cleaned.map(events::feed).concatWith(Mono.fromCallable(events::finish));
        }
        Flux<ByteBuf> out = cleaned.filter(bytes -> bytes.length > 0).map(Unpooled::wrappedBuffer).doOnCancel(ex::clientClosed);
        return ex.response().send(out, buf -> true).then();
    }
}
