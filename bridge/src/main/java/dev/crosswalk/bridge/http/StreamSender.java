package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.Redactor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends a translated stream: the first batch decides between an HTTP error (the upstream failed before anything was
 * produced) and a {@code 200 text/event-stream} response whose frames are flushed as they are produced. A client
 * that goes away cancels the whole chain, down to the upstream connection.
 */
final class StreamSender {
    private StreamSender() {
    }

    static Mono<Void> send(Exchange ex, Flux<Batch> batches) {
        return batches.switchOnFirst((first, all) -> {
            if (first.hasValue()) {
                Batch batch = first.get();
                if (batch.failure() != null) {
                    // Not subscribing to `all` cancels the upstream exchange.
                    return Fallback.retryable(batch.failure()) && ex.fallbackAvailable()
                            ? Mono.error(new Fallback(batch.failure())) : ex.error(batch.failure());
                }
                ex.firstByte();
                ex.streamOpened();
                ex.response().status(200)
                        .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                        .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                        // Stops buffering proxies (nginx) from holding deltas back.
                        .header("X-Accel-Buffering", "no");
                // Small prefetches keep memory per stream bounded when the client reads slowly: back-pressure reaches
                // the upstream socket instead of piling frames up here. Every frame may carry upstream text (a delta,
                // an error): all go through the request's redactor, which releases a finished frame at once. A batch's
                // frames arrive as one heap buffer the codec wrote them into; the redactor reads its array in place, and the
                // buffer itself is sent when nothing in it needs masking.
                // A batch that reports a failure inside the stream marks the access log line as failed.
                Redactor.Stream clean = ex.redactor().stream(true);
                Flux<ByteBuf> frames = all.doOnNext(b -> {
                            if (b.streamError() != null) {
                                ex.streamFailed(b.streamError());
                            }
                        })
                        .map(Batch::frames).filter(ByteBuf::isReadable).limitRate(4)
                        // Out of memory here, with the frames already being written, the connection is cut (the
                        // reason logged): no frame can be trusted to follow.
                        .map(buf -> OutOfMemory.guard(ex, OutOfMemory.Stage.WRITE, () -> redacted(clean, buf)))
                        .concatWith(Mono.fromCallable(() -> OutOfMemory.guard(ex, OutOfMemory.Stage.WRITE,
                                () -> Unpooled.wrappedBuffer(clean.finish()))))
                        .filter(ByteBuf::isReadable);
                return ex.response().send(frames.doOnCancel(ex::clientClosed), buf -> true);
            }
            if (first.isOnError()) {
                return ex.error(first.getThrowable());
            }
            return ex.error(Errors.upstreamProtocol("an empty stream"));
        }).then();
    }

    /**
     * A batch's frames as the client may see them: the buffer itself when the redactor finds nothing in it to mask or
     * hold back (nearly always: complete frames of ordinary text), else the redactor's copy.
     */
    private static ByteBuf redacted(Redactor.Stream clean, ByteBuf buf) {
        if (!buf.hasArray()) {
            return Unpooled.wrappedBuffer(clean.feed(io.netty.buffer.ByteBufUtil.getBytes(buf)));
        }
        byte[] array = buf.array();
        int offset = buf.arrayOffset() + buf.readerIndex();
        int length = buf.readableBytes();
        return clean.passesUnchanged(array, offset, length) ? buf : Unpooled.wrappedBuffer(clean.feed(array, offset, length));
    }
}
