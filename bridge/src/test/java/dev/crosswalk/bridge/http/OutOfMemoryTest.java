package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.sse.SseEvent;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10 (3): an {@link OutOfMemoryError} anywhere in serving a request (translating, storing, writing the answer)
 * still gets the client an HTTP answer (503 {@code overloaded} with {@code Retry-After}, or an ended stream), and the
 * bridge goes on serving. The error is thrown through the package-private seam {@link BridgeServer#faults}, once, at
 * the chosen stage. Also: an upstream answer read whole is counted in the in-flight budget, and everything counted is
 * given back when the request ends.
 *
 * <p>Unguarded, such a request hangs (a stream's body never ends): the class timeout turns that into a failure instead
 * of a stuck build. It is a safety net, not a measurement: each test normally takes well under a second.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class OutOfMemoryTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi chatUpstream;
    static FakeOpenAi responsesUpstream;
    static BridgeServer overChat;
    static BridgeServer overResponses;
    static TestClient responsesClient;
    static TestClient chatClient;
    /** The stage at which the next OutOfMemoryError is thrown (then disarmed). */
    static final AtomicReference<OutOfMemory.Stage> armed = new AtomicReference<>();
    static final java.util.function.Consumer<OutOfMemory.Stage> ARMED = stage -> {
        if (armed.compareAndSet(stage, null)) {
            throw new OutOfMemoryError("test: out of memory at " + stage);
        }
    };

    @BeforeAll
    static void start() {
        chatUpstream = kit.chatModel();
        responsesUpstream = kit.responsesModel();
        overChat = Bridges.start(chatUpstream, WireApi.CHAT_COMPLETIONS);
        overResponses = Bridges.start(responsesUpstream, WireApi.RESPONSES);
        overChat.faults(ARMED);
        overResponses.faults(ARMED);
        // Without the kit's stream checks: these tests break streams on purpose (a fault injected at the write stage
        // cuts the connection mid-stream); what each stream must look like then is asserted by the tests themselves.
        responsesClient = TestClient.of(overChat);
        chatClient = TestClient.of(overResponses);
    }

    @AfterAll
    static void stop() {
        overChat.close();
        overResponses.close();
        chatUpstream.close();
        responsesUpstream.close();
    }

    @AfterEach
    void everythingCountedIsGivenBack() throws InterruptedException {
        armed.set(null);
        // The budget is released when the request has ended, which may be a moment after the client read its answer.
        for (int i = 0; i < 500 && (overChat.inflightBytes() != 0 || overResponses.inflightBytes() != 0); i++) {
            Thread.sleep(20);
        }
        assertThat(overChat.inflightBytes()).as("bytes still counted after the request ended").isZero();
        assertThat(overResponses.inflightBytes()).as("bytes still counted after the request ended").isZero();
    }

    @ParameterizedTest
    @EnumSource(OutOfMemory.Stage.class)
    void responsesOverChatAnswers503AndGoesOn(OutOfMemory.Stage stage) {
        armed.set(stage);
        TestClient.Reply reply = responsesClient.post("/v1/responses", Map.of("model", "gpt-test", "input", "Hello"));

        assertThat(armed.get()).as("the fault fired").isNull();
        assertOverloaded(reply);
        assertThat(responsesClient.post("/v1/responses", Map.of("model", "gpt-test", "input", "Hello")).status()).isEqualTo(200);
    }

    @Test
    void readingAStoredResponseAnswers503() {
        TestClient.Reply created = responsesClient.post("/v1/responses", Map.of("model", "gpt-test", "input", "Hello"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = Json.str(created.json(), "id");

        armed.set(OutOfMemory.Stage.STORE);
        assertOverloaded(responsesClient.get("/v1/responses/" + id));
        assertThat(armed.get()).as("the fault fired").isNull();
        assertThat(responsesClient.get("/v1/responses/" + id).status()).isEqualTo(200);
    }

    @Test
    void chatOverResponsesAnswers503WhenTranslatingTheAnswerRunsOutOfMemory() {
        // The first TRANSLATE is the request's; let it pass, fail the answer's.
        AtomicLong translations = new AtomicLong();
        overResponses.faults(stage -> {
            if (stage == OutOfMemory.Stage.TRANSLATE && translations.incrementAndGet() == 3) {
                throw new OutOfMemoryError("test");
            }
        });
        try {
            TestClient.Reply reply = chatClient.post("/v1/chat/completions", Map.of("model", "gpt-test",
                    "messages", List.of(Map.of("role", "user", "content", "Hello"))));
            assertThat(translations.get()).as("request translated and written, answer translated").isEqualTo(3);
            assertOverloaded(reply);
        } finally {
            overResponses.faults(ARMED);
        }
        assertThat(chatClient.post("/v1/chat/completions", Map.of("model", "gpt-test",
                "messages", List.of(Map.of("role", "user", "content", "Hello")))).status()).isEqualTo(200);
    }

    @Test
    void aStreamWhoseTurnCannotBeStoredEndsWithAnErrorAndResponseFailed() {
        armed.set(OutOfMemory.Stage.STORE);
        TestClient.Stream stream = responsesClient.stream("/v1/responses", Map.of("model", "gpt-test", "input", "Hello", "stream", true));

        assertThat(stream.status()).isEqualTo(200);
        List<String> types = stream.events().stream().map(SseEvent::event).toList();
        assertThat(types).doesNotContain("response.completed").endsWith("error", "response.failed");
    }

    @Test
    void aStreamThatRunsOutOfMemoryWhileTranslatingIsAnswered() {
        armed.set(OutOfMemory.Stage.TRANSLATE);
        // The request's translation is the first TRANSLATE: the client gets a 503 before any stream starts.
        TestClient.Stream stream = responsesClient.stream("/v1/responses", Map.of("model", "gpt-test", "input", "Hello", "stream", true));

        assertThat(stream.status()).isEqualTo(503);
        assertThat(Json.str(Json.obj(stream.errorBody()), "error.code")).isEqualTo("overloaded");
    }

    @Test
    void aStreamThatRunsOutOfMemoryWhileWritingEndsAndTheBridgeGoesOn() {
        armed.set(OutOfMemory.Stage.WRITE);
        TestClient.Stream stream = null;
        try {
            stream = responsesClient.stream("/v1/responses", Map.of("model", "gpt-test", "input", "Hello", "stream", true));
        } catch (UncheckedIOException cut) {
            // The connection was cut after the 200: the honest end of a stream whose frames cannot be written.
        }
        assertThat(armed.get()).as("the fault fired").isNull();
        if (stream != null) {
            // Either nothing was on the wire yet (a 503), or the stream ended without claiming completion.
            assertThat(stream.status() == 503 || stream.events().stream().noneMatch(e -> "response.completed".equals(e.event())))
                    .as("status %s, events %s", stream.status(), stream.events()).isTrue();
        }
        assertThat(responsesClient.post("/v1/responses", Map.of("model", "gpt-test", "input", "Hello")).status()).isEqualTo(200);
    }

    @Test
    void anUpstreamAnswerReadWholeIsCountedUntilTheRequestEnds() {
        String big = "x".repeat(300_000);
        AtomicLong counted = new AtomicLong(-1);
        overChat.faults(stage -> {
            if (stage == OutOfMemory.Stage.WRITE) {
                counted.compareAndSet(-1, overChat.inflightBytes());
            }
        });
        try {
            TestClient.Reply reply = responsesClient.post("/v1/responses", Map.of("model", "gpt-test", "input", big));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        } finally {
            overChat.faults(ARMED);
        }
        // While the answer is written, both the request (> 300 kB) and the upstream's answer (its echo, > 300 kB) count.
        assertThat(counted.get()).isGreaterThan(600_000);
    }

    private static void assertOverloaded(TestClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        assertThat(Json.str(reply.json(), "error.code")).isEqualTo("overloaded");
        assertThat(Json.str(reply.json(), "error.type")).isEqualTo("server_error");
    }
}
