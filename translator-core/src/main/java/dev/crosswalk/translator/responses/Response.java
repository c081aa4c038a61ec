package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * A Responses response object ({@code object: response}). Every field the Responses schema requires is written, with
 * {@code null} where it has no value, as the live API writes it (Open Responses clients validate each one); optional
 * fields ({@code user}, {@code conversation}, {@code prompt}, ...) are left out when unset.
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Response(
        String id,
        String object,
        @JsonProperty("created_at") Long createdAt,
        @JsonProperty("completed_at") @JsonInclude(JsonInclude.Include.ALWAYS) Long completedAt,
        String status,
        @JsonInclude(JsonInclude.Include.ALWAYS) ResponseError error,
        @JsonProperty("incomplete_details") @JsonInclude(JsonInclude.Include.ALWAYS) IncompleteDetails incompleteDetails,
        @JsonInclude(JsonInclude.Include.ALWAYS) Object instructions,
        String model,
        List<ResponseItem> output,
        @JsonProperty("parallel_tool_calls") @JsonInclude(JsonInclude.Include.ALWAYS) Boolean parallelToolCalls,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<ResponsesTool> tools,
        @JsonProperty("tool_choice") @JsonInclude(JsonInclude.Include.ALWAYS) ResponsesToolChoice toolChoice,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double temperature,
        @JsonProperty("top_p") @JsonInclude(JsonInclude.Include.ALWAYS) Double topP,
        @JsonProperty("presence_penalty") @JsonInclude(JsonInclude.Include.ALWAYS) Double presencePenalty,
        @JsonProperty("frequency_penalty") @JsonInclude(JsonInclude.Include.ALWAYS) Double frequencyPenalty,
        @JsonProperty("max_output_tokens") @JsonInclude(JsonInclude.Include.ALWAYS) Integer maxOutputTokens,
        @JsonProperty("max_tool_calls") @JsonInclude(JsonInclude.Include.ALWAYS) Integer maxToolCalls,
        @JsonProperty("previous_response_id") @JsonInclude(JsonInclude.Include.ALWAYS) String previousResponseId,
        @JsonInclude(JsonInclude.Include.ALWAYS) Reasoning reasoning,
        ResponseText text,
        @JsonProperty("top_logprobs") @JsonInclude(JsonInclude.Include.ALWAYS) Integer topLogprobs,
        @JsonInclude(JsonInclude.Include.ALWAYS) String truncation,
        @JsonInclude(JsonInclude.Include.ALWAYS) ResponseUsage usage,
        String user,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> metadata,
        @JsonInclude(JsonInclude.Include.ALWAYS) Boolean store,
        @JsonProperty("service_tier") @JsonInclude(JsonInclude.Include.ALWAYS) String serviceTier,
        @JsonInclude(JsonInclude.Include.ALWAYS) Boolean background,
        @JsonProperty("safety_identifier") @JsonInclude(JsonInclude.Include.ALWAYS) String safetyIdentifier,
        @JsonProperty("prompt_cache_key") @JsonInclude(JsonInclude.Include.ALWAYS) String promptCacheKey,
        @JsonProperty("prompt_cache_retention") String promptCacheRetention,
        Object conversation,
        Object prompt,
        @JsonProperty("access_programs") @JsonInclude(JsonInclude.Include.ALWAYS) Object accessPrograms,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Response {
        output = Copies.list(output);
        tools = Copies.list(tools);
        metadata = Copies.nullableMap(metadata);
        extra = Copies.map(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.object = object;
        b.createdAt = createdAt;
        b.completedAt = completedAt;
        b.status = status;
        b.error = error;
        b.incompleteDetails = incompleteDetails;
        b.instructions = instructions;
        b.model = model;
        b.output = output;
        b.parallelToolCalls = parallelToolCalls;
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.temperature = temperature;
        b.topP = topP;
        b.presencePenalty = presencePenalty;
        b.frequencyPenalty = frequencyPenalty;
        b.maxOutputTokens = maxOutputTokens;
        b.maxToolCalls = maxToolCalls;
        b.previousResponseId = previousResponseId;
        b.reasoning = reasoning;
        b.text = text;
        b.topLogprobs = topLogprobs;
        b.truncation = truncation;
        b.usage = usage;
        b.user = user;
        b.metadata = metadata;
        b.store = store;
        b.serviceTier = serviceTier;
        b.background = background;
        b.safetyIdentifier = safetyIdentifier;
        b.promptCacheKey = promptCacheKey;
        b.promptCacheRetention = promptCacheRetention;
        b.conversation = conversation;
        b.prompt = prompt;
        b.accessPrograms = accessPrograms;
        b.extra.putAll(extra);
        return b;
    }

    /** Builds a {@link Response}; every field is optional until the protocol says otherwise. */
    public static final class Builder {
        private String id;
        private String object;
        private Long createdAt;
        private Long completedAt;
        private String status;
        private ResponseError error;
        private IncompleteDetails incompleteDetails;
        private Object instructions;
        private String model;
        private List<ResponseItem> output;
        private Boolean parallelToolCalls;
        private List<ResponsesTool> tools;
        private ResponsesToolChoice toolChoice;
        private Double temperature;
        private Double topP;
        private Double presencePenalty;
        private Double frequencyPenalty;
        private Integer maxOutputTokens;
        private Integer maxToolCalls;
        private String previousResponseId;
        private Reasoning reasoning;
        private ResponseText text;
        private Integer topLogprobs;
        private String truncation;
        private ResponseUsage usage;
        private String user;
        private Map<String, String> metadata;
        private Boolean store;
        private String serviceTier;
        private Boolean background;
        private String safetyIdentifier;
        private String promptCacheKey;
        private String promptCacheRetention;
        private Object conversation;
        private Object prompt;
        private Object accessPrograms;
        private final Map<String, Object> extra = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder object(String object) {
            this.object = object;
            return this;
        }

        public Builder createdAt(Long createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder completedAt(Long completedAt) {
            this.completedAt = completedAt;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder error(ResponseError error) {
            this.error = error;
            return this;
        }

        public Builder incompleteDetails(IncompleteDetails incompleteDetails) {
            this.incompleteDetails = incompleteDetails;
            return this;
        }

        public Builder instructions(Object instructions) {
            this.instructions = instructions;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder output(List<ResponseItem> output) {
            this.output = output;
            return this;
        }

        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
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

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        public Builder presencePenalty(Double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        public Builder frequencyPenalty(Double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        public Builder maxOutputTokens(Integer maxOutputTokens) {
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        public Builder maxToolCalls(Integer maxToolCalls) {
            this.maxToolCalls = maxToolCalls;
            return this;
        }

        public Builder previousResponseId(String previousResponseId) {
            this.previousResponseId = previousResponseId;
            return this;
        }

        public Builder reasoning(Reasoning reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        public Builder text(ResponseText text) {
            this.text = text;
            return this;
        }

        public Builder topLogprobs(Integer topLogprobs) {
            this.topLogprobs = topLogprobs;
            return this;
        }

        public Builder truncation(String truncation) {
            this.truncation = truncation;
            return this;
        }

        public Builder usage(ResponseUsage usage) {
            this.usage = usage;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder store(Boolean store) {
            this.store = store;
            return this;
        }

        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public Builder background(Boolean background) {
            this.background = background;
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

        public Builder conversation(Object conversation) {
            this.conversation = conversation;
            return this;
        }

        public Builder prompt(Object prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder accessPrograms(Object accessPrograms) {
            this.accessPrograms = accessPrograms;
            return this;
        }

        /** Adds a field this version does not model; it is written as given. */
        public Builder extra(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        public Response build() {
            return new Response(id, object, createdAt, completedAt, status, error, incompleteDetails, instructions, model, output, parallelToolCalls, tools, toolChoice, temperature, topP, presencePenalty, frequencyPenalty, maxOutputTokens, maxToolCalls, previousResponseId, reasoning, text, topLogprobs, truncation, usage, user, metadata, store, serviceTier, background, safetyIdentifier, promptCacheKey, promptCacheRetention, conversation, prompt, accessPrograms, extra);
        }
    }
}
