package dev.crosswalk.bridge.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Requests the upstream understands as they are (the client's protocol is the upstream's, {@code /v1/models}):
 * method, path, query and body go through unchanged, and the answer streams back chunk by chunk as it arrives,
 * without buffering. Only error bodies are read whole (they are small) to remove keys from their messages.
 */
final class PassThrough {
    /** Request headers worth forwarding; everything else (cookies, hop-by-hop headers, the client's host) stays here. */
    private static final List<String> REQUEST_HEADERS = List.of("content-type", "accept", "openai-organization",
            "openai-project", "openai-beta", "idempotency-key");
    private static final List<String> RESPONSE_HEADER_PREFIXES = List.of("openai-", "x-ratelimit-");
    private static final List<String> RESPONSE_HEADERS = List.of("content-type", "retry-after");
    private static final int MAX_ERROR_BODY = 1024 * 1024;

    private final Upstream upstream;
    private final long maxBodyBytes;

    PassThrough(Upstream upstream, long maxBodyBytes) {
        this.upstream = upstream;
        this.maxBodyBytes = maxBodyBytes;
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
        String pathAndQuery = ex.uri().substring("/v1".length());
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
        response.responseHeaders().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (RESPONSE_HEADERS.contains(name) || RESPONSE_HEADER_PREFIXES.stream().anyMatch(name::startsWith)) {
                ex.response().header(h.getKey(), h.getValue());
            } else if (name.equals("x-request-id")) {
                // X-Request-Id stays the bridge's own (the one in its access log); the provider's is kept beside it.
                ex.response().header("X-Upstream-Request-Id", h.getValue());
            }
        });
        if (status >= 400) {
            // Upstreams quote the key they rejected; an error body is small enough to clean whole.
            return Bodies.readUpstream(body, MAX_ERROR_BODY)
                    .onErrorResume(BridgeException.class, tooLarge -> Mono.just(new byte[0]))
                    .flatMap(bytes -> {
                        byte[] clean = ex.redactor().redact(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                        ex.response().header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(clean.length));
                        return ex.response().sendByteArray(Mono.just(clean)).then();
                    });
        }
        String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            ex.response().header(HttpHeaderNames.CONTENT_LENGTH, length);
        }
        // retain(): Netty releases each inbound buffer after this stage; the server's outbound releases it once written.
        if (ex.stream()) {
            ex.streamOpened();
        }
        return ex.response().send(body.retain().doOnNext(ex::tap).doOnCancel(ex::clientClosed), buf -> true).then();
    }
}
