package dev.crosswalk.bridge.http;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;

/**
 * The upstream endpoint: one non-blocking HTTP client over a bounded connection pool. The read timeout is an idle
 * timeout (no byte for {@code upstreamTimeout}), so long streams live as long as they keep sending.
 */
final class Upstream {
    private final ConnectionProvider pool;
    private final HttpClient client;
    private final String base;

    Upstream(BridgeConfig config) {
        this.base = config.upstreamBase();
        this.pool = ConnectionProvider.builder("crosswalk-upstream")
                .maxConnections(config.upstreamMaxConnections())
                .pendingAcquireMaxCount(config.upstreamMaxConnections() * 8)
                .pendingAcquireTimeout(config.upstreamTimeout())
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .responseTimeout(config.upstreamTimeout());
    }

    /** The full URL of a path under the upstream base, e.g. {@code /chat/completions}. */
    String url(String pathAndQuery) {
        return base + pathAndQuery;
    }

    /** A request to {@code pathAndQuery} with these headers (null values are left out). */
    HttpClient.RequestSender request(HttpMethod method, String pathAndQuery, Map<String, String> headers) {
        return request(client, method, pathAndQuery, headers);
    }

    private HttpClient.RequestSender request(HttpClient from, HttpMethod method, String pathAndQuery, Map<String, String> headers) {
        return from.headers(h -> headers.forEach((name, value) -> {
                    if (value != null) {
                        h.set(name, value);
                    }
                }))
                .request(method)
                .uri(url(pathAndQuery));
    }

    /**
     * A WebSocket to {@code path} under the upstream base ({@code https://host/v1} → {@code wss://host/v1/responses}),
     * authenticated like the HTTP calls.
     */
    HttpClient.WebsocketSender websocket(String path, String authorization, int maxFramePayload) {
        String url = url(path).replaceFirst("^http", "ws");
        return client.headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaderNames.AUTHORIZATION, authorization);
                    }
                })
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(maxFramePayload).build())
                .uri(url);
    }

    /** A JSON POST to {@code path}. */
    HttpClient.ResponseReceiver<?> postJson(String path, byte[] json, String authorization, boolean stream) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(HttpHeaderNames.CONTENT_TYPE.toString(), "application/json");
        headers.put(HttpHeaderNames.CONTENT_LENGTH.toString(), Integer.toString(json.length));
        headers.put(HttpHeaderNames.ACCEPT.toString(), stream ? "text/event-stream" : "application/json");
        headers.put(HttpHeaderNames.AUTHORIZATION.toString(), authorization);
        // Kept until the upstream answers, not for the whole call (a stream lasts minutes): Reactor Netty sends it
        // again if a pooled connection turns out closed before any response, so it cannot go as soon as it is written.
        AtomicReference<byte[]> pending = new AtomicReference<>(json);
        return request(client.doOnResponse((response, connection) -> pending.set(null)), HttpMethod.POST, path, headers)
                .send((req, out) -> out.sendByteArray(Mono.fromSupplier(pending::get)));
    }

    /** Closes the pool's connections without waiting (an upstream retired by a reload, once unused). */
    void closeLater() {
        pool.disposeLater().subscribe();
    }

    /** Closes the pool's connections. */
    void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }
}
