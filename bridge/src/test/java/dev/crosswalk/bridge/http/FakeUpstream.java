package dev.crosswalk.bridge.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback upstream that speaks one protocol, with realistic bodies and SSE streams, and whose behaviour is picked
 * by the request's {@code model}: normal answers for ordinary names, faults for {@code fault-*}.
 *
 * <ul>
 *   <li>{@code fault-401}, {@code fault-429}, {@code fault-500}: that status, with an OpenAI error body (the 401 quotes
 *       the presented key, as OpenAI does);</li>
 *   <li>{@code fault-malformed-json}: 200 with a truncated JSON body (streaming: an event whose data is not JSON);</li>
 *   <li>{@code fault-malformed-sse}: a stream with a line that is not UTF-8;</li>
 *   <li>{@code fault-hang}: never answers; {@code fault-hang-midstream}: a few events, then silence;</li>
 *   <li>{@code fault-close-midstream}: a few events, then the connection is cut;</li>
 *   <li>{@code fault-error-first}: a stream whose first event is an error;</li>
 *   <li>{@code fault-error-midstream}: a few events, then the upstream's error event ({@link #errorFrame(int)});
 *       {@code fault-error-midstream-live}: the same with the live API's nested error event shape;</li>
 *   <li>{@code slow}: a long stream, one event every 50 ms (cancellations are counted);</li>
 *   <li>{@code gated}: the first events, then nothing until {@link #openGate()}.</li>
 * </ul>
 */
abstract class FakeUpstream implements AutoCloseable {
    /** A request the fake received. */
    record Recorded(String method, String uri, Map<String, Object> body, HttpHeaders headers) {
    }

    /** What the fake model answers: text, or tool calls. */
    record Answer(String text, List<ToolCall> calls) {
        boolean toolCalls() {
            return !calls.isEmpty();
        }
    }

    record ToolCall(String id, String name, String arguments) {
    }

    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger callIds = new AtomicInteger();
    private volatile CompletableFuture<Void> gate = new CompletableFuture<>();
    private volatile Duration chunkDelay = Duration.ZERO;
    private volatile int gateAfter = Integer.MAX_VALUE;
    private final DisposableServer server;

    FakeUpstream(String createPath) {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.post("/v1" + createPath, this::create)
                        .get("/v1/models", (req, res) -> record(req, null).then(json(res, 200, Json.map("object", "list",
                                "data", List.of(Json.map("id", "gpt-test", "object", "model", "created", 1700000000, "owned_by", "fake"))))))
                        .route(req -> true, this::other))
                .bindNow();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** Lets {@code gated} streams go on. */
    void openGate() {
        gate.complete(null);
    }

    /** Opens the gate by itself once {@code n} requests have arrived: that many streams are then open at once. */
    void openGateAfter(int n) {
        this.gateAfter = n;
    }

    /** The delay between two events of a normal stream (0 by default). */
    void chunkDelay(Duration delay) {
        this.chunkDelay = delay;
    }

    Recorded last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    /** The whole successful answer as SSE frames (each a complete {@code ...\n\n} block). */
    abstract List<String> frames(Map<String, Object> body, Answer answer);

    /** The whole successful answer as a JSON body. */
    abstract Map<String, Object> unary(Map<String, Object> body, Answer answer);

    /** A stream's first and only event, reporting an error. */
    String errorFrame() {
        return errorFrame(0);
    }

    /** An event reporting an error, as the event numbered {@code sequence}; in the spec's shape for Responses. */
    abstract String errorFrame(int sequence);

    /** An error event in the live API's shape (nested {@code error}); a Chat upstream's errors always are. */
    String liveErrorFrame(int sequence) {
        return errorFrame(sequence);
    }

    /** What the fake model says to this request. */
    abstract Answer answer(Map<String, Object> body);

    /** Other paths: subclasses may serve more; 404 by default. */
    Publisher<Void> other(HttpServerRequest req, HttpServerResponse res) {
        return record(req, null).then(json(res, 404, error("Unknown request URL: " + req.method() + " " + req.uri(), "invalid_request_error", "unknown_url")));
    }

    String nextCallId() {
        return "call_" + callIds.incrementAndGet();
    }

    /** The answer a tool-using model gives to a user message: one call, or two for "two cities". */
    Answer toolAnswer(String userText) {
        List<ToolCall> calls = new ArrayList<>();
        calls.add(new ToolCall(nextCallId(), "get_weather", "{\"city\":\"Paris\"}"));
        if (userText != null && userText.contains("two cities")) {
            calls.add(new ToolCall(nextCallId(), "get_weather", "{\"city\":\"Tokyo\"}"));
        }
        return new Answer(null, calls);
    }

    static final String STRUCTURED = "{\"city\":\"Paris\",\"temperature_c\":18}";

    private Publisher<Void> create(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("{}").flatMap(text -> {
            Map<String, Object> body = Json.obj(text);
            requests.add(new Recorded(req.method().name(), req.uri(), body, req.requestHeaders().copy()));
            if (requests.size() >= gateAfter) {
                openGate();
            }
            String model = String.valueOf(body.get("model"));
            boolean stream = Boolean.TRUE.equals(body.get("stream"));
            switch (model) {
                case "fault-401":
                    return json(res, 401, error("Incorrect API key provided: " + bearer(req) + ". You can find your API key at https://platform.example/account/api-keys.",
                            "invalid_request_error", "invalid_api_key"));
                case "fault-429":
                    res.header("Retry-After", "7");
                    return json(res, 429, error("Rate limit reached for gpt-test on tokens per min (TPM): Limit 30000, Used 30000.",
                            "tokens", "rate_limit_exceeded"));
                case "fault-500":
                    return json(res, 500, error("The server had an error while processing your request. Sorry about that!", "server_error", null));
                case "fault-hang":
                    return Mono.never();
                default:
                    break;
            }
            if (!stream) {
                if (model.equals("fault-malformed-json")) {
                    return send(res, 200, "application/json", "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,");
                }
                return json(res, 200, unary(body, answer(body)));
            }
            List<String> frames = model.equals("fault-error-first") ? List.of(errorFrame()) : frames(body, answer(body));
            Flux<byte[]> all = Flux.fromIterable(frames).map(FakeUpstream::utf8);
            Flux<byte[]> out = switch (model) {
                case "fault-close-midstream" -> all.take(3).concatWith(Mono.error(new IOException("connection cut")));
                case "fault-hang-midstream" -> all.take(3).concatWith(Mono.never());
                case "fault-error-midstream" -> all.take(4).concatWith(Mono.just(utf8(errorFrame(3))));
                case "fault-error-midstream-live" -> all.take(4).concatWith(Mono.just(utf8(liveErrorFrame(3))));
                case "fault-malformed-json" -> all.take(2).concatWith(Mono.just(utf8("data: {\"id\": broken\n\n"))).concatWith(all.skip(2));
                // Not UTF-8: no SSE parser may accept this line.
                case "fault-malformed-sse" -> all.take(2).concatWith(Mono.just(new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n', '\n'}))
                        .concatWith(all.skip(2));
                case "slow" -> all.delayElements(Duration.ofMillis(50));
                case "gated" -> all.take(3).concatWith(Mono.fromFuture(() -> gate).thenMany(all.skip(3)));
                default -> chunkDelay.isZero() ? all : all.delayElements(chunkDelay);
            };
            res.status(200).header("Content-Type", "text/event-stream; charset=utf-8").header("x-request-id", "req_upstream_1");
            Flux<ByteBuf> bytes = out.map(Unpooled::wrappedBuffer)
                    .doOnCancel(cancelled::incrementAndGet);
            return res.send(bytes, b -> true).then();
        });
    }

    Mono<Void> record(HttpServerRequest req, Map<String, Object> body) {
        return Mono.fromRunnable(() -> requests.add(new Recorded(req.method().name(), req.uri(), body, req.requestHeaders().copy())));
    }

    static Map<String, Object> error(String message, String type, String code) {
        return Json.map("error", Json.map("message", message, "type", type, "param", null, "code", code));
    }

    static Mono<Void> json(HttpServerResponse res, int status, Object body) {
        return send(res, status, "application/json", Json.write(body));
    }

    static Mono<Void> send(HttpServerResponse res, int status, String type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return res.status(status).header("Content-Type", type).header("Content-Length", Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes)).then();
    }

    private static String bearer(HttpServerRequest req) {
        String auth = req.requestHeaders().get("Authorization");
        return auth == null ? "none" : auth.replaceFirst("(?i)^bearer\\s+", "");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Splits text into small pieces, as models stream it. */
    static List<String> pieces(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }
}
