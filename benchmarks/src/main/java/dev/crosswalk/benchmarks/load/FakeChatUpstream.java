package dev.crosswalk.benchmarks.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A Chat Completions server on the loopback interface that answers every streamed {@code POST /v1/chat/completions}
 * with the same answer at a fixed pace: the role chunk at once, then {@code chunks} text deltas
 * {@code intervalMillis} apart, then (one interval later) the finish chunk, the usage chunk and {@code data: [DONE]},
 * each flushed on its own.
 *
 * <p>It shares the machine with the bridge it measures, so it is built to cost little: plain Netty with {@link Http1}'s
 * minimal parsing, the whole answer encoded once (HTTP head and chunked framing included) and copied into one pooled
 * buffer per stream with its id and timestamp patched in, each event written as a slice of it; and no timer per
 * stream: one pacing thread ticks every millisecond and has each event loop send what is due (see {@link #pace()}).
 */
final class FakeChatUpstream implements AutoCloseable {
    /** The only key the upstream accepts; the bridge forwards the client's Authorization header by default. */
    static final String KEY = "sk-load-test-0000";
    static final String MODEL = "gpt-4o-mini-2024-07-18";
    private static final String[] WORDS = ("A crosswalk gives people on foot a marked, predictable place to cross, and drivers a clear"
            + " signal to slow down and yield. Good ones are short, well lit, raised to the level of the sidewalk, and timed"
            + " so that a child or an older person can finish crossing before the light changes again.").split(" ");
    private static final String ID_MARK = "@@@@@@@@@@";
    private static final String CREATED_MARK = "##########";
    private static final String PATH = "POST /v1/chat/completions ";
    /** The pacing tick: each write goes at the first tick at or after its time (up to this late, never early, no drift). */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Channel server;
    private final int chunks;
    private final long intervalNanos;
    /** The whole answer, HTTP head to terminal chunk, with marks where each stream's id and timestamp go. */
    private final byte[] answer;
    /** Where each write starts in {@link #answer}, and (last) its length: write {@code k} is {@code [starts[k], starts[k + 1])}. */
    private final int[] starts;
    private final int[] idAt;
    private final int[] createdAt;
    private final Map<EventLoop, Pacer> pacers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final Thread pacing = new Thread(this::pace, "fake-upstream-pacing");
    private volatile boolean closed;

    FakeChatUpstream(int chunks, long intervalMillis, EventLoopGroup loops) throws InterruptedException {
        this.chunks = chunks;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        List<String> writes = writes(chunks);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        starts = new int[writes.size() + 1];
        for (int k = 0; k < writes.size(); k++) {
            starts[k] = bytes.size();
            bytes.writeBytes(writes.get(k).getBytes(StandardCharsets.UTF_8));
        }
        starts[writes.size()] = bytes.size();
        answer = bytes.toByteArray();
        idAt = find(answer, ID_MARK);
        createdAt = find(answer, CREATED_MARK);
        this.server = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Connection());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        pacing.setDaemon(true);
        pacing.start();
    }

    /** The base URL to give the bridge: {@code http://127.0.0.1:PORT/v1}. */
    String base() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/v1";
    }

    /** The text every stream carries: its deltas concatenated. */
    static String expectedText(int chunks) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            text.append(delta(i));
        }
        return text.toString();
    }

    static String delta(int i) {
        return (i == 0 ? "" : " ") + WORDS[i % WORDS.length];
    }

    /** The most streams open at once since the last call. */
    int takePeakOpen() {
        return peakOpen.getAndSet(open.get());
    }

    /**
     * The answer's writes, in order: the HTTP head with the role chunk, each text delta, then the finish chunk, the
     * usage chunk, and {@code [DONE]} with the terminal chunk.
     */
    private static List<String> writes(int chunks) {
        String head = "{\"id\":\"chatcmpl-load" + ID_MARK + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED_MARK
                + ",\"model\":\"" + MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_load0000\",\"choices\":[";
        List<String> writes = new ArrayList<>();
        writes.add("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\ncache-control: no-cache\r\n"
                + "transfer-encoding: chunked\r\n\r\n"
                + chunk(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}"));
        for (int i = 0; i < chunks; i++) {
            writes.add(chunk(head + "{\"index\":0,\"delta\":{\"content\":\"" + delta(i) + "\"},\"logprobs\":null,"
                    + "\"finish_reason\":null}],\"usage\":null}"));
        }
        writes.add(chunk(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}"));
        writes.add(chunk(head + "],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":" + chunks + ",\"total_tokens\":"
                + (31 + chunks) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
                + "\"rejected_prediction_tokens\":0}}}"));
        writes.add(chunk("[DONE]") + "0\r\n\r\n");
        return writes;
    }

    /** One SSE event as one HTTP chunk. */
    private static String chunk(String data) {
        int length = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8).length;
        return Integer.toHexString(length) + "\r\ndata: " + data + "\n\n\r\n";
    }

    private static int[] find(byte[] haystack, String mark) {
        byte[] needle = mark.getBytes(StandardCharsets.US_ASCII);
        List<Integer> at = new ArrayList<>();
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            at.add(i);
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void patch(ByteBuf buf, int[] at, long value) {
        for (int position : at) {
            long v = value;
            for (int i = 9; i >= 0; i--) {
                buf.setByte(position + i, '0' + (int) (v % 10));
                v /= 10;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        server.close().syncUninterruptibly();
    }

    /** One connection from the bridge: reads a request, answers it (streams one answer at a time, no pipelining). */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final Http1.Head head = new Http1.Head();
        private final Http1.Body body = new Http1.Body();
        private final Http1.Bytes requestBody = new Http1.Bytes(1024);
        private String requestHead;
        private Stream answering;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                while (buf.isReadable()) {
                    if (requestHead == null) {
                        if (!head.feed(buf)) {
                            return;
                        }
                        requestHead = head.take();
                        body.start(requestHead);
                        requestBody.clear();
                    }
                    if (!body.feed(buf, requestBody)) {
                        return;
                    }
                    answer(ctx, requestHead, requestBody.latin1());
                    requestHead = null;
                }
            } finally {
                buf.release();
            }
        }

        private void answer(ChannelHandlerContext ctx, String head, String json) {
            if (!head.startsWith(PATH)) {
                refuse(ctx, "404 Not Found", "Unknown path: " + head.substring(0, Math.max(0, head.indexOf('\r'))));
            } else if (!("Bearer " + KEY).equals(Http1.header(head, "authorization"))) {
                refuse(ctx, "401 Unauthorized", "Incorrect API key provided.");
            } else if (!json.contains("\"stream\":true") || !json.contains("\"messages\"")) {
                refuse(ctx, "400 Bad Request", "This upstream only streams: send messages with stream: true.");
            } else {
                peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                ByteBuf buf = ctx.alloc().directBuffer(answer.length);
                buf.writeBytes(answer);
                patch(buf, idAt, ids.incrementAndGet());
                patch(buf, createdAt, System.currentTimeMillis() / 1000);
                answering = new Stream(ctx.channel(), buf);
                answering.step();
                pacers.computeIfAbsent(ctx.channel().eventLoop(), Pacer::new).add(answering);
            }
        }

        private void refuse(ChannelHandlerContext ctx, String status, String message) {
            byte[] json = ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")
                    .getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + "\r\ncontent-type: application/json\r\ncontent-length: " + json.length + "\r\n\r\n";
            ctx.write(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII)), ctx.voidPromise());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(json), ctx.voidPromise());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (answering != null) {
                answering.end();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One answer being sent: its buffer, and the next write due. */
    private final class Stream {
        private final Channel channel;
        private final ByteBuf answer;
        private int step;
        private long dueNs = System.nanoTime();
        private boolean ended;

        Stream(Channel channel, ByteBuf answer) {
            this.channel = channel;
            this.answer = answer;
        }

        /** Sends the next step's writes; false when the answer is complete (or the connection gone). */
        boolean step() {
            if (ended) {
                return false;
            }
            int from = step;
            int to = step <= chunks ? step + 1 : starts.length - 1;
            for (int k = from; k < to; k++) {
                channel.writeAndFlush(answer.retainedSlice(starts[k], starts[k + 1] - starts[k]), channel.voidPromise());
            }
            step = to;
            dueNs += intervalNanos;
            if (step == starts.length - 1) {
                end();
                return false;
            }
            return true;
        }

        void end() {
            if (!ended) {
                ended = true;
                answer.release();
                open.decrementAndGet();
            }
        }
    }

    /** One event loop's streams by when their next write is due; run on that loop at each tick of the pacing thread. */
    private final class Pacer implements Runnable {
        private final EventLoop loop;
        private final PriorityQueue<Stream> due = new PriorityQueue<>(Comparator.comparingLong(s -> s.dueNs));
        /** Written on the loop, read by the pacing thread: whether a tick has anything to do here. */
        private volatile int streams;

        Pacer(EventLoop loop) {
            this.loop = loop;
        }

        /** Runs on the loop. */
        void add(Stream s) {
            due.add(s);
            streams = due.size();
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            while (!due.isEmpty() && due.peek().dueNs <= now) {
                Stream s = due.poll();
                if (s.step()) {
                    due.add(s);
                }
            }
            streams = due.size();
        }
    }

    /**
     * Every {@link #TICK_NANOS}, has each event loop with streams send what is due. Not the loops' own timers: Netty's
     * NIO loop polls without sleeping while its next timer is less than half a millisecond away, and with a timer per
     * stream (or per loop, due at the next stream's write) one always is, so the loops spun and took most of a core.
     */
    private void pace() {
        long next = System.nanoTime();
        while (!closed) {
            next += TICK_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -TICK_NANOS) {
                next = System.nanoTime();
            }
            for (Pacer p : pacers.values()) {
                if (p.streams > 0) {
                    p.loop.execute(p);
                }
            }
        }
    }
}
