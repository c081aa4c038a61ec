package dev.crosswalk.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator against the fake upstream: every stream arrives whole, and what is wrong is reported. */
class LoadGeneratorTest {
    private static final int CHUNKS = 6;
    private static final byte[] REQUEST = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}"
            .getBytes(StandardCharsets.UTF_8);
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterEach
    void shutDown() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void everyStreamArrivesWholeAndInOrder() throws Exception {
        try (FakeChatUpstream upstream = new FakeChatUpstream(CHUNKS, 2, loops)) {
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger closed = new AtomicInteger();
            LoadGenerator.Settings settings = new LoadGenerator.Settings(4, 1, 2, 1, Duration.ofMillis((CHUNKS + 1) * 2));
            LoadGenerator.Outcome outcome = new LoadGenerator(loops, URI.create(upstream.base() + "/chat/completions"), REQUEST, settings,
                    new LoadGenerator.Window() {
                        @Override
                        public void opened() {
                            opened.incrementAndGet();
                        }

                        @Override
                        public void closed() {
                            closed.incrementAndGet();
                        }
                    }).run(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

            assertThat(outcome.inTime()).isTrue();
            List<LoadGenerator.StreamResult> streams = outcome.streams();
            assertThat(streams).hasSize(16);
            assertThat(streams).filteredOn(LoadGenerator.StreamResult::measured).hasSize(8);
            StreamCheck check = new StreamCheck(StreamCheck.Protocol.CHAT, CHUNKS);
            for (LoadGenerator.StreamResult r : streams) {
                assertThat(check.check(r).problem()).as("stream %d of client %d", r.seq(), r.client()).isNull();
                assertThat(check.check(r).events()).isEqualTo(CHUNKS + 4);
                assertThat(r.startNs()).isLessThan(r.firstByteNs());
                assertThat(r.firstByteNs()).isLessThanOrEqualTo(r.endNs());
            }
            assertThat(opened).hasValue(1);
            assertThat(closed).hasValue(1);
            assertThat(upstream.takePeakOpen()).isBetween(1, 4);
        }
    }

    @Test
    void aRefusedRequestIsAFailedStream() throws Exception {
        try (FakeChatUpstream upstream = new FakeChatUpstream(CHUNKS, 2, loops)) {
            LoadGenerator.Settings settings = new LoadGenerator.Settings(2, 0, 2, 0, Duration.ofMillis(10));
            LoadGenerator.Outcome outcome = new LoadGenerator(loops, URI.create(upstream.base() + "/responses"), REQUEST, settings,
                    new LoadGenerator.Window() {
                        @Override
                        public void opened() {
                        }

                        @Override
                        public void closed() {
                        }
                    }).run(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

            assertThat(outcome.streams()).hasSize(4).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(404);
                assertThat(new StreamCheck(StreamCheck.Protocol.CHAT, CHUNKS).check(r).problem()).startsWith("HTTP 404");
            });
        }
    }
}
