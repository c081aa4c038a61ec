package dev.crosswalk.springai.autoconfigure;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.crosswalk.springai.CrosswalkApi;
import dev.crosswalk.springai.CrosswalkChatModel;
import dev.crosswalk.springai.CrosswalkChatOptions;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.json.JsonCodec;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration: opt-in, bound properties, backing off, living next to other chat models. */
class CrosswalkChatAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrosswalkChatAutoConfiguration.class));

    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private FakeOpenAi server;

    @BeforeEach
    void startUpstream() {
        server = kit.upstream().otherwise(request -> Reply.json(
                "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1741476542,\"status\":\"completed\","
                + "\"model\":\"gpt-test\",\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\","
                + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"bound\",\"annotations\":[]}]}],"
                + "\"usage\":{\"input_tokens\":3,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":1,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":4}}"));
    }

    @Test
    void offUnlessChosen() {
        runner.run(context -> assertThat(context).doesNotHaveBean(CrosswalkChatModel.class)
                .doesNotHaveBean(CrosswalkApi.class));
        runner.withPropertyValues("spring.ai.model.chat=openai")
                .run(context -> assertThat(context).doesNotHaveBean(CrosswalkChatModel.class));
    }

    @Test
    void onWithDefaults() {
        runner.withPropertyValues("spring.ai.model.chat=crosswalk").run(context -> {
            assertThat(context).hasSingleBean(CrosswalkChatModel.class).hasSingleBean(CrosswalkApi.class);
            CrosswalkChatOptions options = context.getBean(CrosswalkChatModel.class).getOptions();
            assertThat(options.getWireApi()).isEqualTo(WireApi.CHAT_COMPLETIONS);
            assertThat(context.getBean(CrosswalkApi.class).toString()).contains("https://api.openai.com");
        });
    }

    @Test
    void propertiesAreBoundAndReachTheWire() {
        String base = server.origin();
        runner.withPropertyValues("spring.ai.model.chat=crosswalk",
                        "spring.ai.crosswalk.base-url=" + base,
                        "spring.ai.crosswalk.api-key=sk-bound-key-123456",
                        "spring.ai.crosswalk.responses-path=/gateway/v1/responses",
                        "spring.ai.crosswalk.headers.X-Tenant=acme",
                        "spring.ai.crosswalk.read-timeout=7s",
                        "spring.ai.crosswalk.retry.max-retries=0",
                        "spring.ai.crosswalk.chat.wire-api=responses",
                        "spring.ai.crosswalk.chat.model=gpt-bound",
                        "spring.ai.crosswalk.chat.temperature=0.25",
                        "spring.ai.crosswalk.chat.max-tokens=256",
                        "spring.ai.crosswalk.chat.reasoning-effort=low",
                        "spring.ai.crosswalk.chat.reasoning-summary=auto",
                        "spring.ai.crosswalk.chat.metadata.team=search",
                        "spring.ai.crosswalk.chat.extra-body.safety_identifier=user-hash",
                        "spring.ai.crosswalk.chat.lenient=true")
                .run(context -> {
                    CrosswalkConnectionProperties connection = context.getBean(CrosswalkConnectionProperties.class);
                    assertThat(connection.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(connection.getRetry().getMaxRetries()).isZero();
                    assertThat(connection.toString()).doesNotContain("sk-bound-key-123456");
                    CrosswalkChatModel model = context.getBean(CrosswalkChatModel.class);
                    CrosswalkChatOptions options = model.getOptions();
                    assertThat(options.getWireApi()).isEqualTo(WireApi.RESPONSES);
                    assertThat(options.getModel()).isEqualTo("gpt-bound");
                    assertThat(options.getTemperature()).isEqualTo(0.25);
                    assertThat(options.getMaxTokens()).isEqualTo(256);
                    assertThat(options.getMetadata()).containsEntry("team", "search");

                    // lenient: topK is left out rather than failing the call
                    ChatResponse response = model.call(new Prompt("Hi",
                            CrosswalkChatOptions.builder().topK(3).build()));

                    assertThat(response.getResult().getOutput().getText()).isEqualTo("bound");
                    assertThat(server.last().path()).isEqualTo("/gateway/v1/responses");
                    assertThat(server.last().header("X-Tenant")).isEqualTo("acme");
                    assertThat(server.last().header("Authorization")).isEqualTo("Bearer sk-bound-key-123456");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> body = (Map<String, Object>) JsonCodec.jackson3().readTree(server.last().body());
                    assertThat(body).containsEntry("model", "gpt-bound").containsEntry("max_output_tokens", 256)
                            .containsEntry("safety_identifier", "user-hash").doesNotContainKey("top_k");
                    assertThat(body.get("reasoning")).isEqualTo(Map.of("effort", "low", "summary", "auto"));
                });
    }

    @Test
    void startsFromBootsHttpClientBuildersAndCountsTokenUsage() {
        String base = server.baseUrl();
        runner.withPropertyValues("spring.ai.model.chat=crosswalk", "spring.ai.crosswalk.base-url=" + base,
                        "spring.ai.crosswalk.chat.wire-api=responses", "spring.ai.crosswalk.chat.model=gpt-test")
                .withUserConfiguration(ObservedHttpClientsConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(ChatModelMeterObservationHandler.class);
                    TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
                    registry.observationConfig()
                            .observationHandler(context.getBean(ChatModelMeterObservationHandler.class));

                    context.getBean(CrosswalkChatModel.class).call(new Prompt("Hi"));

                    assertThat(server.last().path()).isEqualTo("/v1/responses");
                    TestObservationRegistryAssert.assertThat(registry)
                            .hasObservationWithNameEqualTo("http.client.requests").that()
                            .hasLowCardinalityKeyValue("method", "POST")
                            .hasParentObservationContextMatching(p -> p instanceof ChatModelObservationContext);
                    TestObservationRegistryAssert.assertThat(registry)
                            .hasObservationWithNameEqualTo("gen_ai.client.operation");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counter()
                            .count()).isEqualTo(3.0);
                    assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").counter()
                            .count()).isEqualTo(1.0);
                });
    }

    @Test
    void coexistsWithAnotherChatModel() {
        runner.withPropertyValues("spring.ai.model.chat=crosswalk")
                .withUserConfiguration(OtherChatModelConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(CrosswalkChatModel.class);
                    assertThat(context.getBeansOfType(ChatModel.class)).containsOnlyKeys("otherChatModel",
                            "crosswalkChatModel");
                });
    }

    @Test
    void backsOffForTheApplicationsOwnBeans() {
        runner.withPropertyValues("spring.ai.model.chat=crosswalk")
                .withUserConfiguration(OwnCrosswalkConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(CrosswalkChatModel.class).hasSingleBean(CrosswalkApi.class);
                    assertThat(context.getBean(CrosswalkChatModel.class).getOptions().getModel()).isEqualTo("mine");
                    assertThat(context.getBean(CrosswalkApi.class).toString()).contains("http://own.example");
                });
    }

    @Test
    void isRegisteredAndDescribedForIdes() throws IOException {
        List<String> imports = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates();
        assertThat(imports).contains(CrosswalkChatAutoConfiguration.class.getName());
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated configuration metadata").isNotNull();
            String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(metadata).contains("\"spring.ai.crosswalk.api-key\"", "\"spring.ai.crosswalk.base-url\"",
                    "\"spring.ai.crosswalk.retry.max-retries\"", "\"spring.ai.crosswalk.chat.wire-api\"",
                    "\"spring.ai.crosswalk.chat.reasoning-summary\"", "\"spring.ai.crosswalk.chat.extra-body\"");
        }
    }

    /** What Boot's observation, metrics and HTTP client auto-configurations would contribute. */
    @Configuration(proxyBeanMethods = false)
    static class ObservedHttpClientsConfiguration {
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        RestClient.Builder restClientBuilder(TestObservationRegistry registry) {
            return RestClient.builder().observationRegistry(registry);
        }

        @Bean
        WebClient.Builder webClientBuilder(TestObservationRegistry registry) {
            return WebClient.builder().observationRegistry(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OtherChatModelConfiguration {
        @Bean
        ChatModel otherChatModel() {
            return prompt -> new ChatResponse(List.of(new Generation(new AssistantMessage("other"))));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCrosswalkConfiguration {
        @Bean
        CrosswalkApi ownApi() {
            return CrosswalkApi.builder().baseUrl("http://own.example").build();
        }

        @Bean
        CrosswalkChatModel ownModel(CrosswalkApi api) {
            return CrosswalkChatModel.builder().api(api)
                    .options(CrosswalkChatOptions.builder().model("mine").build()).build();
        }
    }
}
