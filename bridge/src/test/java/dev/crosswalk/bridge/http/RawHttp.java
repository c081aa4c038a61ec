package dev.crosswalk.bridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare socket speaking just enough HTTP/1.1 to do what well-behaved clients do not: hang up in the middle of a
 * stream, or send a chunked body with no length.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends a POST with a Content-Length body. */
    void post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer sk-client-test-0001\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Sends the head of a POST declaring {@code declared} body bytes, then only the first {@code sent} of them. */
    void postPartial(String path, int declared, int sent) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer sk-client-test-0001\r\nContent-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(("{\"model\":\"gpt-test\",\"input\":\"" + "x".repeat(Math.max(0, sent - 32))).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends a POST whose body is chunked (no Content-Length), {@code chunks} chunks of {@code chunkSize} bytes of JSON padding. */
    void postChunked(String path, int chunks, int chunkSize) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer sk-client-test-0001\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = " ".repeat(chunkSize).getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < chunks; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException closedByServer) {
            // The server may answer 413 and close before the whole body is written: that is the point.
        }
    }

    /** Reads until {@code marker} has been seen; returns everything read. */
    String readUntil(String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        while (seen.indexOf(marker) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
