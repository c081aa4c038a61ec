package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * What the endpoint said about an answer, beyond LangChain4j's common metadata: which wire carried it, when it was
 * created, the service tier and system fingerprint, and what the translation could not carry (each as
 * {@code "json path: reason"}).
 *
 * <p>{@link #id()} is the endpoint's own id: on {@link WireApi#RESPONSES} the {@code resp_…} id to pass as
 * {@code previousResponseId}.
 *
 * <pre>{@code
 * ChatResponse response = model.chat(request);
 * CrosswalkChatResponseMetadata metadata = (CrosswalkChatResponseMetadata) response.metadata();
 * metadata.warnings().forEach(w -> log.warn("dropped {}", w));
 * }</pre>
 */
public class CrosswalkChatResponseMetadata extends ChatResponseMetadata {

    private final WireApi wireApi;
    private final Long created;
    private final String serviceTier;
    private final String systemFingerprint;
    private final List<String> warnings;

    private CrosswalkChatResponseMetadata(Builder builder) {
        super(builder);
        this.wireApi = builder.wireApi;
        this.created = builder.created;
        this.serviceTier = builder.serviceTier;
        this.systemFingerprint = builder.systemFingerprint;
        this.warnings = builder.warnings == null ? List.of() : List.copyOf(builder.warnings);
    }

    /** Token usage with cached and reasoning tokens, or {@code null} if the endpoint reported none. */
    @Override
    public CrosswalkTokenUsage tokenUsage() {
        TokenUsage base = super.tokenUsage();
        if (base == null || base instanceof CrosswalkTokenUsage) {
            return (CrosswalkTokenUsage) base;
        }
        return new CrosswalkTokenUsage(base.inputTokenCount(), base.outputTokenCount(), base.totalTokenCount(), null, null);
    }

    /** The wire the answer came over. */
    public WireApi wireApi() {
        return wireApi;
    }

    /** Creation time in epoch seconds ({@code created} or {@code created_at}), or {@code null}. */
    public Long created() {
        return created;
    }

    public String serviceTier() {
        return serviceTier;
    }

    /** Chat Completions' {@code system_fingerprint}; {@code null} on Responses. */
    public String systemFingerprint() {
        return systemFingerprint;
    }

    /** What the request or the answer had that the other protocol could not carry, as {@code "path: reason"}. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public Builder toBuilder() {
        return ((Builder) super.toBuilder(builder()))
                .wireApi(wireApi)
                .created(created)
                .serviceTier(serviceTier)
                .systemFingerprint(systemFingerprint)
                .warnings(warnings);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass() || !super.equals(o)) {
            return false;
        }
        CrosswalkChatResponseMetadata that = (CrosswalkChatResponseMetadata) o;
        return wireApi == that.wireApi && Objects.equals(created, that.created)
                && Objects.equals(serviceTier, that.serviceTier)
                && Objects.equals(systemFingerprint, that.systemFingerprint)
                && Objects.equals(warnings, that.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), wireApi, created, serviceTier, systemFingerprint, warnings);
    }

    @Override
    public String toString() {
        return "CrosswalkChatResponseMetadata{id='" + id() + "', modelName='" + modelName() + "', tokenUsage="
                + tokenUsage() + ", finishReason=" + finishReason() + ", wireApi=" + wireApi + ", created=" + created
                + ", serviceTier='" + serviceTier + "', systemFingerprint='" + systemFingerprint + "', warnings="
                + warnings + '}';
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CrosswalkChatResponseMetadata}. */
    public static class Builder extends ChatResponseMetadata.Builder<Builder> {
        private WireApi wireApi;
        private Long created;
        private String serviceTier;
        private String systemFingerprint;
        private List<String> warnings;

        public Builder wireApi(WireApi wireApi) {
            this.wireApi = wireApi;
            return this;
        }

        public Builder created(Long created) {
            this.created = created;
            return this;
        }

        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public Builder systemFingerprint(String systemFingerprint) {
            this.systemFingerprint = systemFingerprint;
            return this;
        }

        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        @Override
        public CrosswalkChatResponseMetadata build() {
            return new CrosswalkChatResponseMetadata(this);
        }
    }
}
