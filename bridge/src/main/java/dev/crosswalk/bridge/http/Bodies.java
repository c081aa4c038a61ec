package dev.crosswalk.bridge.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.server.HttpServerRequest;

/** Reads bodies with a size bound, so that no request or upstream answer can make the bridge hold unbounded memory. */
final class Bodies {
    private Bodies() {
    }

    /** The request body, or a 413 error if it is (or declares to be) larger than {@code max} bytes. */
    static Mono<byte[]> read(HttpServerRequest request, long max) {
        if (declaredLength(request) > max) {
            return Mono.error(tooLarge(max));
        }
        return aggregate(request.receive(), max, () -> tooLarge(max));
    }

    /** The upstream's whole body, or a 502 error if it is larger than {@code max} bytes. */
    static Mono<byte[]> readUpstream(ByteBufFlux body, long max) {
        return aggregate(body, max, () -> Errors.upstreamProtocol("a body larger than " + max + " bytes"));
    }

    /** The request body as it streams in, failing with 413 once more than {@code max} bytes went by. */
    static Flux<ByteBuf> limit(Flux<ByteBuf> body, long max) {
        AtomicLong seen = new AtomicLong();
        return body.handle((buf, sink) -> {
            if (seen.addAndGet(buf.readableBytes()) > max) {
                buf.release();
                sink.error(tooLarge(max));
            } else {
                sink.next(buf);
            }
        });
    }

    /** The Content-Length the client declared, or -1. */
    static long declaredLength(HttpServerRequest request) {
        String value = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static BridgeException tooLarge(long max) {
        return BridgeException.of(413, Errors.INVALID_REQUEST, null, "request_too_large",
                "The request body is larger than this bridge accepts (" + max + " bytes).");
    }

    private static Mono<byte[]> aggregate(ByteBufFlux body, long max, java.util.function.Supplier<BridgeException> tooLarge) {
        return Mono.defer(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // Copy each buffer as it arrives: Netty releases it when this callback returns.
            return body.handle((ByteBuf buf, reactor.core.publisher.SynchronousSink<Object> sink) -> {
                        if (out.size() + (long) buf.readableBytes() > max) {
                            sink.error(tooLarge.get());
                            return;
                        }
                        out.writeBytes(ByteBufUtil.getBytes(buf));
                    })
                    .then(Mono.fromCallable(out::toByteArray));
        });
    }
}
