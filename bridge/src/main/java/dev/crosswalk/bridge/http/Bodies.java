package dev.crosswalk.bridge.http;

import io.netty.buffer.ByteBuf;
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
        return aggregate(request.receive(), declaredLength(request), max, () -> tooLarge(max));
    }

    /**
     * The upstream's whole body, in the pieces it arrived in (one copy, never joined: see {@link Pieces}), each
     * counted in the request's in-flight budget ({@link Exchange#hold}) until the request ends; watched for usage
     * ({@link Exchange#tap}). A 502 error if it is (or declares to be) larger than {@code max} bytes; 503 with
     * {@code Retry-After} when the budget cannot hold it (the declared length is asked for before anything is read).
     *
     * @param declared the upstream's Content-Length, or -1
     */
    static Mono<Pieces> readUpstream(ByteBufFlux body, long declared, long max, Exchange ex) {
        if (declared > max) {
            return Mono.error(upstreamTooLarge(max));
        }
        return Mono.defer(() -> {
            long prepaid = declared > 0 ? declared : 0;
            if (prepaid > 0 && !ex.hold(prepaid)) {
                return Mono.error(InflightBudget.overloaded());
            }
            Pieces pieces = new Pieces();
            // Copy each buffer as it arrives: Netty releases it when this callback returns.
            return body.handle((ByteBuf buf, reactor.core.publisher.SynchronousSink<Object> sink) -> {
                        int n = buf.readableBytes();
                        long after = pieces.size() + n;
                        if (after > max) {
                            sink.error(upstreamTooLarge(max));
                            return;
                        }
                        if (after > prepaid && !ex.hold(after - Math.max(prepaid, pieces.size()))) {
                            sink.error(InflightBudget.overloaded());
                            return;
                        }
                        try {
                            byte[] piece = new byte[n];
                            buf.readBytes(piece);
                            ex.tap(piece);
                            pieces.add(piece);
                        } catch (OutOfMemoryError e) {
                            sink.error(outOfMemory());
                        }
                    })
                    .then(Mono.just(pieces));
        });
    }

    private static BridgeException upstreamTooLarge(long max) {
        return Errors.upstreamProtocol("a body larger than " + max + " bytes");
    }

    /** The Content-Length an HTTP message declares, or -1. */
    static long declaredLength(io.netty.handler.codec.http.HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
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
        return declaredLength(request.requestHeaders());
    }

    static BridgeException tooLarge(long max) {
        return BridgeException.of(413, Errors.INVALID_REQUEST, null, "request_too_large",
                "The request body is larger than this bridge accepts (" + max + " bytes).");
    }

    /**
     * The body as one array. With a declared length the array is allocated once at that size and each buffer is
     * copied straight into it: one copy of the body, not the three a growing stream and its final array would make.
     * Running out of memory is answered (503), not left to drop the connection.
     */
    private static Mono<byte[]> aggregate(ByteBufFlux body, long declared, long max, java.util.function.Supplier<BridgeException> tooLarge) {
        return Mono.defer(() -> {
            byte[][] exact = {declared >= 0 && declared <= max ? new byte[(int) declared] : null};
            int[] filled = {0};
            ByteArrayOutputStream[] grown = {exact[0] == null ? new ByteArrayOutputStream() : null};
            // Copy each buffer as it arrives: Netty releases it when this callback returns.
            return body.handle((ByteBuf buf, reactor.core.publisher.SynchronousSink<Object> sink) -> {
                        int n = buf.readableBytes();
                        long size = exact[0] != null ? filled[0] : grown[0].size();
                        if (size + (long) n > max) {
                            sink.error(tooLarge.get());
                            return;
                        }
                        try {
                            if (exact[0] != null && filled[0] + n <= exact[0].length) {
                                buf.readBytes(exact[0], filled[0], n);
                                filled[0] += n;
                            } else {
                                if (exact[0] != null) {
                                    // More than declared: the client lied about its length; keep reading into a stream.
                                    throw new IllegalStateException("body longer than its Content-Length");
                                }
                                buf.readBytes(grown[0], n);
                            }
                        } catch (OutOfMemoryError | java.io.IOException | IllegalStateException e) {
                            sink.error(e instanceof OutOfMemoryError ? outOfMemory() : BridgeException.of(400, Errors.INVALID_REQUEST, null,
                                    "invalid_body", "The request body does not match its Content-Length."));
                        }
                    })
                    .then(Mono.fromCallable(() -> {
                        byte[] whole = exact[0] == null ? grown[0].toByteArray()
                                : filled[0] == exact[0].length ? exact[0] : java.util.Arrays.copyOf(exact[0], filled[0]);
                        // This chain lives as long as the request: it must not keep a copy of the body once handed over.
                        exact[0] = null;
                        grown[0] = null;
                        return whole;
                    }));
        });
    }

    /** The answer when the heap ran out while serving a request: 503, retry later, instead of a dropped connection. */
    static BridgeException outOfMemory() {
        return OutOfMemory.error();
    }
}
