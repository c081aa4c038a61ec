package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.crosswalk.testkit.Reply;

import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A base URL means the same with or without {@code /v1}, as in OpenAI's SDKs, Spring AI, LangChain4j and the bridge. */
class BaseUrlTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private final FakeOpenAi upstream = kit.upstream();

    private CrosswalkChatModel model(String baseUrl, WireApi wire) {
        return CrosswalkChatModel.builder()
                .api(CrosswalkApi.builder().baseUrl(baseUrl).apiKey(TestSupport.API_KEY).maxRetries(0).build())
                .options(CrosswalkChatOptions.builder().wireApi(wire).model("gpt-test").build())
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/", "/v1", "/v1/" })
    void withOrWithoutV1TheSameEndpointIsCalled(String suffix) {
        for (WireApi wire : WireApi.values()) {
            TestSupport.text(upstream, wire, "ok");
            TestSupport.textStream(upstream, wire, "o", "k");
            CrosswalkChatModel model = model(upstream.origin() + suffix, wire);

            assertThat(model.call(new Prompt("hi")).getResult().getOutput().getText()).isEqualTo("ok");
            model.stream(new Prompt("hi")).blockLast();

            assertThat(upstream.requests().subList(upstream.requests().size() - 2, upstream.requests().size()))
                    .extracting(FakeOpenAi.Recorded::path)
                    .containsOnly(TestSupport.path(wire));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/v1" })
    void errorsNameTheFullUrlCalled(String suffix) {
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json(400, "{\"error\":{\"message\":\"bad\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"bad_thing\"}}"));
        CrosswalkChatModel model = model(upstream.origin() + suffix, WireApi.RESPONSES);

        CrosswalkApiException e = catchThrowableOfType(CrosswalkApiException.class,
                () -> model.call(new Prompt("hi")));

        assertThat(e.getMessage()).contains("POST " + upstream.origin() + "/v1/responses").doesNotContain("/v1/v1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/v1" })
    void aStreamThatStallsNamesTheFullUrl(String suffix) {
        upstream.enqueue(FakeOpenAi.CHAT, Reply.sse(Fixtures.chatStream("a")).delay(Duration.ofSeconds(5)));
        CrosswalkChatModel model = CrosswalkChatModel.builder()
                .api(CrosswalkApi.builder().baseUrl(upstream.origin() + suffix).maxRetries(0)
                        .readTimeout(Duration.ofMillis(200)).build())
                .build();

        Throwable e = catchThrowableOfType(RuntimeException.class, () -> model.stream(new Prompt("hi")).blockLast());

        // whichever timer fires first (the connector's read timeout or the stream's idle check), the same answer
        assertThat(e).isInstanceOf(org.springframework.web.client.ResourceAccessException.class)
                .hasMessageContaining(upstream.origin() + "/v1/chat/completions");
    }

    @org.junit.jupiter.api.Test
    void joinNeverRepeatsV1() {
        assertThat(CrosswalkApi.join("https://h/v1", "/v1/responses")).isEqualTo("https://h/v1/responses");
        assertThat(CrosswalkApi.join("https://h", "/v1/responses")).isEqualTo("https://h/v1/responses");
        assertThat(CrosswalkApi.join("https://h/gateway", "/v1/responses")).isEqualTo("https://h/gateway/v1/responses");
        assertThat(CrosswalkApi.join("https://h/v1", "/responses")).isEqualTo("https://h/v1/responses");
        assertThat(CrosswalkApi.join("https://h/api/v1", "chat/completions")).isEqualTo("https://h/api/v1/chat/completions");
    }
}
