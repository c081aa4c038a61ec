package dev.crosswalk.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load generator: {@code clients} concurrent clients, each sending streamed POSTs back to back over its
 * own keep-alive HTTP/1.1 connection. Each client sends {@code warmup} streams, then {@code measured} streams, then
 * {@code cooldown} streams; the first streams start spread evenly over one stream's duration, so the measured
 * streams all run at full concurrency and arrive at an even rate instead of in one burst.
 *
 * <p>It shares the machine with the bridge it measures, so it is built to cost little: plain Netty on the event loops
 * it is given, the request encoded once (head and body), {@link Http1}'s minimal parsing of the answer (the head, then
 * the chunked framing, just enough to see the first body byte and the end), and the body copied into one array per
 * client, copied out once per stream.
 *
 * <p>Per stream it records the time from just before the request is sent (or its connection opened) to the first byte
 * of the response body, and to the body's end, and keeps the body to be checked after the run (checking costs nothing
 * while measuring). Bounded: a fixed number of streams, and a deadline after which open streams are cut and counted as
 * failures.
 */
final class LoadGenerator {
    /** What one run does. */
    record Settings(int clients, int warmup, int measured, int cooldown, Duration streamDuration) {
        int perClient() {
            return warmup + measured + cooldown;
        }
    }

    /** One stream as the client saw it; times are {@link System#nanoTime()} values, 0 when they never happened. */
    record StreamResult(int client, int seq, boolean measured, long startNs, long headersNs, long firstByteNs, long endNs,
            int status, byte[] body, String failure) {
        double ttfbMillis() {
            return (firstByteNs - startNs) / 1e6;
        }

        double totalMillis() {
            return (endNs - startNs) / 1e6;
        }
    }

    /** Called once when the first measured stream starts, and once when the last measured stream ends. */
    interface Window {
        void opened();

        void closed();
    }

    record Outcome(List<StreamResult> streams, boolean inTime) {
    }

    private final EventLoopGroup loops;
    private final String host;
    private final int port;
    /** The whole request, head and body; each send writes a duplicate of it. */
    private final ByteBuf request;
    private final Settings settings;
    private final Window window;
    private final Queue<StreamResult> results = new ConcurrentLinkedQueue<>();
    private final List<Client> clients = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean windowOpened = new AtomicBoolean();
    private final AtomicInteger measuredLeft;
    private final CountDownLatch finished;

    LoadGenerator(EventLoopGroup loops, URI uri, byte[] body, Settings settings, Window window) {
        this.loops = loops;
        this.host = uri.getHost();
        this.port = uri.getPort();
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nhost: " + host + ":" + port + "\r\ncontent-type: application/json\r\n"
                + "accept: text/event-stream\r\nauthorization: Bearer " + FakeChatUpstream.KEY + "\r\ncontent-length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        // Direct, so that the socket write takes it as it is instead of copying it into a direct buffer each time.
        this.request = Unpooled.directBuffer(headBytes.length + body.length).writeBytes(headBytes).writeBytes(body);
        this.settings = settings;
        this.window = window;
        this.measuredLeft = new AtomicInteger(settings.clients() * settings.measured());
        this.finished = new CountDownLatch(settings.clients());
    }

    /**
     * Runs every client to its end, or until {@code deadlineNanos} ({@link System#nanoTime()}): then the open
     * streams are cut and no new ones start.
     *
     * @return every stream sent, and whether the run ended before the deadline
     */
    Outcome run(long deadlineNanos) throws InterruptedException {
        long spread = settings.streamDuration().toNanos();
        for (int c = 0; c < settings.clients(); c++) {
            Client client = new Client(c, loops.next());
            clients.add(client);
            client.loop.schedule(client::next, spread * c / settings.clients(), TimeUnit.NANOSECONDS);
        }
        boolean inTime = finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!inTime) {
            stopped.set(true);
            for (Client c : clients) {
                c.loop.execute(c::cut);
            }
            finished.await(10, TimeUnit.SECONDS);
        }
        request.release();
        return new Outcome(new ArrayList<>(results), inTime);
    }

    /** One client: its connection, and the stream under way on it. Touched only on its event loop. */
    @ChannelHandler.Sharable // one connection at a time, but a new one after a close
    private final class Client extends ChannelInboundHandlerAdapter {
        private final int id;
        private final EventLoop loop;
        private final Http1.Head head = new Http1.Head();
        private final Http1.Body body = new Http1.Body();
        private final Http1.Bytes received = new Http1.Bytes(32 * 1024);
        private final Http1.Sink sink = this::data;
        private Channel channel;
        private int seq;
        private boolean measured;
        private boolean active;
        private boolean inBody;
        private boolean closeAfter;
        private long startNs;
        private long headersNs;
        private long firstByteNs;
        private long readNs;
        private int status;
        private String error;

        Client(int id, EventLoop loop) {
            this.id = id;
            this.loop = loop;
        }

        void next() {
            if (seq >= settings.perClient() || stopped.get()) {
                close();
                finished.countDown();
                return;
            }
            measured = seq >= settings.warmup() && seq < settings.warmup() + settings.measured();
            if (measured && windowOpened.compareAndSet(false, true)) {
                window.opened();
            }
            active = true;
            inBody = false;
            closeAfter = false;
            headersNs = 0;
            firstByteNs = 0;
            status = 0;
            error = null;
            received.clear();
            startNs = System.nanoTime();
            if (channel != null && channel.isActive()) {
                send();
                return;
            }
            ChannelFuture connect = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true).handler(this).connect(host, port);
            channel = connect.channel();
            connect.addListener((ChannelFuture f) -> {
                if (f.channel() != channel) {
                    return;
                }
                if (f.isSuccess()) {
                    send();
                } else {
                    channel = null;
                    end(System.nanoTime(), describe(f.cause()));
                }
            });
        }

        private void send() {
            channel.writeAndFlush(request.retainedDuplicate(), channel.voidPromise());
        }

        void close() {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        /** At the time limit: the stream under way ends as a failure, and no other starts. */
        void cut() {
            if (active) {
                end(System.nanoTime(), "cut at the time limit");
            } else {
                close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            readNs = System.nanoTime();
            try {
                if (!active || ctx.channel() != channel) {
                    return;
                }
                if (!inBody) {
                    if (!head.feed(buf)) {
                        return;
                    }
                    headersNs = readNs;
                    String h = head.take();
                    status = Http1.status(h);
                    closeAfter = "close".equalsIgnoreCase(Http1.header(h, "connection"));
                    body.start(h);
                    inBody = true;
                }
                if (body.feed(buf, sink)) {
                    end(readNs, null);
                }
            } finally {
                buf.release();
            }
        }

        private void data(ByteBuf buf, int index, int length) {
            if (firstByteNs == 0 && length > 0) {
                firstByteNs = readNs;
            }
            received.data(buf, index, length);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() == channel) {
                error = describe(cause);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // A connection this client closed itself (its stream already ended) says nothing about the stream now.
            if (ctx.channel() != channel) {
                return;
            }
            channel = null;
            if (active) {
                end(System.nanoTime(), inBody && body.untilClose() ? null
                        : error != null ? error : "connection closed " + (inBody ? "before the body's end" : "before the response"));
            }
        }

        private void end(long endNs, String failure) {
            active = false;
            results.add(new StreamResult(id, seq, measured, startNs, headersNs, firstByteNs, endNs, status, received.copy(), failure));
            if (measured && measuredLeft.decrementAndGet() == 0) {
                window.closed();
            }
            if (failure != null || closeAfter) {
                close();
            }
            seq++;
            next();
        }
    }

    private static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
