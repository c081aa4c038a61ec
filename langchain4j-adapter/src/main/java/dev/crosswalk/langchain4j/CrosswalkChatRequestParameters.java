package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.List;
import java.util.Objects;

/**
 * Request parameters for Crosswalk models: LangChain4j's common ones plus the wire API and the protocol-specific
 * fields. Set them as a model's defaults or per request; a value set per request wins, an unset one ({@code null})
 * falls back to the default.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *         .messages(UserMessage.from("Summarise our last exchange"))
 *         .parameters(CrosswalkChatRequestParameters.builder()
 *                 .wireApi(WireApi.RESPONSES)
 *                 .previousResponseId("resp_123")
 *                 .reasoningEffort("low")
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Fields only one protocol has: {@code previousResponseId}, {@code include} and {@code reasoningSummary} are
 * Responses-only (the first two are rejected on {@link WireApi#CHAT_COMPLETIONS}, the summary is dropped with a
 * warning); stop sequences and penalties are Chat-only (rejected on {@link WireApi#RESPONSES}).
 */
public class CrosswalkChatRequestParameters extends DefaultChatRequestParameters {

    public static final CrosswalkChatRequestParameters EMPTY = builder().build();

    private final WireApi wireApi;
    private final Boolean parallelToolCalls;
    private final Boolean strictTools;
    private final Boolean strictJsonSchema;
    private final String reasoningEffort;
    private final String reasoningSummary;
    private final Boolean store;
    private final String previousResponseId;
    private final List<String> include;
    private final String serviceTier;
    private final String promptCacheKey;

    private CrosswalkChatRequestParameters(Builder builder) {
        super(builder);
        this.wireApi = builder.wireApi;
        this.parallelToolCalls = builder.parallelToolCalls;
        this.strictTools = builder.strictTools;
        this.strictJsonSchema = builder.strictJsonSchema;
        this.reasoningEffort = builder.reasoningEffort;
        this.reasoningSummary = builder.reasoningSummary;
        this.store = builder.store;
        this.previousResponseId = builder.previousResponseId;
        this.include = builder.include == null ? null : List.copyOf(builder.include);
        this.serviceTier = builder.serviceTier;
        this.promptCacheKey = builder.promptCacheKey;
    }

    /** The protocol to send this request with; {@code null} means the model's default. */
    public WireApi wireApi() {
        return wireApi;
    }

    public Boolean parallelToolCalls() {
        return parallelToolCalls;
    }

    /** Whether tools without their own {@code strict} setting are sent strict. */
    public Boolean strictTools() {
        return strictTools;
    }

    /** Whether a JSON-schema response format is sent strict. */
    public Boolean strictJsonSchema() {
        return strictJsonSchema;
    }

    /** {@code reasoning_effort} / {@code reasoning.effort}: {@code minimal}, {@code low}, {@code medium}, {@code high}. */
    public String reasoningEffort() {
        return reasoningEffort;
    }

    /** Responses' {@code reasoning.summary}: {@code auto}, {@code concise} or {@code detailed}. */
    public String reasoningSummary() {
        return reasoningSummary;
    }

    public Boolean store() {
        return store;
    }

    /** Responses' {@code previous_response_id}: the server continues that response's conversation. */
    public String previousResponseId() {
        return previousResponseId;
    }

    /** Responses' {@code include}, for example {@code reasoning.encrypted_content}. */
    public List<String> include() {
        return include;
    }

    public String serviceTier() {
        return serviceTier;
    }

    public String promptCacheKey() {
        return promptCacheKey;
    }

