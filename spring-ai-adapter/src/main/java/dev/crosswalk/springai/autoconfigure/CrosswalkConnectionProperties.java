package dev.crosswalk.springai.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.crosswalk.springai.CrosswalkApi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the upstream is and how to reach it: {@code spring.ai.crosswalk.*}.
 *
 * <pre>
 * spring.ai.crosswalk.base-url=https://gateway.example
 * spring.ai.crosswalk.api-key=${GATEWAY_API_KEY}
 * spring.ai.crosswalk.read-timeout=2m
 * </pre>
 */
@ConfigurationProperties(CrosswalkConnectionProperties.PREFIX)
public class CrosswalkConnectionProperties {

    public static final String PREFIX = "spring.ai.crosswalk";

    /** Scheme, host and port of the endpoint, and a path prefix if it has one; a trailing /v1 may be given or not. */
    private String baseUrl = CrosswalkApi.DEFAULT_BASE_URL;

    /** API key, sent as a bearer token. Leave empty for endpoints without authentication. */
    private @Nullable String apiKey;

    /** Path of the Chat Completions endpoint. */
    private String chatCompletionsPath = CrosswalkApi.DEFAULT_CHAT_COMPLETIONS_PATH;

    /** Path of the Responses endpoint. */
    private String responsesPath = CrosswalkApi.DEFAULT_RESPONSES_PATH;

    /** Headers sent with every request, e.g. OpenAI-Organization or a gateway's own. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /** How long to wait for a connection. */
    private Duration connectTimeout = CrosswalkApi.DEFAULT_CONNECT_TIMEOUT;

    /** How long to wait for an answer; in a stream, the longest silence between two reads. */
    private Duration readTimeout = CrosswalkApi.DEFAULT_READ_TIMEOUT;

    /** Retries on 429, 5xx and connection failures. */
    private final Retry retry = new Retry();

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public @Nullable String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    public String getChatCompletionsPath() {
        return chatCompletionsPath;
    }

    public void setChatCompletionsPath(String chatCompletionsPath) {
        this.chatCompletionsPath = chatCompletionsPath;
    }

    public String getResponsesPath() {
        return responsesPath;
    }

    public void setResponsesPath(String responsesPath) {
        this.responsesPath = responsesPath;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Retry getRetry() {
        return retry;
    }

    @Override
    public String toString() {
        // The key is a secret: never printed, not even in a failure analysis.
        return "CrosswalkConnectionProperties{baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? null : "***")
                + ", chatCompletionsPath=" + chatCompletionsPath + ", responsesPath=" + responsesPath
                + ", headers=" + headers.keySet() + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + "}";
    }

    /** Retry settings: exponential back-off, and the upstream's Retry-After when it gives one (up to a minute). */
    public static class Retry {

        /** Retries after the first attempt; 0 turns retrying off. */
        private long maxRetries = CrosswalkApi.DEFAULT_MAX_RETRIES;

        /** Wait before the first retry. */
        private Duration delay = CrosswalkApi.DEFAULT_RETRY_DELAY;

        /** Factor applied to the wait after each retry. */
        private double multiplier = CrosswalkApi.DEFAULT_RETRY_MULTIPLIER;

        /** Longest wait between two attempts. */
        private Duration maxDelay = CrosswalkApi.DEFAULT_RETRY_MAX_DELAY;

        public long getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(long maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getDelay() {
            return delay;
        }

        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }
}
