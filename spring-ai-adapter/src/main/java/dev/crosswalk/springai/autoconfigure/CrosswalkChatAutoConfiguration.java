package dev.crosswalk.springai.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.crosswalk.springai.CrosswalkApi;
import dev.crosswalk.springai.CrosswalkChatModel;

import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Boot auto-configuration of a {@link CrosswalkChatModel}. Opt-in, so that it never competes with the official
 * OpenAI starter (which claims the chat model when {@code spring.ai.model.chat} is unset):
 *
 * <pre>
 * spring.ai.model.chat=crosswalk
 * spring.ai.crosswalk.api-key=${OPENAI_API_KEY}
 * spring.ai.crosswalk.chat.wire-api=responses
 * spring.ai.crosswalk.chat.model=gpt-5-mini
 * </pre>
 *
 * <p>Both beans back off when the application defines its own. The HTTP clients start from Boot's
 * {@link RestClient.Builder} and {@link WebClient.Builder} beans when there are such beans, so that Boot's HTTP
 * client observations (and the tracing headers they propagate) cover every request; with a {@link MeterRegistry},
 * Spring AI's {@link ChatModelMeterObservationHandler} records the {@code gen_ai.client.token.usage} meter, as with
 * Spring AI's own models.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
        "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration" })
@ConditionalOnProperty(name = SpringAIModelProperties.CHAT_MODEL, havingValue = CrosswalkChatAutoConfiguration.MODEL_ID)
@EnableConfigurationProperties({ CrosswalkConnectionProperties.class, CrosswalkChatProperties.class })
public class CrosswalkChatAutoConfiguration {

    /** The value of {@code spring.ai.model.chat} that turns this configuration on. */
    public static final String MODEL_ID = "crosswalk";

    @Bean
    @ConditionalOnMissingBean
    public CrosswalkApi crosswalkApi(CrosswalkConnectionProperties properties,
            ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<WebClient.Builder> webClientBuilder) {
        CrosswalkConnectionProperties.Retry retry = properties.getRetry();
        CrosswalkApi.Builder api = CrosswalkApi.builder()
                .baseUrl(properties.getBaseUrl())
                .apiKey(properties.getApiKey())
                .chatCompletionsPath(properties.getChatCompletionsPath())
                .responsesPath(properties.getResponsesPath())
                .headers(properties.getHeaders())
                .connectTimeout(properties.getConnectTimeout())
                .readTimeout(properties.getReadTimeout())
                .retry(retry.getMaxRetries(), retry.getDelay(), retry.getMultiplier(), retry.getMaxDelay());
        restClientBuilder.ifUnique(api::restClientBuilder);
        webClientBuilder.ifUnique(api::webClientBuilder);
        return api.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public CrosswalkChatModel crosswalkChatModel(CrosswalkApi crosswalkApi, CrosswalkChatProperties properties,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<ChatModelObservationConvention> observationConvention) {
        CrosswalkChatModel model = CrosswalkChatModel.builder()
                .api(crosswalkApi)
                .options(properties.toOptions())
                .lenient(properties.isLenient())
                .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
                .build();
        observationConvention.ifAvailable(model::setObservationConvention);
        return model;
    }

    /** The token-usage meter, unless Spring AI's own chat observation configuration already registered it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class TokenUsageMeterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(MeterRegistry.class)
        ChatModelMeterObservationHandler chatModelMeterObservationHandler(ObjectProvider<MeterRegistry> meterRegistry) {
            return new ChatModelMeterObservationHandler(meterRegistry.getObject());
        }
    }
}
