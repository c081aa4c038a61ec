package dev.crosswalk.bridge.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback HTTP relay between a client we cannot instrument (a binary such as Codex CLI) and the bridge: every
 * request and answer goes through byte for byte, as it streams, and every 200 {@code text/event-stream} answer is
 * also kept whole, so the test can hand what the client read to the kit's stream checkers.
 */
final class StreamTee implements AutoCloseable {
    /** One SSE answer the client read: the request's path and query, and the whole body. */
    record Stream(String uri, String text) {
    }

    private final String origin;
    private final HttpClient client = HttpClient.create();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    /** A relay to {@code origin} ({@code http://127.0.0.1:port}, no path). */
    StreamTee(String origin) {
        this.origin = origin;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::relay).bindNow();
    }

    /** The base URL clients use instead of the bridge's. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    List<Stream> streams() {
        return List.copyOf(streams);
    }

    private Publisher<Void> relay(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            HttpClient.RequestSender sender = client.headers(h -> h.set(req.requestHeaders()).remove(HttpHeaderNames.HOST)
                            .remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.TRANSFER_ENCODING))
                    .request(req.method()).uri(origin + req.uri());
            HttpClient.ResponseReceiver<?> receiver = body.length == 0 ? sender
                    : sender.send((r, out) -> out.sendByteArray(Mono.just(body)));
            return receiver.response((answer, bytes) -> answer(req.uri(), answer, bytes, res)).then();
        });
    }

    private Publisher<Void> answer(String uri, HttpClientResponse answer, ByteBufFlux bytes, HttpServerResponse res) {
        res.status(answer.status());
        answer.responseHeaders().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("transfer-encoding") && !h.getKey().equalsIgnoreCase("connection")) {
                res.addHeader(h.getKey(), h.getValue());
            }
        });
        String type = answer.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        boolean sse = answer.status().code() == 200 && type != null && type.startsWith("text/event-stream");
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        return res.send(bytes.retain().doOnNext(b -> {
            if (sse) {
                copy.writeBytes(ByteBufUtil.getBytes(b));
            }
        }).doFinally(signal -> {
            // also when the client cancels: Codex drops the connection once it has read response.completed
            if (sse) {
                streams.add(new Stream(uri, copy.toString(StandardCharsets.UTF_8)));
            }
        }));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
