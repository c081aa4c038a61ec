package dev.crosswalk.springai;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The Micrometer observation of a call and of a stream, with Spring AI's chat-model convention. */
class ObservationTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private final FakeOpenAi upstream = kit.upstream();
    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private CrosswalkChatModel model(WireApi wire) {
        return CrosswalkChatModel.builder().api(TestSupport.api(upstream).build())
                .options(CrosswalkChatOptions.builder().wireApi(wire).model("gpt-test").build())
                .observationRegistry(registry).build();
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void callIsObservedWithTheChatModelConvention(WireApi wire) {
        TestSupport.text(upstream, wire, "Hi!");

        model(wire).call(new Prompt("Hello"));

        assertObserved(false);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamIsObservedWithTheChatModelConvention(WireApi wire) {
        TestSupport.textStream(upstream, wire, "Hi", "!");

        model(wire).stream(new Prompt("Hello")).blockLast();

        assertObserved(true);
    }

    /**
     * With HTTP client builders that observe (as Boot's beans do), every request is also an HTTP client observation,
     * a child of the chat model's, so traces show the upstream call under the model call; with Spring AI's meter
     * handler, the token usage is counted as Spring AI's own models have it.
     */
    @ParameterizedTest
    @EnumSource(WireApi.class)
    void httpClientObservationsAndTokenUsageMeter(WireApi wire) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        registry.observationConfig().observationHandler(new ChatModelMeterObservationHandler(meters));
        CrosswalkChatModel model = CrosswalkChatModel.builder()
                .api(TestSupport.api(upstream)
                        .restClientBuilder(RestClient.builder().observationRegistry(registry))
                        .webClientBuilder(WebClient.builder().observationRegistry(registry))
                        .build())
                .options(CrosswalkChatOptions.builder().wireApi(wire).model("gpt-test").build())
                .observationRegistry(registry).build();
        TestSupport.text(upstream, wire, "Hi!");
        TestSupport.textStream(upstream, wire, "Hi", "!");

        model.call(new Prompt("Hello"));
        model.stream(new Prompt("Hello")).blockLast();

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo("http.client.requests", 2)
                .hasNumberOfObservationsWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME, 2)
                .hasObservationWithNameEqualTo("http.client.requests")
                .that()
                .hasLowCardinalityKeyValue("uri", "none")
                .hasLowCardinalityKeyValue("status", "200")
                .hasLowCardinalityKeyValue("method", "POST")
                .hasParentObservationContextMatching(parent -> parent instanceof ChatModelObservationContext)
                .hasBeenStopped();
        TestObservationRegistryAssert.assertThat(registry).forAllObservationsWithNameEqualTo("http.client.requests",
                http -> http.hasParentObservationContextMatching(
                        parent -> parent instanceof ChatModelObservationContext));

        Counter input = meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                .tag("gen_ai.request.model", "gpt-test").counter();
        assertThat(input).as("gen_ai.client.token.usage input").isNotNull();
        assertThat(input.count()).as("two calls' input tokens").isPositive();
        assertThat(meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").counter()).isNotNull();
        assertThat(meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "total").counter()).isNotNull();
    }

    private void assertObserved(boolean streaming) {
        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
                .that()
                .hasContextualNameEqualTo("chat gpt-test")
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                .hasLowCardinalityKeyValue("gen_ai.system", "openai")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-test")
                .hasLowCardinalityKeyValue("gen_ai.response.model", Fixtures.MODEL)
                .hasHighCardinalityKeyValueWithKey("gen_ai.usage.input_tokens")
                .hasBeenStarted()
                .hasBeenStopped()
                .doesNotHaveError()
                .matches(context -> ((ChatModelObservationContext) context).isStreaming() == streaming, "streaming");
    }
}
