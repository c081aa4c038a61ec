package dev.crosswalk.springai.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import dev.crosswalk.springai.CrosswalkApi;
import dev.crosswalk.springai.CrosswalkChatModel;

import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
 * <p>Both beans back off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnProperty(name = SpringAIModelProperties.CHAT_MODEL, havingValue = CrosswalkChatAutoConfiguration.MODEL_ID)
@EnableConfigurationProperties({ CrosswalkConnectionProperties.class, CrosswalkChatProperties.class })
public class CrosswalkChatAutoConfiguration {

    /** The value of {@code spring.ai.model.chat} that turns this configuration on. */
    public static final String MODEL_ID = "crosswalk";

    @Bean
    @ConditionalOnMissingBean
    public CrosswalkApi crosswalkApi(CrosswalkConnectionProperties properties) {
        CrosswalkConnectionProperties.Retry retry = properties.getRetry();
        return CrosswalkApi.builder()
                .baseUrl(properties.getBaseUrl())
                .apiKey(properties.getApiKey())
                .chatCompletionsPath(properties.getChatCompletionsPath())
                .responsesPath(properties.getResponsesPath())
                .headers(properties.getHeaders())
                .connectTimeout(properties.getConnectTimeout())
                .readTimeout(properties.getReadTimeout())
                .retry(retry.getMaxRetries(), retry.getDelay(), retry.getMultiplier(), retry.getMaxDelay())
                .build();
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
}
