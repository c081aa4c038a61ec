package dev.crosswalk.springai;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;

/** The Micrometer observation of a call and of a stream, with Spring AI's chat-model convention. */
class ObservationTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();


    private FakeOpenAi upstream;
    private TestObservationRegistry registry;

    @BeforeEach
    void start() {
        upstream = kit.upstream();
        registry = TestObservationRegistry.create();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

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
