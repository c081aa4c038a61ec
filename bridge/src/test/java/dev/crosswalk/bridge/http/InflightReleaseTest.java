package dev.crosswalk.bridge.http;

import static dev.crosswalk.bridge.http.RoutedBridges.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10 (3): what a request holds in the in-flight budget ({@code --max-inflight-bytes}) is given back however it
 * ends — the upstream timed out, the client hung up during its upload, while waiting for the upstream, or in the
 * middle of a stream — and a WebSocket turn holds its bodies only while it runs. Each test first sees the bytes
 * counted (at the request's translation, through the {@link BridgeServer#faults} seam, or while the request hangs),
 * then counted no more; without the release they would stay counted until the budget refused every request.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class InflightReleaseTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi upstream;
    static FakeOpenAi responsesUpstream;
    /** Gives the upstream 800 ms of silence. */
    static BridgeServer impatient;
    /** Wait for the upstream (for as long as the client does): over Chat, and over Responses. */
    static BridgeServer patient;
    static BridgeServer patientOverResponses;
    static final String BIG = "x".repeat(200_000);

    @BeforeAll
    static void start() {
        upstream = kit.chatModel();
        impatient = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS, b -> b.upstreamTimeout(Duration.ofMillis(800)));
        patient = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS);
        responsesUpstream = kit.responsesModel();
        patientOverResponses = Bridges.start(responsesUpstream, WireApi.RESPONSES);
    }

    @AfterAll
    static void stop() {
        impatient.close();
        patient.close();
        patientOverResponses.close();
        upstream.close();
        responsesUpstream.close();
    }

    @AfterEach
    void disarm() {
        impatient.faults(OutOfMemory.NONE);
        patient.faults(OutOfMemory.NONE);
        patientOverResponses.faults(OutOfMemory.NONE);
    }

    /** The bytes counted when the request is first translated (its body read and held). */
    private static AtomicLong countedAtTranslation(BridgeServer bridge) {
        AtomicLong counted = new AtomicLong(-1);
        bridge.faults(stage -> {
            if (stage == OutOfMemory.Stage.TRANSLATE) {
                counted.compareAndSet(-1, bridge.inflightBytes());
            }
        });
        return counted;
    }

    private static void givenBack(BridgeServer bridge) {
        eventually(() -> assertThat(bridge.inflightBytes()).as("bytes still counted after the request ended").isZero());
    }

    @Test
    void anUpstreamTimeoutGivesTheBodyBack() {
        AtomicLong counted = countedAtTranslation(impatient);

        TestClient.Reply reply = TestClient.of(impatient, kit).post("/v1/responses", Map.of("model", "fault-hang", "input", BIG));

        assertThat(reply.status()).as(reply.body()).isEqualTo(504);
        assertThat(counted.get()).as("the body was counted").isGreaterThanOrEqualTo(BIG.length());
        givenBack(impatient);
    }

    @Test
    void anUpstreamTimeoutMidStreamGivesTheBodyBack() {
        AtomicLong counted = countedAtTranslation(impatient);

        TestClient.Stream stream = TestClient.of(impatient, kit).stream("/v1/responses",
                Map.of("model", "fault-hang-midstream", "input", BIG, "stream", true));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.types()).endsWith("error", "response.failed");
        assertThat(counted.get()).as("the body was counted").isGreaterThanOrEqualTo(BIG.length());
        givenBack(impatient);
    }

    @Test
    void aClientThatHangsUpDuringItsUploadGivesTheBodyBack() throws Exception {
        try (RawHttp raw = new RawHttp(patient.port())) {
            // The declared length is counted before the body is read.
            raw.postPartial("/v1/responses", 500_000, 1_000);
            eventually(() -> assertThat(patient.inflightBytes()).isGreaterThanOrEqualTo(500_000));
        }
        givenBack(patient);
    }

    @Test
    void aClientThatHangsUpWhileTheUpstreamThinksGivesTheBodyBack() throws Exception {
        // Both translating directions (a pass-through body streams to the upstream unread: nothing is held).
        for (String path : List.of("/v1/responses", "/v1/chat/completions")) {
            BridgeServer bridge = path.equals("/v1/responses") ? patient : patientOverResponses;
            Map<String, Object> body = path.equals("/v1/responses") ? Map.of("model", "fault-hang", "input", BIG)
                    : Map.of("model", "fault-hang", "messages", List.of(Map.of("role", "user", "content", BIG)));
            try (RawHttp raw = new RawHttp(bridge.port())) {
                raw.post(path, Json.write(body));
                eventually(() -> assertThat(bridge.inflightBytes()).as(path).isGreaterThanOrEqualTo(BIG.length()));
            }
            givenBack(bridge);
        }
    }

    @Test
    void aClientThatHangsUpMidStreamGivesTheBodyBack() throws Exception {
        for (String path : List.of("/v1/responses", "/v1/chat/completions")) {
            BridgeServer bridge = path.equals("/v1/responses") ? patient : patientOverResponses;
            Map<String, Object> body = path.equals("/v1/responses") ? Map.of("model", "fault-hang-midstream", "input", BIG, "stream", true)
                    : Map.of("model", "fault-hang-midstream", "stream", true, "messages", List.of(Map.of("role", "user", "content", BIG)));
            try (RawHttp raw = new RawHttp(bridge.port())) {
                raw.post(path, Json.write(body));
                assertThat(raw.readUntil("data: ")).as(path).startsWith("HTTP/1.1 200");
                assertThat(bridge.inflightBytes()).as(path).isGreaterThanOrEqualTo(BIG.length());
            }
            givenBack(bridge);
        }
    }

    @Test
    void aWebSocketTurnHoldsItsBodiesOnlyWhileItRuns() {
        AtomicLong counted = countedAtTranslation(impatient);
        try (WsClient ws = WsClient.connect(impatient, "sk-client-test-0001", kit)) {
            ws.send(Map.of("type", "response.create", "model", "gpt-test", "input", BIG));
            assertThat(ws.turn()).last().satisfies(m -> assertThat(m.get("type")).isEqualTo("response.completed"));
            assertThat(counted.get()).as("the turn's message was counted").isGreaterThanOrEqualTo(BIG.length());
            // Given back when the turn ended: the connection is still open.
            givenBack(impatient);

            // An upstream error body (read whole) and a timeout: given back too, turn by turn.
            for (String model : List.of("fault-500", "fault-hang")) {
                ws.send(Map.of("type", "response.create", "model", model, "input", "Hello"));
                assertThat(ws.turn()).last().satisfies(m -> assertThat(m.get("type")).isEqualTo("error"));
                givenBack(impatient);
            }
        }
    }
}
