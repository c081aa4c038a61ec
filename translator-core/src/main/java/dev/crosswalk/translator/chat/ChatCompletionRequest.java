package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * A Chat Completions request body ({@code POST /v1/chat/completions}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        List<ChatTool> tools,
        @JsonProperty("tool_choice") ChatToolChoice toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("response_format") ResponseFormat responseFormat,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Integer n,
        Object stop,
        Long seed,
        @JsonProperty("logit_bias") Map<String, Object> logitBias,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        @JsonProperty("presence_penalty") Double presencePenalty,
        Boolean logprobs,
        @JsonProperty("top_logprobs") Integer topLogprobs,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Boolean store,
        Map<String, String> metadata,
        String user,
        @JsonProperty("safety_identifier") String safetyIdentifier,
        @JsonProperty("prompt_cache_key") String promptCacheKey,
        @JsonProperty("prompt_cache_retention") String promptCacheRetention,
        @JsonProperty("service_tier") String serviceTier,
        @JsonProperty("reasoning_effort") String reasoningEffort,
        String verbosity,
        @JsonProperty("web_search_options") Map<String, Object> webSearchOptions,
        Object prediction,
        List<String> modalities,
        Object audio,
        List<Object> functions,
        @JsonProperty("function_call") Object functionCall,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChatCompletionRequest {
        messages = Copies.list(messages);
        tools = Copies.list(tools);
        logitBias = Copies.nullableMap(logitBias);
        metadata = Copies.nullableMap(metadata);
        webSearchOptions = Copies.nullableMap(webSearchOptions);
        modalities = Copies.list(modalities);
        functions = Copies.list(functions);
        extra = Copies.map(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.messages = messages;
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.parallelToolCalls = parallelToolCalls;
        b.responseFormat = responseFormat;
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.maxCompletionTokens = maxCompletionTokens;
        b.n = n;
        b.stop = stop;
        b.seed = seed;
        b.logitBias = logitBias;
        b.frequencyPenalty = frequencyPenalty;
        b.presencePenalty = presencePenalty;
        b.logprobs = logprobs;
        b.topLogprobs = topLogprobs;
        b.stream = stream;
        b.streamOptions = streamOptions;
        b.store = store;
        b.metadata = metadata;
        b.user = user;
        b.safetyIdentifier = safetyIdentifier;
        b.promptCacheKey = promptCacheKey;
        b.promptCacheRetention = promptCacheRetention;
        b.serviceTier = serviceTier;
        b.reasoningEffort = reasoningEffort;
        b.verbosity = verbosity;
        b.webSearchOptions = webSearchOptions;
        b.prediction = prediction;
        b.modalities = modalities;
        b.audio = audio;
        b.functions = functions;
        b.functionCall = functionCall;
        b.extra = extra.isEmpty() ? null : new java.util.LinkedHashMap<>(extra);
        return b;
    }

    /** Builds a {@link ChatCompletionRequest}; every field is optional until the protocol says otherwise. */
    public static final class Builder {
        private String model;
        private List<ChatMessage> messages;
        private List<ChatTool> tools;
        private ChatToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseFormat responseFormat;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private Integer maxCompletionTokens;
        private Integer n;
        private Object stop;
        private Long seed;
        private Map<String, Object> logitBias;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private Boolean logprobs;
        private Integer topLogprobs;
        private Boolean stream;
        private StreamOptions streamOptions;
        private Boolean store;
        private Map<String, String> metadata;
        private String user;
        private String safetyIdentifier;
        private String promptCacheKey;
        private String promptCacheRetention;
        private String serviceTier;
        private String reasoningEffort;
        private String verbosity;
        private Map<String, Object> webSearchOptions;
        private Object prediction;
        private List<String> modalities;
        private Object audio;
        private List<Object> functions;
        private Object functionCall;
        private Map<String, Object> extra; // made on the first unknown member: most requests have none

        private Builder() {
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder messages(List<ChatMessage> messages) {
            this.messages = messages;
            return this;
        }

        public Builder tools(List<ChatTool> tools) {
            this.tools = tools;
            return this;
        }

        public Builder toolChoice(ChatToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder responseFormat(ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder maxCompletionTokens(Integer maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        public Builder n(Integer n) {
            this.n = n;
            return this;
        }

        public Builder stop(Object stop) {
            this.stop = stop;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder logitBias(Map<String, Object> logitBias) {
            this.logitBias = logitBias;
            return this;
        }

        public Builder frequencyPenalty(Double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        public Builder presencePenalty(Double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        public Builder logprobs(Boolean logprobs) {
            this.logprobs = logprobs;
            return this;
        }

        public Builder topLogprobs(Integer topLogprobs) {
            this.topLogprobs = topLogprobs;
            return this;
        }

        public Builder stream(Boolean stream) {
            this.stream = stream;
            return this;
        }

        public Builder streamOptions(StreamOptions streamOptions) {
            this.streamOptions = streamOptions;
            return this;
        }

        public Builder store(Boolean store) {
            this.store = store;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder safetyIdentifier(String safetyIdentifier) {
            this.safetyIdentifier = safetyIdentifier;
            return this;
        }

        public Builder promptCacheKey(String promptCacheKey) {
            this.promptCacheKey = promptCacheKey;
            return this;
        }

        public Builder promptCacheRetention(String promptCacheRetention) {
            this.promptCacheRetention = promptCacheRetention;
            return this;
        }

        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public Builder reasoningEffort(String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder verbosity(String verbosity) {
            this.verbosity = verbosity;
            return this;
        }

        public Builder webSearchOptions(Map<String, Object> webSearchOptions) {
            this.webSearchOptions = webSearchOptions;
            return this;
        }

        public Builder prediction(Object prediction) {
            this.prediction = prediction;
            return this;
        }

        public Builder modalities(List<String> modalities) {
            this.modalities = modalities;
            return this;
        }

        public Builder audio(Object audio) {
            this.audio = audio;
            return this;
        }

        public Builder functions(List<Object> functions) {
            this.functions = functions;
            return this;
        }

        public Builder functionCall(Object functionCall) {
            this.functionCall = functionCall;
            return this;
        }

        /** Adds a field this version does not model; it is written as given. */
        public Builder extra(String name, Object value) {
            if (extra == null) {
                extra = new java.util.LinkedHashMap<>();
            }
            extra.put(name, value);
            return this;
        }

        public ChatCompletionRequest build() {
            return new ChatCompletionRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP, maxTokens, maxCompletionTokens, n, stop, seed, logitBias, frequencyPenalty, presencePenalty, logprobs, topLogprobs, stream, streamOptions, store, metadata, user, safetyIdentifier, promptCacheKey, promptCacheRetention, serviceTier, reasoningEffort, verbosity, webSearchOptions, prediction, modalities, audio, functions, functionCall, extra);
        }
    }
}
