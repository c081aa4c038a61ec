package dev.crosswalk.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The session-3 fake upstream, kept for one comparison with {@link FakeChatUpstream}. A Chat Completions server on the loopback interface that answers every streamed {@code POST /v1/chat/completions}
 * with the same answer at a fixed pace: the role chunk at once, then {@code chunks} text deltas
 * {@code intervalMillis} apart, then (one interval later) the finish chunk, the usage chunk and {@code data: [DONE]},
 * each flushed on its own. Reactor Netty: each stream is paced by a fixed-rate timer on its connection's event loop
 * (no thread per stream, no drift), so the server costs as little CPU as it can on the machine it shares.
 */
final class ReactorChatUpstream implements AutoCloseable {
    /** The only key the upstream accepts; the bridge forwards the client's Authorization header by default. */
    private final DisposableServer server;
    private final int chunks;
    private final long intervalNanos;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    ReactorChatUpstream(int chunks, long intervalMillis) {
        this.chunks = chunks;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post("/v1/chat/completions", this::handle))
                .bindNow();
    }

    /** The base URL to give the bridge: {@code http://127.0.0.1:PORT/v1}. */
    String base() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    private static String delta(int i) {
        return FakeChatUpstream.delta(i);
    }

    /** The most streams open at once since the last call. */
    int takePeakOpen() {
        return peakOpen.getAndSet(open.get());
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String authorization = request.requestHeaders().get("Authorization");
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
            if (!("Bearer " + FakeChatUpstream.KEY).equals(authorization)) {
                return refuse(response, 401, "Incorrect API key provided.");
            }
            if (!body.contains("\"stream\":true") || !body.contains("\"messages\"")) {
                return refuse(response, 400, "This upstream only streams: send messages with stream: true.");
            }
            peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            return response.status(HttpResponseStatus.OK)
                    .header("Content-Type", "text/event-stream; charset=utf-8")
                    .header("Cache-Control", "no-cache")
                    .send(frames(response), buf -> true)
                    .then()
                    .doFinally(signal -> open.decrementAndGet());
        });
    }

    /** One stream's frames, each emitted by a fixed-rate timer on the connection's event loop. */
    private Flux<ByteBuf> frames(HttpServerResponse response) {
        return Flux.create(sink -> {
            EventLoop[] loop = new EventLoop[1];
            response.withConnection(c -> loop[0] = c.channel().eventLoop());
            String id = "chatcmpl-load" + ids.incrementAndGet();
            String head = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + System.currentTimeMillis() / 1000
                    + ",\"model\":\"" + FakeChatUpstream.MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_load0000\",\"choices\":[";
            AtomicInteger step = new AtomicInteger();
            ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
            timer[0] = loop[0].scheduleAtFixedRate(() -> {
                int i = step.getAndIncrement();
                if (i == 0) {
                    sink.next(frame(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}"));
                } else if (i <= chunks) {
                    sink.next(frame(head + "{\"index\":0,\"delta\":{\"content\":\"" + delta(i - 1) + "\"},\"logprobs\":null,"
                            + "\"finish_reason\":null}],\"usage\":null}"));
                } else if (i == chunks + 1) {
                    sink.next(frame(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}"));
                    sink.next(frame(head + "],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":" + chunks + ",\"total_tokens\":"
                            + (31 + chunks) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
                            + "\"rejected_prediction_tokens\":0}}}"));
                    sink.next(frame("[DONE]"));
                    sink.complete();
                }
            }, 0, intervalNanos, TimeUnit.NANOSECONDS);
            sink.onDispose(() -> timer[0].cancel(false));
        });
    }

    private static ByteBuf frame(String data) {
        return Unpooled.wrappedBuffer(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private Mono<Void> refuse(HttpServerResponse response, int status, String message) {
        String json = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
        return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(json)).then();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
