package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Options of a {@link CrosswalkChatModel}: the model's defaults, or one call's overrides. Immutable; build with
 * {@link #builder()}, derive with {@link #mutate()}.
 *
 * <pre>{@code
 * CrosswalkChatOptions defaults = CrosswalkChatOptions.builder()
 *         .wireApi(WireApi.CHAT_COMPLETIONS)
 *         .model("gpt-4.1-mini")
 *         .temperature(0.2)
 *         .build();
 *
 * // one call on the Responses wire, chaining from a response stored with store(true) (store defaults to false)
 * chatClient.prompt("And in French?")
 *         .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).previousResponseId(id))
 *         .call().content();
 * }</pre>
 *
 * <p>Some options exist on one wire only: {@code stopSequences}, {@code frequencyPenalty} and
 * {@code presencePenalty} on Chat Completions; {@code reasoningSummary}, {@code previousResponseId} and
 * {@code include} on Responses; {@code topK} on neither. Setting one for the other wire fails the call before
 * anything is sent, unless the model is {@linkplain CrosswalkChatModel.Builder#lenient(boolean) lenient}, when it is
 * left out with a warning in the log.
 */
public final class CrosswalkChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

    private final @Nullable WireApi wireApi;
    private final @Nullable String model;
    private final @Nullable Double temperature;
    private final @Nullable Double topP;
    private final @Nullable Integer topK;
    private final @Nullable Integer maxTokens;
    private final @Nullable List<String> stopSequences;
    private final @Nullable Double frequencyPenalty;
    private final @Nullable Double presencePenalty;
    private final @Nullable List<ToolCallback> toolCallbacks;
    private final @Nullable Map<String, Object> toolContext;
    private final @Nullable String toolChoice;
    private final @Nullable Boolean parallelToolCalls;
    private final @Nullable ResponseFormat responseFormat;
    private final @Nullable String reasoningEffort;
    private final @Nullable String reasoningSummary;
    private final @Nullable String verbosity;
    private final @Nullable Boolean store;
    private final @Nullable String previousResponseId;
    private final @Nullable List<String> include;
    private final @Nullable Map<String, String> metadata;
    private final @Nullable String user;
    private final @Nullable String serviceTier;
    private final @Nullable String promptCacheKey;
    private final @Nullable Map<String, Object> extraBody;

    private CrosswalkChatOptions(Builder b, @Nullable String model, @Nullable Double temperature,
            @Nullable Double topP, @Nullable Integer topK, @Nullable Integer maxTokens,
            @Nullable List<String> stopSequences, @Nullable Double frequencyPenalty, @Nullable Double presencePenalty,
            @Nullable List<ToolCallback> toolCallbacks, @Nullable Map<String, Object> toolContext) {
        this.wireApi = b.wireApi;
        this.model = model;
        this.temperature = temperature;
        this.topP = topP;
        this.topK = topK;
        this.maxTokens = maxTokens;
        this.stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
        this.frequencyPenalty = frequencyPenalty;
        this.presencePenalty = presencePenalty;
        this.toolCallbacks = toolCallbacks == null ? null : List.copyOf(toolCallbacks);
        this.toolContext = toolContext == null ? null : Map.copyOf(toolContext);
        this.toolChoice = b.toolChoice;
        this.parallelToolCalls = b.parallelToolCalls;
        this.responseFormat = b.responseFormat;
        this.reasoningEffort = b.reasoningEffort;
        this.reasoningSummary = b.reasoningSummary;
        this.verbosity = b.verbosity;
        this.store = b.store;
        this.previousResponseId = b.previousResponseId;
        this.include = b.include == null ? null : List.copyOf(b.include);
        this.metadata = b.metadata == null ? null : Map.copyOf(b.metadata);
        this.user = b.user;
        this.serviceTier = b.serviceTier;
        this.promptCacheKey = b.promptCacheKey;
        // extra_body values may be null on purpose (to send an explicit JSON null), so no Map.copyOf
        this.extraBody = b.extraBody == null ? null
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.extraBody));
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * These defaults with {@code overrides} laid over them by the {@linkplain Builder#combineWith one merge rule},
     * whatever the type of {@code overrides}: Spring AI's portable {@link ChatOptions}, {@link ToolCallingChatOptions}
     * and {@link StructuredOutputChatOptions} (another model's options, or Spring AI's defaults) give what they share
     * with these options.
     */
    static CrosswalkChatOptions overlay(CrosswalkChatOptions defaults, ChatOptions overrides) {
        return defaults.mutate().merge(overrides).build();
    }

    /** The protocol of the endpoint; {@code null} means the model's default. */
    public @Nullable WireApi getWireApi() {
        return wireApi;
    }

    @Override
    public @Nullable String getModel() {
        return model;
    }

    @Override
    public @Nullable Double getTemperature() {
        return temperature;
    }

    @Override
    public @Nullable Double getTopP() {
        return topP;
    }

    /** Neither wire has top-k sampling: a value here is rejected (or, lenient, left out). */
    @Override
    public @Nullable Integer getTopK() {
        return topK;
    }

    /** {@code max_tokens} on Chat Completions, {@code max_output_tokens} on Responses (which needs at least 16). */
    @Override
    public @Nullable Integer getMaxTokens() {
        return maxTokens;
    }

    /** {@code stop}: Chat Completions only. */
    @Override
    public @Nullable List<String> getStopSequences() {
        return stopSequences;
    }

    /** {@code frequency_penalty}: Chat Completions only. */
    @Override
    public @Nullable Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    /** {@code presence_penalty}: Chat Completions only. */
    @Override
    public @Nullable Double getPresencePenalty() {
        return presencePenalty;
    }

    @Override
    public @Nullable List<ToolCallback> getToolCallbacks() {
        return toolCallbacks;
    }

    @Override
    public @Nullable Map<String, Object> getToolContext() {
        return toolContext;
    }

    /**
     * {@code tool_choice}: {@code auto}, {@code none}, {@code required}, the name of one tool to force, or the JSON
     * of a tool choice object in the Chat Completions form.
     */
    public @Nullable String getToolChoice() {
        return toolChoice;
    }

    public @Nullable Boolean getParallelToolCalls() {
        return parallelToolCalls;
    }

    /** {@code response_format} on Chat Completions, {@code text.format} on Responses. */
    public @Nullable ResponseFormat getResponseFormat() {
        return responseFormat;
    }

    /** The JSON schema of a {@link ResponseFormat.Type#JSON_SCHEMA} response format, as native structured output. */
    @Override
    public @Nullable String getOutputSchema() {
        return responseFormat != null && responseFormat.type() == ResponseFormat.Type.JSON_SCHEMA
                ? responseFormat.schema() : null;
    }

    /** {@code reasoning_effort} / {@code reasoning.effort}: {@code minimal}, {@code low}, {@code medium}, {@code high}. */
    public @Nullable String getReasoningEffort() {
        return reasoningEffort;
    }

    /** {@code reasoning.summary} ({@code auto}, {@code concise}, {@code detailed}): Responses only. */
    public @Nullable String getReasoningSummary() {
        return reasoningSummary;
    }

    /** {@code verbosity} / {@code text.verbosity}: {@code low}, {@code medium}, {@code high}. */
    public @Nullable String getVerbosity() {
        return verbosity;
    }

    /** Whether the upstream stores the exchange. Unset on Responses means {@code false}, as on Chat Completions. */
    public @Nullable Boolean getStore() {
        return store;
    }

    /** {@code previous_response_id}: Responses only; the id is in a Responses answer's metadata ({@code id}). */
    public @Nullable String getPreviousResponseId() {
        return previousResponseId;
    }

    /** {@code include}: Responses only. */
    public @Nullable List<String> getInclude() {
        return include;
    }

    public @Nullable Map<String, String> getMetadata() {
        return metadata;
    }

    public @Nullable String getUser() {
        return user;
    }

    public @Nullable String getServiceTier() {
        return serviceTier;
    }

    public @Nullable String getPromptCacheKey() {
        return promptCacheKey;
    }

    /** Fields added to the request body as given, after everything else, for servers with extensions of their own. */
    public @Nullable Map<String, Object> getExtraBody() {
        return extraBody;
    }

    @Override
    public Builder mutate() {
        Builder b = builder()
                .wireApi(wireApi).model(model).temperature(temperature).topP(topP).topK(topK).maxTokens(maxTokens)
                .stopSequences(stopSequences).frequencyPenalty(frequencyPenalty).presencePenalty(presencePenalty)
                .toolCallbacks(toolCallbacks).toolChoice(toolChoice).parallelToolCalls(parallelToolCalls)
                .responseFormat(responseFormat).reasoningEffort(reasoningEffort).reasoningSummary(reasoningSummary)
                .verbosity(verbosity).store(store).previousResponseId(previousResponseId).include(include)
                .metadata(metadata).user(user).serviceTier(serviceTier).promptCacheKey(promptCacheKey)
                .extraBody(extraBody)
                .toolContext(toolContext);
        return b;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CrosswalkChatOptions that)) {
            return false;
        }
        return wireApi == that.wireApi && Objects.equals(model, that.model)
                && Objects.equals(temperature, that.temperature) && Objects.equals(topP, that.topP)
                && Objects.equals(topK, that.topK) && Objects.equals(maxTokens, that.maxTokens)
                && Objects.equals(stopSequences, that.stopSequences)
                && Objects.equals(frequencyPenalty, that.frequencyPenalty)
                && Objects.equals(presencePenalty, that.presencePenalty)
                && Objects.equals(toolCallbacks, that.toolCallbacks) && Objects.equals(toolContext, that.toolContext)
                && Objects.equals(toolChoice, that.toolChoice)
                && Objects.equals(parallelToolCalls, that.parallelToolCalls)
                && Objects.equals(responseFormat, that.responseFormat)
                && Objects.equals(reasoningEffort, that.reasoningEffort)
                && Objects.equals(reasoningSummary, that.reasoningSummary) && Objects.equals(verbosity, that.verbosity)
                && Objects.equals(store, that.store) && Objects.equals(previousResponseId, that.previousResponseId)
                && Objects.equals(include, that.include) && Objects.equals(metadata, that.metadata)
                && Objects.equals(user, that.user) && Objects.equals(serviceTier, that.serviceTier)
                && Objects.equals(promptCacheKey, that.promptCacheKey) && Objects.equals(extraBody, that.extraBody);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wireApi, model, temperature, topP, topK, maxTokens, stopSequences, frequencyPenalty,
                presencePenalty, toolCallbacks, toolContext, toolChoice, parallelToolCalls, responseFormat,
                reasoningEffort, reasoningSummary, verbosity, store, previousResponseId, include, metadata, user,
                serviceTier, promptCacheKey, extraBody);
    }

    @Override
    public String toString() {
        // Tool context may hold application objects, and extra_body anything: names only.
        return "CrosswalkChatOptions{wireApi=" + wireApi + ", model=" + model + ", temperature=" + temperature
                + ", topP=" + topP + ", topK=" + topK + ", maxTokens=" + maxTokens + ", stopSequences=" + stopSequences
                + ", frequencyPenalty=" + frequencyPenalty + ", presencePenalty=" + presencePenalty
                + ", tools=" + (toolCallbacks == null ? null
                        : toolCallbacks.stream().map(t -> t.getToolDefinition().name()).toList())
                + ", toolContextKeys=" + (toolContext == null ? null : toolContext.keySet())
                + ", toolChoice=" + toolChoice + ", parallelToolCalls=" + parallelToolCalls
                + ", responseFormat=" + (responseFormat == null ? null : responseFormat.type())
                + ", reasoningEffort=" + reasoningEffort + ", reasoningSummary=" + reasoningSummary
                + ", verbosity=" + verbosity + ", store=" + store + ", previousResponseId=" + previousResponseId
                + ", include=" + include + ", metadataKeys=" + (metadata == null ? null : metadata.keySet())
                + ", user=" + user + ", serviceTier=" + serviceTier + ", promptCacheKey=" + promptCacheKey
                + ", extraBodyKeys=" + (extraBody == null ? null : extraBody.keySet()) + "}";
    }

    /**
     * The format of the answer.
     *
     * <pre>{@code
     * ResponseFormat.jsonSchema(new BeanOutputConverter<>(Weather.class).getJsonSchema());
     * ResponseFormat.jsonObject();
     * }</pre>
     *
     * @param type text, JSON mode or a JSON schema
     * @param name the schema's name (letters, digits, {@code _} and {@code -}); {@code null} means {@code response}
     * @param schema the JSON schema, as JSON text; required for {@link Type#JSON_SCHEMA}
     * @param strict whether the upstream must follow the schema exactly; {@code null} means {@code true}, as in
     *        Spring AI's OpenAI model
     */
    public record ResponseFormat(Type type, @Nullable String name, @Nullable String schema, @Nullable Boolean strict) {

        public ResponseFormat {
            Objects.requireNonNull(type, "type");
            if (type == Type.JSON_SCHEMA && (schema == null || schema.isBlank())) {
                throw new IllegalArgumentException("a JSON_SCHEMA response format needs a schema");
            }
        }

        /** Plain text (the default). */
        public static ResponseFormat text() {
            return new ResponseFormat(Type.TEXT, null, null, null);
        }

        /** JSON mode: any JSON object. */
        public static ResponseFormat jsonObject() {
            return new ResponseFormat(Type.JSON_OBJECT, null, null, null);
        }

        /** Structured output following {@code schema}, strictly. */
        public static ResponseFormat jsonSchema(String schema) {
            return new ResponseFormat(Type.JSON_SCHEMA, null, schema, null);
        }

        /** The kinds of format. */
        public enum Type {
            TEXT, JSON_OBJECT, JSON_SCHEMA
        }
    }

    /**
     * Builds {@link CrosswalkChatOptions}. Also the builder {@code ChatClient} combines with a model's defaults:
     * {@link #combineWith} takes every field the other builder has set.
     */
    public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
            implements StructuredOutputChatOptions.Builder<Builder> {

        private @Nullable WireApi wireApi;
        private @Nullable String toolChoice;
        private @Nullable Boolean parallelToolCalls;
        private @Nullable ResponseFormat responseFormat;
        private @Nullable String reasoningEffort;
        private @Nullable String reasoningSummary;
        private @Nullable String verbosity;
        private @Nullable Boolean store;
        private @Nullable String previousResponseId;
        private @Nullable List<String> include;
        private @Nullable Map<String, String> metadata;
        private @Nullable String user;
        private @Nullable String serviceTier;
        private @Nullable String promptCacheKey;
        private @Nullable Map<String, Object> extraBody;

        private Builder() {
        }

        @Override
        public Builder clone() {
            Builder copy = super.clone();
            copy.include = include == null ? null : new ArrayList<>(include);
            copy.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
            copy.extraBody = extraBody == null ? null : new LinkedHashMap<>(extraBody);
            return copy;
        }

        public Builder wireApi(@Nullable WireApi wireApi) {
            this.wireApi = wireApi;
            return this;
        }

        public Builder toolChoice(@Nullable String toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        /** Native structured output: a strict {@link ResponseFormat#jsonSchema(String)}, or none for {@code null}. */
        @Override
        public Builder outputSchema(@Nullable String outputSchema) {
            this.responseFormat = outputSchema == null ? null : ResponseFormat.jsonSchema(outputSchema);
            return this;
        }

        public Builder reasoningEffort(@Nullable String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder reasoningSummary(@Nullable String reasoningSummary) {
            this.reasoningSummary = reasoningSummary;
            return this;
        }

        public Builder verbosity(@Nullable String verbosity) {
            this.verbosity = verbosity;
            return this;
        }

        public Builder store(@Nullable Boolean store) {
            this.store = store;
            return this;
        }

        public Builder previousResponseId(@Nullable String previousResponseId) {
            this.previousResponseId = previousResponseId;
            return this;
        }

        public Builder include(@Nullable List<String> include) {
            this.include = include == null ? null : new ArrayList<>(include);
            return this;
        }

        public Builder metadata(@Nullable Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
            return this;
        }

        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        public Builder serviceTier(@Nullable String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public Builder promptCacheKey(@Nullable String promptCacheKey) {
            this.promptCacheKey = promptCacheKey;
            return this;
        }

        public Builder extraBody(@Nullable Map<String, Object> extraBody) {
            this.extraBody = extraBody == null ? null : new LinkedHashMap<>(extraBody);
            return this;
        }

        /**
         * Takes every option {@code other} has set, from a builder of any type ({@code ChatClient} combines a model's
         * defaults with {@code .options(...)} this way). A builder of Crosswalk options gives all of them; any other
         * builder gives what Spring AI's portable interfaces ({@link ChatOptions}, {@link ToolCallingChatOptions},
         * {@link StructuredOutputChatOptions}) can read from what it builds.
         *
         * <p>One merge rule, here and when a call's options are laid over the model's: an option that is set wins;
         * a list that is set (stop sequences, tool callbacks, include) replaces the list it overrides; a map (tool
         * context, metadata, extra body) is merged key by key, the newer value winning. An empty list or map counts
         * as not set. This is the rule of Spring AI's {@code ToolCallingChatOptions.mergeToolCallbacks} and
         * {@code mergeToolContext}; replacing lists keeps the merge idempotent (combining the same options twice
         * never sends a stop sequence or a tool twice).
         */
        @Override
        public Builder combineWith(ChatOptions.Builder<?> other) {
            return merge(other instanceof Builder own ? own.build() : other.build());
        }

        /** Lays {@code options} over this builder by the rule of {@link #combineWith}. */
        Builder merge(ChatOptions options) {
            if (options instanceof CrosswalkChatOptions that) {
                mergePortable(that);
                if (that.wireApi != null) wireApi = that.wireApi;
                if (that.toolChoice != null) toolChoice = that.toolChoice;
                if (that.parallelToolCalls != null) parallelToolCalls = that.parallelToolCalls;
                if (that.responseFormat != null) responseFormat = that.responseFormat;
                if (that.reasoningEffort != null) reasoningEffort = that.reasoningEffort;
                if (that.reasoningSummary != null) reasoningSummary = that.reasoningSummary;
                if (that.verbosity != null) verbosity = that.verbosity;
                if (that.store != null) store = that.store;
                if (that.previousResponseId != null) previousResponseId = that.previousResponseId;
                if (isSet(that.include)) include = new ArrayList<>(that.include);
                if (isSet(that.metadata)) metadata = merged(metadata, that.metadata);
                if (that.user != null) user = that.user;
                if (that.serviceTier != null) serviceTier = that.serviceTier;
                if (that.promptCacheKey != null) promptCacheKey = that.promptCacheKey;
                if (isSet(that.extraBody)) extraBody = merged(extraBody, that.extraBody);
                return this;
            }
            mergePortable(options);
            if (options instanceof StructuredOutputChatOptions structured && structured.getOutputSchema() != null) {
                outputSchema(structured.getOutputSchema());
            }
            return this;
        }

        /** What every Spring AI chat model's options can tell: {@link ChatOptions} and {@link ToolCallingChatOptions}. */
        private void mergePortable(ChatOptions o) {
            if (o.getModel() != null) model(o.getModel());
            if (o.getTemperature() != null) temperature(o.getTemperature());
            if (o.getTopP() != null) topP(o.getTopP());
            if (o.getTopK() != null) topK(o.getTopK());
            if (o.getMaxTokens() != null) maxTokens(o.getMaxTokens());
            if (isSet(o.getStopSequences())) stopSequences(new ArrayList<>(o.getStopSequences()));
            if (o.getFrequencyPenalty() != null) frequencyPenalty(o.getFrequencyPenalty());
            if (o.getPresencePenalty() != null) presencePenalty(o.getPresencePenalty());
            if (o instanceof ToolCallingChatOptions tools) {
                if (isSet(tools.getToolCallbacks())) toolCallbacks(new ArrayList<>(tools.getToolCallbacks()));
                if (isSet(tools.getToolContext())) toolContext(merged(this.toolContext, tools.getToolContext()));
            }
        }

        private static boolean isSet(java.util.@Nullable Collection<?> values) {
            return values != null && !values.isEmpty();
        }

        private static boolean isSet(@Nullable Map<?, ?> values) {
            return values != null && !values.isEmpty();
        }

        private static <V> Map<String, V> merged(@Nullable Map<String, V> base, Map<String, V> more) {
            Map<String, V> merged = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base);
            merged.putAll(more);
            return merged;
        }

        @Override
        public CrosswalkChatOptions build() {
            return new CrosswalkChatOptions(this, model, temperature, topP, topK, maxTokens, stopSequences,
                    frequencyPenalty, presencePenalty, toolCallbacks, toolContext);
        }
    }
}
