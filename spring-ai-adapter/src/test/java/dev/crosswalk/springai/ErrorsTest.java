package dev.crosswalk.springai;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.crosswalk.testkit.Reply;
import dev.crosswalk.translator.error.ResponseFailedException;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Upstream failures: what the application gets, and that the API key is in none of it. */
class ErrorsTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final String INVALID_KEY = "{\"error\":{\"message\":\"Incorrect API key provided: "
            + TestSupport.API_KEY + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    private static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for gpt-test in "
            + "organization org-123 on requests per min (RPM): Limit 3, Used 3, Requested 1.\","
            + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    private static final String SERVER_ERROR = "{\"error\":{\"message\":\"The server had an error while processing "
            + "your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

    private final FakeOpenAi upstream = kit.upstream();

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void unauthorizedCarriesTheUpstreamErrorButNeverTheKey(WireApi wire) {
        upstream.enqueue(TestSupport.path(wire), Reply.json(401, INVALID_KEY));

        CrosswalkApiException e = catchThrowableOfType(CrosswalkApiException.class,
                () -> ChatClient.create(TestSupport.model(upstream, wire)).prompt("Hi").call().content());

        assertThat(e.getStatusCode().value()).isEqualTo(401);
        assertThat(e.getErrorType()).isEqualTo("invalid_request_error");
        assertThat(e.getErrorCode()).isEqualTo("invalid_api_key");
        assertThat(e.getErrorMessage()).startsWith("Incorrect API key provided: ***.");
        assertThat(e.getMessage()).contains("HTTP 401", "Incorrect API key provided", "invalid_api_key")
                .doesNotContain(TestSupport.API_KEY);
        assertThat(e.toString()).doesNotContain(TestSupport.API_KEY);
        assertThat(e.getResponseBodyAsString()).doesNotContain(TestSupport.API_KEY);
        assertThat(upstream.requests()).as("a 401 is not retried").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void rateLimitedThenSuccessIsRetriedAfterRetryAfter(WireApi wire) {
        upstream.enqueue(TestSupport.path(wire), Reply.json(429, RATE_LIMITED).header("Retry-After", "1"));
        TestSupport.text(upstream, wire, "Made it.");

        long start = System.nanoTime();
        String answer = ChatClient.create(TestSupport.model(upstream, wire)).prompt("Hi").call().content();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isEqualTo("Made it.");
        assertThat(upstream.requests()).hasSize(2);
        assertThat(upstream.request(1).body()).isEqualTo(upstream.request(0).body());
        // The template's own back-off is 10 ms: only Retry-After explains a wait of a second.
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rateLimitedStreamIsRetriedBeforeItsFirstEvent() {
        upstream.enqueue(FakeOpenAi.CHAT, Reply.json(429, RATE_LIMITED).header("retry-after-ms", "20"));
        TestSupport.textStream(upstream, WireApi.CHAT_COMPLETIONS, "ok");

        List<String> pieces = ChatClient.create(TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS)).prompt("Hi")
                .stream().content().collectList().block();

        assertThat(pieces).containsExactly("ok");
        assertThat(upstream.requests()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void serverErrorIsRetriedThenSurfaces(WireApi wire) {
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(TestSupport.path(wire), Reply.json(500, SERVER_ERROR));
        }

        CrosswalkApiException e = catchThrowableOfType(CrosswalkApiException.class,
                () -> TestSupport.model(upstream, wire).call(new Prompt("Hi")));

        assertThat(e.getStatusCode().value()).isEqualTo(500);
        assertThat(e.getErrorType()).isEqualTo("server_error");
        assertThat(e.getErrorMessage()).startsWith("The server had an error");
        assertThat(upstream.requests()).as("first attempt and two retries").hasSize(3);
    }

    @Test
    void nonJsonErrorBodyStillSurfacesItsText() {
        upstream.enqueue(FakeOpenAi.CHAT, Reply.json(400, "<html><body>Bad gateway config</body></html>"));

        CrosswalkApiException e = catchThrowableOfType(CrosswalkApiException.class,
                () -> TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS).call(new Prompt("Hi")));

        assertThat(e.getStatusCode().value()).isEqualTo(400);
        assertThat(e.getErrorType()).isNull();
        assertThat(e.getMessage()).contains("Bad gateway config");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void malformedBodyIsARestClientExceptionNamingThePlace(WireApi wire) {
        upstream.enqueue(TestSupport.path(wire), Reply.json(200, "{\"id\":\"x\",\"choices\":[{\"index\":0,"));

        RestClientException e = catchThrowableOfType(RestClientException.class,
                () -> TestSupport.model(upstream, wire).call(new Prompt("Hi")));

        assertThat(e).isNotInstanceOf(CrosswalkApiException.class);
        assertThat(e.getMessage()).contains("the upstream's body is not");
        assertThat(upstream.requests()).as("a malformed answer is not retried").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamCutMidWayEndsWithAnErrorAfterWhatArrived(WireApi wire) {
        upstream.enqueue(TestSupport.path(wire), Reply.sse(wire == WireApi.RESPONSES
                ? new Fixtures.ResponsesStream("resp_cut").text("msg_cut", "Hel", "lo").cut()
                : Fixtures.chatStreamCut("Hel", "lo")));

        StepVerifier.create(TestSupport.model(upstream, wire).stream(new Prompt("Hi"))
                        .map(r -> r.getResult().getOutput().getText()))
                .expectNext("Hel", "lo")
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ResponseFailedException.class)
                        .hasMessageContaining("ended before"))
                .verify(Duration.ofSeconds(10));
        assertThat(upstream.requests()).as("nothing is retried once events went out").hasSize(1);
    }

    @Test
    void connectionDroppedInsideAChunkEndsTheFluxWithAnError() throws Exception {
        // A raw socket: the event's chunk arrives, then the connection closes without the terminating chunk.
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> {
                try (java.net.Socket client = socket.accept()) {
                    java.io.InputStream in = client.getInputStream();
                    byte[] buffer = new byte[8192];
                    in.read(buffer);
                    String event = Fixtures.chatStream("Hel").get(1);
                    byte[] chunk = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    java.io.OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length) + "\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n1000\r\ndata: {\"choi".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException ignored) {
                    // the test fails on its own if the exchange did not happen
                }
            });
            server.start();
            CrosswalkChatModel model = CrosswalkChatModel.builder().api(CrosswalkApi.builder()
                    .baseUrl("http://127.0.0.1:" + socket.getLocalPort()).apiKey(TestSupport.API_KEY).build()).build();

            StepVerifier.create(model.stream(new Prompt("Hi")).map(r -> r.getResult().getOutput().getText()))
                    .expectNext("Hel")
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ResourceAccessException.class)
                            .hasMessageContaining("while reading the stream"))
                    .verify(Duration.ofSeconds(10));
            server.join(5000);
        }
    }

    @Test
    void failedResponsesStreamCarriesTheUpstreamError() {
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.sse(new Fixtures.ResponsesStream("resp_f").text("msg_f", "Hi")
                .failed("server_error", "The model crashed")));

        StepVerifier.create(TestSupport.model(upstream, WireApi.RESPONSES).stream(new Prompt("Hi")))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(((ResponseFailedException) e).error().code())
                        .isEqualTo("server_error"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void chatStreamErrorPayloadEndsTheFlux() {
        List<String> events = new java.util.ArrayList<>(Fixtures.chatStreamCut("Hel"));
        events.add("data: {\"error\":{\"message\":\"Upstream overloaded\",\"type\":\"server_error\",\"code\":\"overloaded\"}}\n\n");
        upstream.enqueue(FakeOpenAi.CHAT, Reply.sse(events));

        StepVerifier.create(TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS).stream(new Prompt("Hi")))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ResponseFailedException.class)
                        .hasMessage("Upstream overloaded"))
                .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void unauthorizedStreamIsACrosswalkApiException(WireApi wire) {
        upstream.enqueue(TestSupport.path(wire), Reply.json(401, INVALID_KEY));

        StepVerifier.create(TestSupport.model(upstream, wire).stream(new Prompt("Hi")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CrosswalkApiException.class);
                    assertThat(((CrosswalkApiException) e).getErrorCode()).isEqualTo("invalid_api_key");
                    assertThat(e.getMessage()).doesNotContain(TestSupport.API_KEY);
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void slowUpstreamHitsTheReadTimeout() {
        upstream.enqueue(FakeOpenAi.CHAT, Reply.json(200, Fixtures.chatCompletion("late")).delay(Duration.ofSeconds(3)));
        CrosswalkChatModel model = CrosswalkChatModel.builder()
                .api(TestSupport.api(upstream).readTimeout(Duration.ofMillis(300)).build()).build();

        ResourceAccessException e = catchThrowableOfType(ResourceAccessException.class,
                () -> model.call(new Prompt("Hi")));

        assertThat(e).hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(upstream.requests()).as("a read timeout is not retried").hasSize(1);
    }

    @Test
    void slowStreamHitsTheReadTimeout() {
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.sse(Fixtures.responsesStream("late")).delay(Duration.ofSeconds(3)));
        CrosswalkChatModel model = CrosswalkChatModel.builder()
                .api(TestSupport.api(upstream).readTimeout(Duration.ofMillis(300)).build())
                .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).build()).build();

        StepVerifier.create(model.stream(new Prompt("Hi")))
                .expectError(ResourceAccessException.class)
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void unreachableUpstreamIsRetriedThenReported() {
        upstream.close();
        java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
        org.springframework.core.retry.RetryTemplate template = Retries.template(2, Duration.ofMillis(10), 2.0,
                Duration.ofMillis(50));
        template.setRetryListener(new org.springframework.core.retry.RetryListener() {
            @Override
            public void beforeRetry(org.springframework.core.retry.RetryPolicy policy,
                    org.springframework.core.retry.Retryable<?> retryable) {
                retries.incrementAndGet();
            }
        });
        CrosswalkChatModel model = CrosswalkChatModel.builder()
                .api(TestSupport.api(upstream).retryTemplate(template).build()).build();

        ResourceAccessException e = catchThrowableOfType(ResourceAccessException.class,
                () -> model.call(new Prompt("Hi")));

        assertThat(e).cause().isInstanceOf(java.net.ConnectException.class);
        assertThat(retries.get()).isEqualTo(2);
    }
}
