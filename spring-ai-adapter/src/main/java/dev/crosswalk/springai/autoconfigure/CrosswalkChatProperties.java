package dev.crosswalk.springai.autoconfigure;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.crosswalk.springai.CrosswalkChatOptions;
import dev.crosswalk.translator.WireApi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chat model's wire API and default options, flattened as in Spring AI 2.0: {@code spring.ai.crosswalk.chat.*}.
 *
 * <pre>
 * spring.ai.model.chat=crosswalk
 * spring.ai.crosswalk.chat.wire-api=responses
 * spring.ai.crosswalk.chat.model=gpt-5-mini
 * spring.ai.crosswalk.chat.reasoning-effort=low
 * </pre>
 */
@ConfigurationProperties(CrosswalkChatProperties.PREFIX)
public class CrosswalkChatProperties {

    public static final String PREFIX = "spring.ai.crosswalk.chat";

    /** The protocol the endpoint speaks; a call can override it with CrosswalkChatOptions. */
    private WireApi wireApi = WireApi.CHAT_COMPLETIONS;

    /**
     * Leave out, with a warning, options and content the chosen wire cannot carry (topK anywhere; stop and
     * penalties on Responses; reasoning summary, previous response id and include on Chat Completions), instead of
     * failing the call.
     */
    private boolean lenient;

    /** Model name. */
    private @Nullable String model;

    /** Sampling temperature. */
    private @Nullable Double temperature;

    /** Nucleus sampling probability mass. */
    private @Nullable Double topP;

    /** Most tokens to generate (max_tokens on Chat Completions, max_output_tokens on Responses). */
    private @Nullable Integer maxTokens;

    /** Stop sequences (Chat Completions only). */
    private @Nullable List<String> stop;

    /** Frequency penalty (Chat Completions only). */
    private @Nullable Double frequencyPenalty;

    /** Presence penalty (Chat Completions only). */
    private @Nullable Double presencePenalty;

    /** Tool choice: auto, none, required, a tool's name, or a tool choice object as JSON. */
    private @Nullable String toolChoice;

    /** Whether the model may call several tools in one turn. */
    private @Nullable Boolean parallelToolCalls;

    /** Reasoning effort: minimal, low, medium or high. */
    private @Nullable String reasoningEffort;

    /** Reasoning summary: auto, concise or detailed (Responses only). */
    private @Nullable String reasoningSummary;

    /** Verbosity of the answer: low, medium or high. */
    private @Nullable String verbosity;

    /** Whether the upstream stores the exchange (false when unset, on both wires). */
    private @Nullable Boolean store;

    /** Extra output to include (Responses only), e.g. reasoning.encrypted_content. */
    private @Nullable List<String> include;

    /** Metadata attached to each request. */
    private @Nullable Map<String, String> metadata;

    /** End-user identifier. */
    private @Nullable String user;

    /** Service tier: auto, default, flex, priority. */
    private @Nullable String serviceTier;

    /** Prompt cache key. */
    private @Nullable String promptCacheKey;

    /** Fields added to every request body as given, for servers with extensions of their own. */
    private @Nullable Map<String, Object> extraBody;

    /** These properties as the model's default options. */
    public CrosswalkChatOptions toOptions() {
        return CrosswalkChatOptions.builder()
                .wireApi(wireApi).model(model).temperature(temperature).topP(topP).maxTokens(maxTokens)
                .stopSequences(stop).frequencyPenalty(frequencyPenalty).presencePenalty(presencePenalty)
                .toolChoice(toolChoice).parallelToolCalls(parallelToolCalls).reasoningEffort(reasoningEffort)
                .reasoningSummary(reasoningSummary).verbosity(verbosity).store(store).include(include)
                .metadata(metadata).user(user).serviceTier(serviceTier).promptCacheKey(promptCacheKey)
                .extraBody(extraBody)
                .build();
    }

    public WireApi getWireApi() {
        return wireApi;
    }

    public void setWireApi(WireApi wireApi) {
        this.wireApi = wireApi;
    }

    public boolean isLenient() {
        return lenient;
    }

    public void setLenient(boolean lenient) {
        this.lenient = lenient;
    }

    public @Nullable String getModel() {
        return model;
    }

    public void setModel(@Nullable String model) {
        this.model = model;
    }

    public @Nullable Double getTemperature() {
        return temperature;
    }

    public void setTemperature(@Nullable Double temperature) {
        this.temperature = temperature;
    }

    public @Nullable Double getTopP() {
        return topP;
    }

    public void setTopP(@Nullable Double topP) {
        this.topP = topP;
    }

    public @Nullable Integer getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(@Nullable Integer maxTokens) {
        this.maxTokens = maxTokens;
    }

    public @Nullable List<String> getStop() {
        return stop;
    }

    public void setStop(@Nullable List<String> stop) {
        this.stop = stop;
    }

    public @Nullable Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    public void setFrequencyPenalty(@Nullable Double frequencyPenalty) {
        this.frequencyPenalty = frequencyPenalty;
    }

    public @Nullable Double getPresencePenalty() {
        return presencePenalty;
    }

    public void setPresencePenalty(@Nullable Double presencePenalty) {
        this.presencePenalty = presencePenalty;
    }

    public @Nullable String getToolChoice() {
        return toolChoice;
    }

    public void setToolChoice(@Nullable String toolChoice) {
        this.toolChoice = toolChoice;
    }

    public @Nullable Boolean getParallelToolCalls() {
        return parallelToolCalls;
    }

    public void setParallelToolCalls(@Nullable Boolean parallelToolCalls) {
        this.parallelToolCalls = parallelToolCalls;
    }

    public @Nullable String getReasoningEffort() {
        return reasoningEffort;
    }

    public void setReasoningEffort(@Nullable String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
    }

    public @Nullable String getReasoningSummary() {
        return reasoningSummary;
    }

    public void setReasoningSummary(@Nullable String reasoningSummary) {
        this.reasoningSummary = reasoningSummary;
    }

    public @Nullable String getVerbosity() {
        return verbosity;
    }

    public void setVerbosity(@Nullable String verbosity) {
        this.verbosity = verbosity;
    }

    public @Nullable Boolean getStore() {
        return store;
    }

    public void setStore(@Nullable Boolean store) {
        this.store = store;
    }

    public @Nullable List<String> getInclude() {
        return include;
    }

    public void setInclude(@Nullable List<String> include) {
        this.include = include;
    }

    public @Nullable Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(@Nullable Map<String, String> metadata) {
        this.metadata = metadata;
    }

    public @Nullable String getUser() {
        return user;
    }

    public void setUser(@Nullable String user) {
        this.user = user;
    }

    public @Nullable String getServiceTier() {
        return serviceTier;
    }

    public void setServiceTier(@Nullable String serviceTier) {
        this.serviceTier = serviceTier;
    }

    public @Nullable String getPromptCacheKey() {
        return promptCacheKey;
    }

    public void setPromptCacheKey(@Nullable String promptCacheKey) {
        this.promptCacheKey = promptCacheKey;
    }

    public @Nullable Map<String, Object> getExtraBody() {
        return extraBody;
    }

    public void setExtraBody(@Nullable Map<String, Object> extraBody) {
        this.extraBody = extraBody;
    }
}
