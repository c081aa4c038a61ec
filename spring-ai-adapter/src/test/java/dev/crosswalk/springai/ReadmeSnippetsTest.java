package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.testkit.Reply;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.ReadmeSnippets;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

import dev.crosswalk.springai.TestSupport.WeatherTools;
import dev.crosswalk.springai.autoconfigure.CrosswalkChatAutoConfiguration;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every snippet of the README's Spring AI section lives here, between {@code tag::} and {@code end::} comments,
 * compiled and run against a local upstream; the README must show each one exactly (see {@link #readmeShowsTheSnippets}).
 * Properties snippets are the files under {@code src/test/resources/readme/}.
 */
class ReadmeSnippetsTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final String SECTION = "## Quick start: Spring AI";
    private static final String PREFIX = "spring-ai/";

    private final FakeOpenAi upstream = kit.upstream();

    record Forecast(String city, int temperature) {
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void chatClient(WireApi wire) {
        ChatClient chatClient = ChatClient.create(TestSupport.model(upstream, wire));
        String forecastSchema = new BeanOutputConverter<>(Forecast.class).getJsonSchema();
        TestSupport.toolCalls(upstream, wire, new Fixtures.Call("call_1", "weather", "{\"city\":\"Paris\"}"));
        TestSupport.text(upstream, wire, "Sunny, 18 degrees.");
        TestSupport.text(upstream, wire, "{\"city\":\"Paris\",\"temperature\":18}");
        // the Fluxes are subscribed below, in this order
        TestSupport.textStream(upstream, wire, "Once upon", " a time.");
        TestSupport.textStream(upstream, wire, "{\"city\":\"Paris\",", "\"temperature\":18}");

        // tag::chat-client[]
        String answer = chatClient.prompt("Weather in Paris?").tools(new WeatherTools()).call().content();
        Flux<String> pieces = chatClient.prompt("Tell me a story").stream().content();
        Forecast forecast = chatClient.prompt("Weather in Paris?").call()
                .entity(Forecast.class, spec -> spec.useProviderStructuredOutput());   // response_format / text.format

        // Spring AI's portable options, from their own builders, reach the wire too (streamed or not)
        Flux<String> json = chatClient.prompt("Weather in Paris?")
                .options(StructuredOutputChatOptions.builder().outputSchema(forecastSchema).temperature(0.2))
                .stream().content();
        // end::chat-client[]

        assertThat(answer).isEqualTo("Sunny, 18 degrees.");
        assertThat(String.join("", pieces.collectList().block())).isEqualTo("Once upon a time.");
        assertThat(forecast).isEqualTo(new Forecast("Paris", 18));
        assertThat(String.join("", json.collectList().block())).isEqualTo("{\"city\":\"Paris\",\"temperature\":18}");
        Map<String, Object> last = upstream.last().json();
        assertThat(last.get("temperature")).hasToString("0.2");
        assertThat(last.containsKey("response_format") || last.containsKey("text")).isTrue();
        assertThat(upstream.requests()).hasSize(5);
    }

    @Test
    void previousResponseId() {
        ChatClient chatClient = ChatClient.create(TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS));
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json(200, Fixtures.responsesText("Hello Ada.")));
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json(200, Fixtures.responsesText("Ada.")));

        // tag::previous-response-id[]
        ChatResponse first = chatClient.prompt("My name is Ada.")
                .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).store(true))
                .call().chatResponse();
        String name = chatClient.prompt("What is my name?")
                .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES)
                        .previousResponseId(first.getMetadata().getId()))            // resp_...
                .call().content();
        // end::previous-response-id[]

        assertThat(name).isEqualTo("Ada.");
        assertThat(upstream.request(0).json()).containsEntry("store", true);
        assertThat(upstream.request(1).json())
                .containsEntry("previous_response_id", "resp_67ccd2bed1ec8190b14f964abc054267");
    }

    @Test
    void memory() {
        CrosswalkChatModel crosswalkChatModel = TestSupport.model(upstream, WireApi.RESPONSES);
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json(200, Fixtures.responsesText("Hello Ada.")));

        // tag::memory[]
        ChatClient assistant = ChatClient.builder(crosswalkChatModel)
                .defaultAdvisors(PreviousResponseChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
                .build();
        String reply = assistant.prompt("My name is Ada.")
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "user-42"))
                .call().content();
        // end::memory[]

        assertThat(reply).isEqualTo("Hello Ada.");
        assertThat(upstream.last().json()).containsEntry("store", true);
    }

    @Test
    void withoutBoot() {
        ObservationRegistry observationRegistry = ObservationRegistry.create();

        // tag::without-boot[]
        CrosswalkChatModel crosswalkChatModel = CrosswalkChatModel.builder()
                .api(CrosswalkApi.builder()
                        .baseUrl("https://api.openai.com/v1")                      // with or without /v1
                        .apiKey(System.getenv("OPENAI_API_KEY"))
                        .maxRetries(3)
                        .build())
                .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).model("gpt-5-mini").build())
                .observationRegistry(observationRegistry)
                .build();
        // end::without-boot[]

        assertThat(crosswalkChatModel.getOptions().getWireApi()).isEqualTo(WireApi.RESPONSES);
        assertThat(crosswalkChatModel.toString()).contains("https://api.openai.com/v1/responses")
                .doesNotContain("/v1/v1");
    }

    @Test
    void propertiesSnippetsConfigureAWorkingModel() throws IOException {
        for (String name : List.of("chat-completions.properties", "responses.properties")) {
            Map<String, String> properties = properties(name);
            boolean responses = "responses".equals(properties.get("spring.ai.crosswalk.chat.wire-api"));
            upstream.enqueue(responses ? FakeOpenAi.RESPONSES : FakeOpenAi.CHAT, Reply.json(200,
                    responses ? Fixtures.responsesText("ok") : Fixtures.chatCompletion("ok")));
            List<String> values = new ArrayList<>();
            properties.forEach((k, v) -> values.add(k + "=" + v));
            values.add("OPENAI_API_KEY=sk-test-from-env-0123456789");
            // the snippet's endpoint, moved to the local upstream (with /v1, as in the first snippet)
            values.add("spring.ai.crosswalk.base-url=" + upstream.origin() + "/v1");

            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(CrosswalkChatAutoConfiguration.class))
                    .withPropertyValues(values.toArray(String[]::new))
                    .run(context -> {
                        String text = context.getBean(CrosswalkChatModel.class).call(new Prompt("Hi"))
                                .getResult().getOutput().getText();
                        assertThat(text).isEqualTo("ok");
                    });

            FakeOpenAi.Recorded sent = upstream.last();
            assertThat(sent.path()).isEqualTo(responses ? FakeOpenAi.RESPONSES : FakeOpenAi.CHAT);
            assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test-from-env-0123456789");
            assertThat(sent.json()).containsEntry("model", properties.get("spring.ai.crosswalk.chat.model"));
        }
    }

    private static Map<String, String> properties(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ReadmeSnippetsTest.class.getResourceAsStream("/readme/" + name)) {
            p.load(in);
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    // ---------------------------------------------------------------- the README shows exactly these snippets

    @Test
    void readmeShowsTheSnippets() throws IOException {
        UnaryOperator<String> regions = ReadmeSnippets.regionsOf(getClass());
        ReadmeSnippets.check(Path.of("..", "README.md"), SECTION, PREFIX, ReadmeSnippets.testSource(getClass()),
                name -> name.endsWith(".properties") ? resource(name) : regions.apply(name));
    }

    private static String resource(String name) {
        try (InputStream in = ReadmeSnippetsTest.class.getResourceAsStream("/readme/" + name)) {
            assertThat(in).as("snippet file readme/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
