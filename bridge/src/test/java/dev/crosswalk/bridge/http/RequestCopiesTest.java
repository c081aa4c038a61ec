package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10 (3), no more than one copy of a body at a time, request side: while a streamed answer is under way, the
 * bridge holds the client's request at most once — over Chat, the parsed request its turn is stored from (the client's
 * bytes and the translated bytes sent are gone); over Responses, nothing of it (a Chat answer needs only the request's
 * instructions and metadata). Measured as the heap still in use after a full collection, against the same before the
 * request, with a {@value #BODY}-byte body and an upstream that reads it, answers the stream's start and then waits.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RequestCopiesTest {
    static final int BODY = 24 << 20;

    @Test
    void aResponsesRequestOverChatIsHeldOnceWhileItsStreamRuns() throws Exception {
        long retained = retainedWhileStreaming(WireApi.CHAT_COMPLETIONS, "/v1/responses",
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n",
                "{\"model\":\"m\",\"stream\":true,\"input\":\"%s\"}");
        record("responses>chat", retained);
        // One copy (the parsed input, kept to store the turn), not three (+ the client's bytes, + the bytes sent).
        assertThat(retained).as("bytes retained for a %d-byte body", BODY).isBetween((long) (BODY * 0.8), (long) (BODY * 1.5));
    }

    @Test
    void aChatRequestOverResponsesIsNotHeldWhileItsStreamRuns() throws Exception {
        long retained = retainedWhileStreaming(WireApi.RESPONSES, "/v1/chat/completions",
                "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\","
                        + "\"object\":\"response\",\"created_at\":1,\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}\n\n",
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}");
        record("chat>responses", retained);
        assertThat(retained).as("bytes retained for a %d-byte body", BODY).isLessThan(BODY / 2);
    }

    /** The measurement, kept beside the build's output (target/measurements/request-copies.txt) for the report. */
    private static void record(String mode, long retained) throws IOException {
        java.nio.file.Path file = java.nio.file.Path.of("target", "measurements", "request-copies.txt");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, mode + ": " + retained + " bytes retained for a " + BODY + "-byte body ("
                + String.format(java.util.Locale.ROOT, "%.2f", retained / (double) BODY) + " copies)\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Heap in use after a full collection while the stream is open, minus the same before the request. */
    private static long retainedWhileStreaming(WireApi api, String path, String firstFrame, String requestShape) throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (ServerSocket upstream = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerThenWait(upstream, firstFrame, hold), "blackhole-upstream");
            server.setDaemon(true);
            server.start();
            BridgeServer bridge = BridgeServer.start(BridgeConfig.builder(URI.create("http://127.0.0.1:" + upstream.getLocalPort() + "/v1"), api)
                    .host("127.0.0.1").port(0).maxBodyBytes(BODY * 2L).maxInflightBytes(BODY * 8L)
                    .translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build()).build());
            try (RawHttp client = new RawHttp(bridge.port())) {
                long before = usedAfterGc();
                send(client, path, requestShape);
                assertThat(client.readUntil("data: ")).startsWith("HTTP/1.1 200");
                return usedAfterGc() - before;
            } finally {
                hold.countDown();
                bridge.close();
            }
        }
    }

    /** The request is built here and let go: the test itself keeps no copy. */
    private static void send(RawHttp client, String path, String requestShape) throws IOException {
        client.post(path, requestShape.formatted("x".repeat(BODY)));
    }

    /** Reads one request whole (discarding it), answers a stream's head and first frame, then waits. */
    private static void answerThenWait(ServerSocket listening, String firstFrame, CountDownLatch hold) {
        try (Socket socket = listening.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            String length = head.toString(StandardCharsets.US_ASCII).lines()
                    .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")).findFirst().orElseThrow();
            long remaining = Long.parseLong(length.substring(length.indexOf(':') + 1).strip());
            byte[] sink = new byte[65536];
            while (remaining > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, remaining));
                if (n < 0) {
                    return;
                }
                remaining -= n;
            }
            OutputStream out = socket.getOutputStream();
            byte[] frame = firstFrame.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(frame.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(frame);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            hold.await(2, TimeUnit.MINUTES);
        } catch (IOException | InterruptedException e) {
            // The test ended: nothing to answer.
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
