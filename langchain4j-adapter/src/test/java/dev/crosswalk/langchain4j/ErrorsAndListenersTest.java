package dev.crosswalk.langchain4j;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import static dev.crosswalk.langchain4j.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crosswalk.testkit.Reply;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures of every kind, over both wires and both models, each mapped once to a LangChain4j exception and to the listeners. */
class ErrorsAndListenersTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final ChatRequest HELLO = ChatRequest.builder().messages(UserMessage.from("hello")).build();

    private final FakeOpenAi server = kit.upstream();
    private final RecordingListener listener = new RecordingListener();

    static Stream<Arguments> wiresAndModes() {
        return Stream.of(WireApi.values()).flatMap(w -> Stream.of(Arguments.of(w, false), Arguments.of(w, true)));
    }

    /** Runs one request through the blocking or the streaming model; returns the error, or null. */
    private Throwable call(WireApi wire, boolean stream, Duration timeout, int maxRetries) throws Exception {
        if (!stream) {
            return catchThrowable(() -> TestModels.chat(server, wire).listeners(listener).timeout(timeout).maxRetries(maxRetries)
                    .build().chat(HELLO));
        }
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();
        TestModels.streaming(server, wire).listeners(listener).timeout(timeout).maxRetries(maxRetries).build().chat(HELLO, handler);
        try {
            handler.await();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            Thread.sleep(150);
            assertThat(handler.errors).as("onError exactly once").hasValue(1);
            assertThat(handler.completions).hasValue(0);
            return e.getCause();
        }
    }

    private Throwable call(WireApi wire, boolean stream) throws Exception {
        return call(wire, stream, Duration.ofSeconds(5), 0);
    }

    private void assertOneError(Throwable error) {
        assertThat(listener.requests).hasSize(1);
        assertThat(listener.responses).isEmpty();
        assertThat(listener.errors).containsExactly(error);
    }

    @ParameterizedTest
    @MethodSource("wiresAndModes")
    void unauthorizedIsAuthenticationWithTheUpstreamMessageAndNoKey(WireApi wire, boolean stream) throws Exception {
        server.enqueue(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + TestModels.KEY
                + ". Find your key at the dashboard.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

        Throwable error = call(wire, stream);

        assertThat(error).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Incorrect API key provided: ***")
                .hasMessageContaining("401")
                .hasMessageContaining("invalid_api_key");
        assertThat(error.getCause()).isInstanceOf(HttpException.class);
        assertThat(((HttpException) error.getCause()).statusCode()).isEqualTo(401);
        assertThat(stackTrace(error)).doesNotContain(TestModels.KEY);
        assertOneError(error);
    }

    @ParameterizedTest
    @MethodSource("wiresAndModes")
    void theCodeSlotHoldsTheErrorsCodeNeverItsType(WireApi wire, boolean stream) throws Exception {
        server.enqueue(Reply.json(400, "{\"error\":{\"message\":\"Previous response with id 'resp_gone' not found.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"previous_response_id\",\"code\":\"previous_response_not_found\"}}"));
        server.enqueue(Reply.json(400, "{\"error\":{\"message\":\"Bad input\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":null}}"));

        Throwable withCode = call(wire, stream);
        listener.requests.clear();
        listener.errors.clear();
        Throwable withoutCode = call(wire, stream);

        assertThat(withCode).isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith("(type invalid_request_error, code previous_response_not_found)");
        assertThat(withoutCode).isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith("Bad input (type invalid_request_error)")
                .message().doesNotContain("code");
    }

    @ParameterizedTest
    @MethodSource("wiresAndModes")
    void rateLimited(WireApi wire, boolean stream) throws Exception {
        server.enqueue(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));

        Throwable error = call(wire, stream);

        assertThat(error).isInstanceOf(RateLimitException.class).hasMessageContaining("Rate limit reached for requests");
        assertOneError(error);
    }

    @ParameterizedTest
    @MethodSource("wiresAndModes")
    void serverError(WireApi wire, boolean stream) throws Exception {
        server.enqueue(Reply.text(502, "<html><body>Bad gateway</body></html>"));

        Throwable error = call(wire, stream);

        assertThat(error).isInstanceOf(InternalServerException.class).hasMessageContaining("Bad gateway");
        assertOneError(error);
    }

    @ParameterizedTest
    @MethodSource("wiresAndModes")
    void retriesRetriableFailuresThenSucceeds(WireApi wire, boolean stream) throws Exception {
        server.enqueue(Reply.json(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"),
                reply(wire, Turn.text("recovered"), stream));

        Throwable error = call(wire, stream, Duration.ofSeconds(5), 1);

        assertThat(error).isNull();
        assertThat(server.requests()).hasSize(2);
        assertThat(listener.requests).hasSize(1);
        assertThat(listener.responses).hasSize(1);
        assertThat(listener.errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void statusCodesMapToTheirExceptions(WireApi wire) {
        record Case(int status, String body, Class<? extends Throwable> type) {
        }
        List<Case> cases = List.of(
                new Case(403, "{\"error\":{\"message\":\"Project not allowed\",\"code\":\"forbidden\"}}", AuthenticationException.class),
                new Case(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\",\"code\":\"model_not_found\"}}", ModelNotFoundException.class),
                new Case(400, "{\"error\":{\"message\":\"Invalid value for temperature\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}", InvalidRequestException.class),
                new Case(400, "{\"error\":{\"message\":\"The response was filtered\",\"code\":\"content_filter\"}}", ContentFilteredException.class),
                new Case(408, "{\"error\":{\"message\":\"Request timed out\"}}", TimeoutException.class));
        for (Case c : cases) {
            server.enqueue(Reply.json(c.status(), c.body()));
            Throwable error = catchThrowable(() -> TestModels.chat(server, wire).build().chat(HELLO));
            String upstream = c.body().replaceAll(".*\"message\":\"([^\"]*)\".*", "$1");
            assertThat(error).as("HTTP %s", c.status()).isInstanceOf(c.type()).hasMessageContaining(upstream);
        }
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void malformedBody(WireApi wire) {
        server.enqueue(Reply.json(200, "{\"id\":\"x\",\"choices\":[{\"message\":"));

        Throwable error = catchThrowable(() -> TestModels.chat(server, wire).listeners(listener).build().chat(HELLO));

        assertThat(error).isInstanceOf(InternalServerException.class).hasMessageContaining("not a valid");
        assertOneError(error);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void malformedStreamEvent(WireApi wire) throws Exception {
        List<String> events = Fixtures.slice(wire == WireApi.CHAT_COMPLETIONS
                ? Fixtures.chatStream(Turn.text("a")) : Fixtures.responsesStream(Turn.text("a")), 0, 2);
        events.add("data: {\"choices\":[{\"delta\":\n\n");
        server.enqueue(Reply.sse(events).malformed());

        Throwable error = call(wire, true);

        assertThat(error).isInstanceOf(InternalServerException.class).hasMessageContaining("not a valid");
        assertOneError(error);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamDroppedMidway(WireApi wire) throws Exception {
        List<String> events = wire == WireApi.CHAT_COMPLETIONS
                ? Fixtures.chatStream(Turn.text("a", "b", "c")) : Fixtures.responsesStream(Turn.text("a", "b", "c"));
        server.enqueue(Reply.sse(events).abortAfter(4));

        Throwable error = call(wire, true);

        assertThat(error).isInstanceOf(InternalServerException.class).hasMessageContaining("the stream was cut");
        assertOneError(error);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamEndingWithoutItsTerminalEventIsNeverComplete(WireApi wire) throws Exception {
        List<String> events = wire == WireApi.CHAT_COMPLETIONS
                ? Fixtures.chatStream(Turn.text("a", "b", "c")) : Fixtures.responsesStream(Turn.text("a", "b", "c"));
        server.enqueue(Reply.sse(Fixtures.slice(events, 0, 4)));

        Throwable error = call(wire, true);

        assertThat(error).isInstanceOf(InternalServerException.class).hasMessageContaining("ended before");
        assertOneError(error);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void errorInsideTheStream(WireApi wire) throws Exception {
        List<String> events = Fixtures.slice(wire == WireApi.CHAT_COMPLETIONS
                ? Fixtures.chatStream(Turn.text("a")) : Fixtures.responsesStream(Turn.text("a")), 0, 2);
        events.add(wire == WireApi.CHAT_COMPLETIONS
                ? Fixtures.data("{\"error\":{\"message\":\"Rate limit exceeded mid-stream\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}")
                : "event: response.failed\n" + Fixtures.data("{\"type\":\"response.failed\",\"sequence_number\":2,\"response\":{\"id\":\"resp_stream01\","
                        + "\"object\":\"response\",\"status\":\"failed\",\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Rate limit exceeded mid-stream\"},"
                        + "\"output\":[]}}"));
        server.enqueue(Reply.sse(events));

        Throwable error = call(wire, true);

        assertThat(error).isInstanceOf(RateLimitException.class).hasMessageContaining("Rate limit exceeded mid-stream");
        assertOneError(error);
    }

    @ParameterizedTest
    @MethodSource("wiresAndModes")
    void noAnswerInTimeIsATimeout(WireApi wire, boolean stream) throws Exception {
        server.enqueue(reply(wire, Turn.text("late"), stream).delay(Duration.ofSeconds(2)));

        Throwable error = call(wire, stream, Duration.ofMillis(300), 0);

        assertThat(error).isInstanceOf(TimeoutException.class);
        assertOneError(error);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void aStreamThatStallsTimesOut(WireApi wire) throws Exception {
        server.enqueue(reply(wire, Turn.text("a", "b"), true).stallAfter(2, Duration.ofSeconds(3)));

        Throwable error = call(wire, true, Duration.ofMillis(400), 0);

        assertThat(error).isInstanceOf(TimeoutException.class).hasMessageContaining("silent");
        assertOneError(error);
    }

    @Test
    void fieldsTheWireCannotCarryAreRejectedBeforeSending() throws Exception {
        ChatRequest withStop = ChatRequest.builder().messages(UserMessage.from("count")).stopSequences(List.of("3")).build();

        Throwable error = catchThrowable(() -> TestModels.chat(server, WireApi.RESPONSES).listeners(listener).build().chat(withStop));

        assertThat(error).isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("$.stop");
        assertOneError(error);

        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();
        TestModels.streaming(server, WireApi.CHAT_COMPLETIONS).build().chat(ChatRequest.builder().messages(UserMessage.from("x"))
                .parameters(CrosswalkChatRequestParameters.builder().previousResponseId("resp_1").build()).build(), handler);
        assertThat(handler.awaitError()).isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("previousResponseId");
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("wiresAndModes")
    void listenersSeeTheRequestAndTheResponseOnce(WireApi wire, boolean stream) throws Exception {
        server.enqueue(reply(wire, Turn.text("hi"), stream));

        assertThat(call(wire, stream)).isNull();

        assertThat(listener.requests).singleElement().satisfies(r -> {
            assertThat(r.chatRequest().messages()).isEqualTo(HELLO.messages());
            assertThat(((CrosswalkChatRequestParameters) r.chatRequest().parameters()).wireApi()).isEqualTo(wire);
        });
        assertThat(listener.responses).singleElement().satisfies(r -> assertThat(r.chatResponse().aiMessage().text()).isEqualTo("hi"));
        assertThat(listener.errors).isEmpty();
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    static final class RecordingListener implements ChatModelListener {
        final List<ChatModelRequestContext> requests = new CopyOnWriteArrayList<>();
        final List<ChatModelResponseContext> responses = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(ChatModelRequestContext context) {
            requests.add(context);
        }

        @Override
        public void onResponse(ChatModelResponseContext context) {
            responses.add(context);
        }

        @Override
        public void onError(ChatModelErrorContext context) {
            errors.add(context.error());
        }
    }

}
