package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10 (2): no request reaches an upstream path other than the documented endpoints with the bridge's key. Sent
 * over a bare socket, so that no client library normalises the paths first.
 */
class PathEscapeTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static final String KEY = "upstream-key-for-paths-0042";
    FakeOpenAi upstream = kit.responsesModel();
    BridgeServer bridge = Bridges.start(upstream, WireApi.RESPONSES, b -> b.upstreamKey(Secret.of(KEY))
            .clientKeys(ClientKeys.of(List.of("sk-client-test-0001"))));

    @AfterEach
    void stop() {
        bridge.close();
        upstream.close();
    }

    @Test
    void dotSegmentsAndEncodedSeparatorsAre404BeforeAnyUpstreamCall() throws IOException {
        List<String> escapes = List.of(
                "GET /v1/responses/../../organization/admin_api_keys",
                "GET /v1/responses/%2e%2e/%2e%2e/organization/admin_api_keys",
                "GET /v1/responses/%2E%2E/%2E%2E/organization/admin_api_keys",
                "GET /v1/responses/x/../..",
                "GET /v1/responses/x/../../organization/admin_api_keys",
                "POST /v1/responses/resp_1/cancel/../../../organization/admin_api_keys",
                "GET /v1/responses/resp_1/input_items/..",
                "GET /v1/responses/./resp_1",
                "GET /v1/models/..",
                "GET /v1/models/%2e%2e%2forganization",
                "GET /v1/models/a%2fb",
                "GET /v1/models/a%5c..%5c..",
                "GET /v1//responses/resp_1",
                "GET /v1/responses/resp_1/",
                "GET /v1/organization/admin_api_keys",
                "GET /v1/responses/resp_1/input_items/extra",
                "GET /v1/responses/%00",
                "GET /v1/responses/%zz");
        for (String line : escapes) {
            String answer = send(line);
            assertThat(answer).as(line).startsWith("HTTP/1.1 404").contains("unknown_url");
        }
        assertThat(upstream.requests()).as("the upstream was never called").isEmpty();
    }

    @Test
    void unknownQueryParametersAre400BeforeAnyUpstreamCall() throws IOException {
        for (String line : List.of("GET /v1/models?path=../organization", "GET /v1/responses/resp_1/input_items?limit=2&x=..%2f",
                "POST /v1/responses/resp_1/cancel?include=1", "GET /v1/responses/resp_1?%zz=1")) {
            assertThat(send(line)).as(line).startsWith("HTTP/1.1 400");
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void documentedEndpointsAreForwardedWithTheirQueryReEncoded() throws IOException {
        assertThat(send("GET /v1/models")).startsWith("HTTP/1.1 200");
        send("GET /v1/responses/resp_1/input_items?limit=2&order=asc&after=a%20b&include%5B%5D=x");
        send("GET /v1/models/gpt-4o%3A2024");
        assertThat(upstream.requests()).extracting(FakeOpenAi.Recorded::uri).containsExactly("/v1/models",
                "/v1/responses/resp_1/input_items?limit=2&order=asc&after=a%20b&include%5B%5D=x", "/v1/models/gpt-4o:2024");
    }

    private String send(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", bridge.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            boolean post = requestLine.startsWith("POST");
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-client-test-0001\r\nConnection: close\r\n"
                    + (post ? "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" : "\r\n")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
