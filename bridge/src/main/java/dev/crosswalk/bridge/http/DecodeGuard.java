package dev.crosswalk.bridge.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

/**
 * {@link OutOfMemory} for what happens before the bridge's own code runs: an {@link OutOfMemoryError} while Reactor
 * Netty decodes a request (its head, a body chunk) reaches the pipeline as an exception after the HTTP codec, where
 * Reactor Netty would close the connection without a word. This handler, right after the codec, answers 503
 * {@code overloaded} with {@code Retry-After} instead (body prepared at start, so answering needs next to no memory),
 * then closes; if an answer is already under way, the connection can only be cut, with the reason logged.
 *
 * <p>Test seam: the {@link OutOfMemory.Stage#DECODE} faults run before the codec on every read, as the codec's own
 * allocation would fail.
 */
final class DecodeGuard extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(DecodeGuard.class);

    private final byte[] overloaded;
    private boolean answering;

    private DecodeGuard(byte[] overloaded) {
        this.overloaded = overloaded;
    }

    /** Adds the guard (and the fault seam) around the HTTP codec of a new connection's pipeline. */
    static void install(ChannelPipeline pipeline, byte[] overloaded, Supplier<Consumer<OutOfMemory.Stage>> faults) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;
        }
        pipeline.addBefore(NettyPipeline.HttpCodec, "crosswalk.decodeFaults", new Faults(faults));
        pipeline.addAfter(NettyPipeline.HttpCodec, "crosswalk.decodeGuard", new DecodeGuard(overloaded));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse) {
            answering = true;
        }
        if (msg instanceof LastHttpContent) {
            answering = false;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (!outOfMemory(cause)) {
            super.exceptionCaught(ctx, cause);
            return;
        }
        if (answering) {
            log.error("out of memory while decoding a request on a connection whose answer had started: connection cut "
                    + "(lower --max-inflight-bytes or raise -Xmx)");
            ctx.close();
            return;
        }
        log.error("out of memory while decoding a request; answered 503 overloaded (lower --max-inflight-bytes or raise -Xmx)");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.wrappedBuffer(overloaded));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, overloaded.length)
                .set(HttpHeaderNames.RETRY_AFTER, "1")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        answering = true;
        // Written from here, through the codec to the socket: Reactor Netty's own state for this request is broken.
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean outOfMemory(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Runs the {@link OutOfMemory.Stage#DECODE} faults before the codec sees the bytes read ({@link OutOfMemory#NONE} in production). */
    private static final class Faults extends ChannelInboundHandlerAdapter {
        private final Supplier<Consumer<OutOfMemory.Stage>> faults;

        Faults(Supplier<Consumer<OutOfMemory.Stage>> faults) {
            this.faults = faults;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                faults.get().accept(OutOfMemory.Stage.DECODE);
            } catch (OutOfMemoryError e) {
                ReferenceCountUtil.release(msg);
                throw e;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
