package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crosswalk.translator.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * One chunk of a streamed completion ({@code object: chat.completion.chunk}).
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(
        String id,
        String object,
        Long created,
        String model,
        List<ChunkChoice> choices,
        CompletionUsage usage,
        @JsonProperty("service_tier") String serviceTier,
        @JsonProperty("system_fingerprint") String systemFingerprint,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChatCompletionChunk {
        choices = Copies.list(choices);
        extra = Copies.map(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.object = object;
        b.created = created;
        b.model = model;
        b.choices = choices;
        b.usage = usage;
        b.serviceTier = serviceTier;
        b.systemFingerprint = systemFingerprint;
        b.extra.putAll(extra);
        return b;
    }

    /** Builds a {@link ChatCompletionChunk}; every field is optional until the protocol says otherwise. */
    public static final class Builder {
        private String id;
        private String object;
        private Long created;
        private String model;
        private List<ChunkChoice> choices;
        private CompletionUsage usage;
        private String serviceTier;
        private String systemFingerprint;
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

        public Builder created(Long created) {
            this.created = created;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder choices(List<ChunkChoice> choices) {
            this.choices = choices;
            return this;
        }

        public Builder usage(CompletionUsage usage) {
            this.usage = usage;
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

        /** Adds a field this version does not model; it is written as given. */
        public Builder extra(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        public ChatCompletionChunk build() {
            return new ChatCompletionChunk(id, object, created, model, choices, usage, serviceTier, systemFingerprint, extra);
        }
    }
}
