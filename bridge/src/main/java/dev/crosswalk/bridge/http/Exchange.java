package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.metrics.BridgeMetrics;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HexFormat;
import java.util.List;
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
    private final RequestTarget target;
    private final BridgeException targetError;
    private final long startNanos = System.nanoTime();
    private volatile String mode = "-";
    private volatile boolean stream;
    private volatile int upstreamStatus;
    private volatile String errorCode;
    private volatile Redactor redactor;
    private volatile boolean clientClosed;
    private volatile boolean streamFailed;
    // Routing and metrics (issue 16): which route and upstream served the request, every attempt, first byte, usage.
    private volatile BridgeMetrics metrics;
    private volatile String route = "-";
    private volatile String upstreamName = "-";
    private volatile String protocol = "-";
    private volatile String model;
    private volatile String alias;
    private volatile String upstreamModel;
    private final StringBuilder attempts = new StringBuilder();
    private volatile int attemptCount;
    private volatile byte[] body;
    private volatile InflightBudget budget;
    private long reserved;
    private boolean ended;
    private volatile boolean bodyCharged;
    private volatile boolean bodyDropped;
    private volatile boolean fallbackAvailable;
    private volatile long firstByteNanos = -1;
    private volatile boolean streamOpen;
    private volatile UsageTap usage;
    private volatile AccessLog accessLog;
    private volatile java.util.function.Consumer<OutOfMemory.Stage> faults = OutOfMemory.NONE;

    Exchange(HttpServerRequest request, HttpServerResponse response, JsonCodec codec, Redactor redactor) {
        this.request = request;
        this.response = response;
        this.codec = codec;
        this.redactor = redactor;
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        this.id = "req_" + HexFormat.of().formatHex(random);
        RequestTarget parsed = null;
        BridgeException refused = null;
        try {
            parsed = RequestTarget.parse(request.method().name(), request.uri());
        } catch (BridgeException e) {
            refused = e;
        }
        this.target = parsed;
        this.targetError = refused;
        this.query = new QueryStringDecoder(parsed != null ? parsed.path() + parsed.query() : "/");
        this.path = parsed != null ? parsed.path() : RequestTarget.printable(request.uri().split("\\?", 2)[0]);
        response.header("X-Request-Id", id);
        if (HttpVersion.HTTP_1_0.equals(request.version())) {
            // HTTP/1.0 has no chunked encoding: a body of unknown length is delimited by closing the connection.
            response.chunkedTransfer(false).keepAlive(false);
        }
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

    /** The request path, without the query string: normalised (see {@link RequestTarget}) when it is served. */
    String path() {
        return path;
    }

    /** Why the request's path or query is refused (404, 400) before anything else, or {@code null}. */
    BridgeException targetError() {
        return targetError;
    }

    /** The path and query to request under the upstream's base, rebuilt from the checked ones. */
    String upstreamPath() {
        return target.upstreamPath();
    }

    /** The first value of a query parameter, or {@code null}. */
    String queryParam(String name) {
        var values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
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

    boolean stream() {
        return stream;
    }

    void upstreamStatus(int status) {
        this.upstreamStatus = status;
    }

    /**
     * The stream already sent a 200 and then failed: the access log reports the outcome {@code failed} and the code
     * that the stream's {@code error} event carried, not a success.
     */
    void streamFailed(BridgeException error) {
        this.streamFailed = true;
        this.errorCode = error.error().code() != null ? error.error().code() : error.error().type();
    }

    /** The client went away before the answer was complete (its stream was cancelled). */
    void clientClosed() {
        this.clientClosed = true;
    }

    /** The test seam {@link OutOfMemory#guard} calls at each stage; {@link OutOfMemory#NONE} in production. */
    java.util.function.Consumer<OutOfMemory.Stage> faults() {
        return faults;
    }

    void faults(java.util.function.Consumer<OutOfMemory.Stage> faults) {
        this.faults = faults;
    }

    /** The meters this request is counted in, or {@code null}. */
    void metrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    /** Where the access line goes: the bridge's writer thread; without one, written on the calling thread. */
    void accessLog(AccessLog log) {
        this.accessLog = log;
    }

    /**
     * The request body, read once (at most {@code max} bytes, else 413) and kept: routing reads it before the handler,
     * and a fallback sends it again.
     */
    Mono<byte[]> body(long max) {
        byte[] read = body;
        if (read != null) {
            return Mono.just(read);
        }
        if (bodyDropped) {
            // A handler asked again for what it dropped: the client's bytes are gone, and reading them twice would hang.
            return Mono.error(new IllegalStateException("the request body was parsed and dropped already"));
        }
        if (!bodyCharged) {
            long declared = Bodies.declaredLength(request);
            if (!hold(Math.max(1, declared >= 0 ? Math.min(declared, max) : max))) {
                return Mono.error(InflightBudget.overloaded());
            }
            bodyCharged = true;
        }
        return Bodies.read(request, max).doOnNext(bytes -> body = bytes);
    }

    /** Counts this request's bodies against the bridge-wide {@code budget}, released when the request ends. */
    void budget(InflightBudget budget) {
        this.budget = budget;
    }

    /**
     * Counts {@code bytes} more of this request's bodies (its own, an upstream answer read whole) in the budget, given
     * back with the rest when the request ends (a WebSocket turn's when the turn ends: {@link #releaseTo}); {@code
     * false}, taking nothing, if they do not fit. Once the request has ended nothing more is counted (and nothing
     * refused): a late buffer after a cancellation must not take what nobody would give back.
     */
    synchronized boolean hold(long bytes) {
        InflightBudget b = budget;
        if (b == null || ended) {
            return true;
        }
        if (!b.tryReserve(bytes, reserved)) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    /** The bytes this request holds in the budget now: a mark to give back to with {@link #releaseTo}. */
    synchronized long held() {
        return reserved;
    }

    /**
     * Gives back what {@link #hold} took since {@code mark} was {@link #held()}: a WebSocket connection is one request
     * until it closes, but each of its turns holds its bodies only while it runs (turns run one at a time).
     */
    synchronized void releaseTo(long mark) {
        InflightBudget b = budget;
        if (b != null && reserved > mark) {
            b.release(reserved - mark);
            reserved = mark;
        }
    }

    /**
     * Gives back everything {@link #hold} took; called once, when the request has ended whichever way (answered,
     * failed, cancelled by the client, timed out).
     */
    synchronized void releaseBudget() {
        ended = true;
        InflightBudget b = budget;
        long r = reserved;
        reserved = 0;
        body = null;
        if (b != null && r > 0) {
            b.release(r);
        }
    }

    /**
     * The handler has parsed the body: the exchange keeps it no longer, so that the upstream call does not hold the
     * client's bytes beside their translation. A route with another target to fall back on keeps its own copy
     * ({@link Dispatcher}) and sets it again for the next attempt.
     */
    void dropBody() {
        body = null;
        bodyDropped = true;
    }

    /** The body already read (possibly with another model for this attempt), or {@code null}. */
    byte[] bodyRead() {
        return body;
    }

    void body(byte[] body) {
        this.body = body;
        this.bodyDropped = false;
    }

    /** The route that matched, by its model pattern. */
    void route(String route) {
        this.route = route;
    }

    /** The model the client asked for (the first one set: routing sees it before a route renames it). */
    void model(String model) {
        if (this.model == null) {
            this.model = model;
        }
    }

    /**
     * The model name to give back in the answer's {@code model}: the client's alias when this attempt's route renames
     * it to another upstream model id, else {@code null} (the upstream's own value passes unchanged).
     */
    String alias() {
        return alias;
    }

    void alias(String alias) {
        this.alias = alias;
    }

    /**
     * The {@code model} the upstream answered with, when the answer carries the client's alias instead: kept for the
     * access log ({@code upstream_model=}), so operators still see which model served it. The first one set wins.
     */
    void upstreamModel(String model) {
        if (this.upstreamModel == null && model != null) {
            this.upstreamModel = model;
        }
    }

    /** Starts an attempt on an upstream; {@code fallbackAvailable}: a retryable failure may move to the next one. */
    void beginAttempt(String upstream, String protocol, boolean fallbackAvailable) {
        this.upstreamName = upstream;
        this.protocol = protocol;
        this.fallbackAvailable = fallbackAvailable;
        this.upstreamStatus = 0;
        this.alias = null;
        attemptCount++;
    }

    /** Ends the current attempt as failed with {@code outcome}, before the next one starts. */
    void attemptFailed(String outcome) {
        synchronized (attempts) {
            attempts.append(attempts.length() == 0 ? "" : ",").append(upstreamName).append(':').append(outcome);
        }
    }

    String upstreamName() {
        return upstreamName;
    }

    int upstreamStatus() {
        return upstreamStatus;
    }

    /** Whether a retryable failure of this attempt may still move to another upstream (nothing was sent yet). */
    boolean fallbackAvailable() {
        return fallbackAvailable && !response.hasSentHeaders();
    }

    /** The answer starts now (status and first bytes on their way), if it had not already. */
    void firstByte() {
        if (firstByteNanos < 0) {
            firstByteNanos = System.nanoTime() - startNanos;
        }
    }

    /** A stream to the client opened; it counts as open until the request ends. */
    void streamOpened() {
        if (!streamOpen) {
            streamOpen = true;
            if (metrics != null) {
                metrics.streamOpened();
            }
        }
    }

    /** Upstream answer bytes, watched for their token usage. */
    void tap(byte[] bytes) {
        usageTap().accept(bytes);
    }

    void tap(byte[] bytes, int offset, int length) {
        usageTap().accept(bytes, offset, length);
    }

    void tap(ByteBuf buf) {
        usageTap().accept(buf);
    }

    private UsageTap usageTap() {
        UsageTap tap = usage;
        if (tap == null) {
            tap = new UsageTap();
            usage = tap;
        }
        return tap;
    }

    /** Fields the translation dropped. */
    void warnings(List<Problem> warnings) {
        if (metrics != null) {
            for (Problem p : warnings) {
                metrics.translationProblem("warning", p.path());
            }
        }
    }

    /**
     * Answers with a JSON body, masked by this request's {@link Redactor}: written, masked and sent in pieces
     * ({@link Pieces}), never as one array besides them.
     */
    Mono<Void> json(int status, Object body) {
        Pieces json = OutOfMemory.guard(this, OutOfMemory.Stage.WRITE, () -> Pieces.json(codec, body, redactor));
        firstByte();
        response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(json.size()));
        return response.send(json.flux(), buf -> false).then();
    }

    /**
     * Answers with JSON text that is already serialized, masked by this request's {@link Redactor}: whatever the
     * bridge answers may hold upstream text (a translated response, a stored one, an error).
     */
    Mono<Void> bytes(int status, byte[] body, Map<String, String> headers) {
        byte[] json = OutOfMemory.guard(this, OutOfMemory.Stage.WRITE, () -> redactor.redact(body, true));
        firstByte();
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
        Throwable cause = t.getCause() != null && t.getClass().getName().startsWith("reactor.core.Exceptions") ? t.getCause() : t;
        if (cause instanceof UntranslatableException u && metrics != null) {
            for (Problem p : u.problems()) {
                metrics.translationProblem("rejection", p.path());
            }
        }
        return error(Errors.of(t, id));
    }


    /** Writes the access log line: no bodies, no headers, no keys. */
    void log(SignalType signal) {
        AccessLog log = accessLog;
        if (log != null ? !log.enabled() : !access.isInfoEnabled()) {
            return;
        }
        int status = response.status() == null ? 0 : response.status().code();
        String outcome = clientClosed || signal == SignalType.CANCEL ? "client_closed" : signal == SignalType.ON_ERROR ? "aborted"
                : streamFailed ? "failed" : status >= 400 ? "error" : "ok";
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        String tried;
        synchronized (attempts) {
            tried = attempts.length() == 0 ? "" : " fallbacks=" + attempts;
        }
        String served = upstreamModel == null ? "" : " upstream_model=" + RequestTarget.printable(redactor.redact(upstreamModel));
        String format = "id={} method={} path={} status={} mode={} stream={} route={} upstream={} upstream_status={} duration_ms={} "
                + "outcome={}{}{}{}";
        Object[] args = {id, request.method().name(), path, status, mode, stream, route, upstreamName,
                upstreamStatus == 0 ? "-" : upstreamStatus, millis, outcome, served, tried, errorCode == null ? "" : " error=" + errorCode};
        if (log != null) {
            log.info(format, args);
        } else {
            access.info(format, args);
        }
    }

    /** Counts the finished request in the metrics: duration, first byte, tokens, the last attempt's failure. */
    void record() {
        BridgeMetrics m = metrics;
        if (m == null) {
            return;
        }
        if (streamOpen) {
            m.streamClosed();
        }
        int status = response.status() == null ? 0 : response.status().code();
        m.request(new BridgeMetrics.Request(endpoint(path), route, upstreamName, protocol, status),
                System.nanoTime() - startNanos, firstByteNanos);
        if (attemptCount > 0) {
            String failure = upstreamStatus >= 400 ? "status_" + upstreamStatus
                    : errorCode != null && (errorCode.startsWith("upstream_") || errorCode.equals("stream_incomplete")) ? errorCode : null;
            if (failure != null) {
                m.upstreamError(upstreamName, failure);
            }
        }
        UsageTap tap = usage;
        UsageTap.Usage used = tap == null ? null : tap.usage(model == null);
        if (used != null) {
            m.tokens(model != null ? model : used.model(), upstreamName, used.input(), used.output());
        }
    }

    /** The endpoint's template, a bounded tag value. */
    static String endpoint(String path) {
        if (path.equals("/v1/chat/completions") || path.equals("/v1/responses") || path.equals("/v1/models")
                || path.equals("/health") || path.equals("/metrics")) {
            return path;
        }
        if (path.startsWith("/v1/models/")) {
            return "/v1/models/{id}";
        }
        if (path.startsWith("/v1/responses/")) {
            return path.endsWith("/input_items") ? "/v1/responses/{id}/input_items" : "/v1/responses/{id}";
        }
        return "other";
    }
}
