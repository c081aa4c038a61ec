package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import dev.crosswalk.translator.WireApi;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

/**
 * Issue 10 (3), one copy of a body at a time: the translated request the bridge sends upstream is let go once the
 * upstream answers, not kept for the rest of the call (a stream may last minutes, next to the client's own context).
 * Seen through a weak reference to the bytes sent, while the upstream's stream is still open.
 */
class UpstreamBodyReleaseTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    @Test
    void theBytesSentAreLetGoOnceTheUpstreamAnswers() throws Exception {
        FakeOpenAi fake = kit.upstream();
        CountDownLatch gate = new CountDownLatch(1);
        fake.enqueue(Reply.sse("data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n").gateAfter(1, gate));
        Upstream upstream = new Upstream(BridgeConfig.builder(URI.create(fake.baseUrl()), WireApi.CHAT_COMPLETIONS)
                .host("127.0.0.1").port(0).build());
        byte[] json = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2_000_000) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        WeakReference<byte[]> sent = new WeakReference<>(json);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Disposable call = upstream.postJson("/chat/completions", json, "Bearer sk-test", true)
                .response((response, body) -> body.asString())
                .subscribe(received::add);
        json = null;
        try {
            assertThat(received.poll(30, TimeUnit.SECONDS)).as("the first frame (the stream stays open)").contains("\"n\":1");
            assertThat(fake.last().body()).hasSizeGreaterThan(2_000_000);
            for (int i = 0; i < 50 && sent.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(sent.get()).as("the request bytes are still held while the stream is open").isNull();
        } finally {
            gate.countDown();
            call.dispose();
            upstream.close();
            fake.close();
        }
    }
}