    @Override
    public CrosswalkChatRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public CrosswalkChatRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass() || !super.equals(o)) {
            return false;
        }
        CrosswalkChatRequestParameters that = (CrosswalkChatRequestParameters) o;
        return wireApi == that.wireApi
                && Objects.equals(parallelToolCalls, that.parallelToolCalls)
                && Objects.equals(strictTools, that.strictTools)
                && Objects.equals(strictJsonSchema, that.strictJsonSchema)
                && Objects.equals(reasoningEffort, that.reasoningEffort)
                && Objects.equals(reasoningSummary, that.reasoningSummary)
                && Objects.equals(store, that.store)
                && Objects.equals(previousResponseId, that.previousResponseId)
                && Objects.equals(include, that.include)
                && Objects.equals(serviceTier, that.serviceTier)
                && Objects.equals(promptCacheKey, that.promptCacheKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), wireApi, parallelToolCalls, strictTools, strictJsonSchema, reasoningEffort,
                reasoningSummary, store, previousResponseId, include, serviceTier, promptCacheKey);
    }

    @Override
    public String toString() {
        return "CrosswalkChatRequestParameters{modelName='" + modelName() + "', temperature=" + temperature()
                + ", topP=" + topP() + ", maxOutputTokens=" + maxOutputTokens() + ", stopSequences=" + stopSequences()
                + ", toolSpecifications=" + toolSpecifications() + ", toolChoice=" + toolChoice()
                + ", responseFormat=" + responseFormat() + ", wireApi=" + wireApi
                + ", parallelToolCalls=" + parallelToolCalls + ", strictTools=" + strictTools
                + ", strictJsonSchema=" + strictJsonSchema + ", reasoningEffort='" + reasoningEffort
                + "', reasoningSummary='" + reasoningSummary + "', store=" + store + ", previousResponseId='"
                + previousResponseId + "', include=" + include + ", serviceTier='" + serviceTier
                + "', promptCacheKey='" + promptCacheKey + "'}";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CrosswalkChatRequestParameters}; every field is optional. */
    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {
        private WireApi wireApi;
        private Boolean parallelToolCalls;
        private Boolean strictTools;
        private Boolean strictJsonSchema;
        private String reasoningEffort;
        private String reasoningSummary;
        private Boolean store;
        private String previousResponseId;
        private List<String> include;
        private String serviceTier;
        private String promptCacheKey;

        /** Copies every field {@code parameters} sets; Crosswalk's own fields only from Crosswalk parameters. */
        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            super.overrideWith(parameters);
            if (parameters instanceof CrosswalkChatRequestParameters p) {
                wireApi(or(p.wireApi(), wireApi));
                parallelToolCalls(or(p.parallelToolCalls(), parallelToolCalls));
                strictTools(or(p.strictTools(), strictTools));
                strictJsonSchema(or(p.strictJsonSchema(), strictJsonSchema));
                reasoningEffort(or(p.reasoningEffort(), reasoningEffort));
                reasoningSummary(or(p.reasoningSummary(), reasoningSummary));
                store(or(p.store(), store));
                previousResponseId(or(p.previousResponseId(), previousResponseId));
                include(or(p.include(), include));
                serviceTier(or(p.serviceTier(), serviceTier));
                promptCacheKey(or(p.promptCacheKey(), promptCacheKey));
            }
            return this;
        }

        public Builder wireApi(WireApi wireApi) {
            this.wireApi = wireApi;
            return this;
        }

        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder strictTools(Boolean strictTools) {
            this.strictTools = strictTools;
            return this;
        }

        public Builder strictJsonSchema(Boolean strictJsonSchema) {
            this.strictJsonSchema = strictJsonSchema;
            return this;
        }

        public Builder reasoningEffort(String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder reasoningSummary(String reasoningSummary) {
            this.reasoningSummary = reasoningSummary;
            return this;
        }

        public Builder store(Boolean store) {
            this.store = store;
            return this;
        }

        public Builder previousResponseId(String previousResponseId) {
            this.previousResponseId = previousResponseId;
            return this;
        }

        public Builder include(List<String> include) {
            this.include = include;
            return this;
        }

        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public Builder promptCacheKey(String promptCacheKey) {
            this.promptCacheKey = promptCacheKey;
            return this;
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }

        @Override
        public CrosswalkChatRequestParameters build() {
            return new CrosswalkChatRequestParameters(this);
        }
    }
}
