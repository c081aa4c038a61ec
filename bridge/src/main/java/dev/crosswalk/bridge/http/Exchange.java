package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One request being served: the Netty request and response, what the access log reports about it, and helpers to
 * answer with JSON or an error. Confined to the request's own pipeline.
 */
final class Exchange {
    private static final Logger access = LoggerFactory.getLogger("dev.crosswalk.bridge.access");

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final JsonCodec codec;
    private final String id;
    private final String path;
    private final QueryStringDecoder query;
    private final long startNanos = System.nanoTime();
    private volatile String mode = "-";
    private volatile boolean stream;
    private volatile int upstreamStatus;
    private volatile String errorCode;
    private volatile Redactor redactor;
    private volatile boolean clientClosed;

    Exchange(HttpServerRequest request, HttpServerResponse response, JsonCodec codec, Redactor redactor) {
        this.request = request;
        this.response = response;
        this.codec = codec;
        this.redactor = redactor;
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        this.id = "req_" + HexFormat.of().formatHex(random);
        this.query = new QueryStringDecoder(request.uri());
        this.path = printable(query.path());
        response.header("X-Request-Id", id);
    }

    HttpServerRequest request() {
        return request;
    }

    HttpServerResponse response() {
        return response;
    }

    String id() {
        return id;
    }

    /** The request path, without the query string. */
    String path() {
        return path;
    }

    /** The first value of a query parameter, or {@code null}. */
    String queryParam(String name) {
        var values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The request's path and query, as received. */
    String uri() {
        return request.uri();
    }

    /** Removes this request's secrets (the bridge's and the client's keys) from upstream text. */
    Redactor redactor() {
        return redactor;
    }

    void redactor(Redactor redactor) {
        this.redactor = redactor;
    }

    /** What the bridge does with this request, for the access log: {@code responses>chat}, {@code passthrough}, ... */
    void mode(String mode) {
        this.mode = mode;
    }

    void stream(boolean stream) {
        this.stream = stream;
    }

    void upstreamStatus(int status) {
        this.upstreamStatus = status;
    }

    /** The client went away before the answer was complete (its stream was cancelled). */
    void clientClosed() {
        this.clientClosed = true;
    }

    /** Answers with a JSON body. */
    Mono<Void> json(int status, Object body) {
        return bytes(status, codec.writeBytes(body), Map.of());
    }

    /**
     * Answers with JSON text that is already serialized, masked by this request's {@link Redactor}: whatever the
     * bridge answers may hold upstream text (a translated response, a stored one, an error).
     */
    Mono<Void> bytes(int status, byte[] body, Map<String, String> headers) {
        byte[] json = redactor.redact(body, true);
        response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(json.length));
        headers.forEach((name, value) -> response.header(name, redactor.redactHeader(name, value)));
        return response.sendByteArray(Mono.just(json)).then();
    }

    /** Answers with an OpenAI-shaped error. */
    Mono<Void> error(BridgeException e) {
        errorCode = e.error().code() != null ? e.error().code() : e.error().type();
        if (response.hasSentHeaders()) {
            // Too late for a status: the only honest signal left is to end the connection abruptly.
            return Mono.error(e);
        }
        if (e.status() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            // The rest of the body was not read: the connection cannot be reused.
            response.keepAlive(false);
        }
        return bytes(e.status(), codec.writeBytes(e.error().toResponse()), e.headers());
    }

    /** Answers with the error {@code t} maps to. */
    Mono<Void> error(Throwable t) {
        return error(Errors.of(t, id));
    }

    // A decoded path is client text; a line break in it would forge log lines.
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c));
        return out.toString();
    }

    /** Writes the access log line: no bodies, no headers, no keys. */
    void log(SignalType signal) {
        if (!access.isInfoEnabled()) {
            return;
        }
        String outcome = clientClosed || signal == SignalType.CANCEL ? "client_closed" : signal == SignalType.ON_ERROR ? "aborted" : "ok";
        int status = response.status() == null ? 0 : response.status().code();
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        access.info("id={} method={} path={} status={} mode={} stream={} upstream_status={} duration_ms={} outcome={}{}",
                id, request.method().name(), path, status, mode, stream, upstreamStatus == 0 ? "-" : upstreamStatus,
                millis, outcome, errorCode == null ? "" : " error=" + errorCode);
    }
}
