package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * A Responses request body ({@code POST /v1/responses}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesRequest(
        String model,
        ResponsesInput input,
        String instructions,
        List<ResponsesTool> tools,
        @JsonProperty("tool_choice") ResponsesToolChoice toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        ResponseText text,
        Reasoning reasoning,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens,
        @JsonProperty("top_logprobs") Integer topLogprobs,
        List<String> include,
        Boolean store,
        Map<String, String> metadata,
        String user,
        @JsonProperty("safety_identifier") String safetyIdentifier,
        @JsonProperty("prompt_cache_key") String promptCacheKey,
        @JsonProperty("prompt_cache_retention") String promptCacheRetention,
        @JsonProperty("service_tier") String serviceTier,
        Boolean stream,
        @JsonProperty("stream_options") Map<String, Object> streamOptions,
        @JsonProperty("previous_response_id") String previousResponseId,
        Object conversation,
        String truncation,
        Boolean background,
        @JsonProperty("max_tool_calls") Integer maxToolCalls,
        Object prompt,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ResponsesRequest {
        tools = Copies.list(tools);
        include = Copies.list(include);
        metadata = Copies.nullableMap(metadata);
        streamOptions = Copies.nullableMap(streamOptions);
        extra = Copies.map(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.input = input;
        b.instructions = instructions;
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.parallelToolCalls = parallelToolCalls;
        b.text = text;
        b.reasoning = reasoning;
        b.temperature = temperature;
        b.topP = topP;
        b.maxOutputTokens = maxOutputTokens;
        b.topLogprobs = topLogprobs;
        b.include = include;
        b.store = store;
        b.metadata = metadata;
        b.user = user;
        b.safetyIdentifier = safetyIdentifier;
        b.promptCacheKey = promptCacheKey;
        b.promptCacheRetention = promptCacheRetention;
        b.serviceTier = serviceTier;
        b.stream = stream;
        b.streamOptions = streamOptions;
        b.previousResponseId = previousResponseId;
        b.conversation = conversation;
        b.truncation = truncation;
        b.background = background;
        b.maxToolCalls = maxToolCalls;
        b.prompt = prompt;
        b.extra = extra.isEmpty() ? null : new java.util.LinkedHashMap<>(extra);
        return b;
    }

    /** Builds a {@link ResponsesRequest}; every field is optional until the protocol says otherwise. */
    public static final class Builder {
        private String model;
        private ResponsesInput input;
        private String instructions;
        private List<ResponsesTool> tools;
        private ResponsesToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseText text;
        private Reasoning reasoning;
        private Double temperature;
        private Double topP;
        private Integer maxOutputTokens;
        private Integer topLogprobs;
        private List<String> include;
        private Boolean store;
        private Map<String, String> metadata;
        private String user;
        private String safetyIdentifier;
        private String promptCacheKey;
        private String promptCacheRetention;
        private String serviceTier;
        private Boolean stream;
        private Map<String, Object> streamOptions;
        private String previousResponseId;
        private Object conversation;
        private String truncation;
        private Boolean background;
        private Integer maxToolCalls;
        private Object prompt;
        private Map<String, Object> extra; // made on the first unknown member: most requests have none

        private Builder() {
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder input(ResponsesInput input) {
            this.input = input;
            return this;
        }

        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        public Builder tools(List<ResponsesTool> tools) {
            this.tools = tools;
            return this;
        }

        public Builder toolChoice(ResponsesToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder text(ResponseText text) {
            this.text = text;
            return this;
        }

        public Builder reasoning(Reasoning reasoning) {
            this.reasoning = reasoning;
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

        public Builder maxOutputTokens(Integer maxOutputTokens) {
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        public Builder topLogprobs(Integer topLogprobs) {
            this.topLogprobs = topLogprobs;
            return this;
        }

        public Builder include(List<String> include) {
            this.include = include;
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

        public Builder stream(Boolean stream) {
            this.stream = stream;
            return this;
        }

        public Builder streamOptions(Map<String, Object> streamOptions) {
            this.streamOptions = streamOptions;
            return this;
        }

        public Builder previousResponseId(String previousResponseId) {
            this.previousResponseId = previousResponseId;
            return this;
        }

        public Builder conversation(Object conversation) {
            this.conversation = conversation;
            return this;
        }

        public Builder truncation(String truncation) {
            this.truncation = truncation;
            return this;
        }

        public Builder background(Boolean background) {
            this.background = background;
            return this;
        }

        public Builder maxToolCalls(Integer maxToolCalls) {
            this.maxToolCalls = maxToolCalls;
            return this;
        }

        public Builder prompt(Object prompt) {
            this.prompt = prompt;
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

        public ResponsesRequest build() {
            return new ResponsesRequest(model, input, instructions, tools, toolChoice, parallelToolCalls, text, reasoning, temperature, topP, maxOutputTokens, topLogprobs, include, store, metadata, user, safetyIdentifier, promptCacheKey, promptCacheRetention, serviceTier, stream, streamOptions, previousResponseId, conversation, truncation, background, maxToolCalls, prompt, extra);
        }
    }
}
