package dev.crosswalk.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http1Test {
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\ndata: \r\n" + "9;ext=1\r\n{\"a\":1}\n\n\r\n" + "0\r\nx-trailer: 1\r\n\r\n" + "NEXT";

    @Test
    void readsAChunkedAnswerWhateverTheReadBoundaries() {
        for (int size : new int[] {1, 2, 3, 7, 1000}) {
            assertThat(read(CHUNKED, size)).as("reads of %d bytes", size).isEqualTo("200|data: {\"a\":1}\n\n|NEXT");
        }
    }

    @Test
    void readsABodyOfContentLength() {
        String message = "HTTP/1.1 401 Unauthorized\r\ncontent-length: 5\r\n\r\nhelloNEXT";
        assertThat(read(message, 1)).isEqualTo("401|hello|NEXT");
        assertThat(read(message, 100)).isEqualTo("401|hello|NEXT");
    }

    @Test
    void findsHeadersByNameWhateverTheirCase() {
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization:  Bearer k \r\nauthorization-extra: no\r\n\r\n";
        assertThat(Http1.header(head, "authorization")).isEqualTo("Bearer k");
        assertThat(Http1.header(head, "host")).isEqualTo("x");
        assertThat(Http1.header(head, "content-length")).isNull();
        assertThat(Http1.header(head, "post /v1/chat/completions http/1.1\r\nhost")).isNull();
    }

    /** Status, body and what is left after the message, fed {@code size} bytes at a time. */
    private static String read(String message, int size) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Http1.Head head = new Http1.Head();
        Http1.Body body = new Http1.Body();
        Http1.Bytes data = new Http1.Bytes(4);
        String status = null;
        StringBuilder rest = new StringBuilder();
        boolean ended = false;
        for (int at = 0; at < bytes.length; at += size) {
            ByteBuf buf = Unpooled.wrappedBuffer(bytes, at, Math.min(size, bytes.length - at));
            if (ended) {
                rest.append(buf.toString(StandardCharsets.UTF_8));
                continue;
            }
            if (status == null) {
                if (!head.feed(buf)) {
                    continue;
                }
                String h = head.take();
                status = Integer.toString(Http1.status(h));
                body.start(h);
            }
            ended = body.feed(buf, data);
            rest.append(buf.toString(StandardCharsets.UTF_8));
        }
        return status + "|" + new String(data.copy(), StandardCharsets.UTF_8) + "|" + rest;
    }
}
