package dev.crosswalk.translator;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.seal.Sealer;
import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link Translator} translates. Immutable; start from {@link #defaults()} or {@link #builder()}.
 *
 * <pre>{@code
 * TranslatorOptions options = TranslatorOptions.builder()
 *         .lenient(true)                                  // drop untranslatable fields with warnings
 *         .instructionsRole("developer")                  // Responses instructions -> a developer message
 *         .build();
 *
 * // a Chat-only thinking provider (DeepSeek, Qwen, vLLM, Ollama) behind a Responses client such as Codex:
 * TranslatorOptions strict = TranslatorOptions.builder()
 *         .providerProfile(ProviderProfile.STRICT)        // presets the three options below, drops refused fields
 *         .sealer(Sealer.of(System.getenv("CROSSWALK_SEAL_KEY")))
 *         .build();
 * Translator translator = Crosswalk.translator(options);
 * }</pre>
 *
 * @param lenient drop fields that have no equivalent (with a warning each) instead of rejecting the input
 * @param systemMessages where Chat system/developer messages go in a Responses request
 * @param instructionsRole the role of the message Responses {@code instructions} become: {@code system} or {@code developer}
 * @param systemOnlyAtStart for Chat upstreams that reject {@code developer} or late {@code system} messages:
 *        rewrite every system/developer message (and instructions) to {@code system} and merge them at the front
 * @param reasoningContent translate the {@code reasoning_content} extension (DeepSeek, vLLM) to and from
 *        {@code reasoning} items; off by default because the mapping is lossy both ways
 * @param customTools how Responses custom (freeform) tools reach a Chat upstream
 * @param providerProfile what the Chat upstream accepts: {@link ProviderProfile#STRICT} drops the OpenAI-only fields
 *        (each with a warning); setting it on the builder also presets {@code systemOnlyAtStart},
 *        {@code customTools} and {@code reasoningContent}, which later builder calls may override
 * @param sealer seals the reasoning text into reasoning items' {@code encrypted_content} when the request includes
 *        {@code reasoning.encrypted_content}, and opens it when such items come back; {@code null}: none is minted and
 *        any that comes back is dropped with a warning
 * @param ids mints the ids a translation must invent
 * @param clock supplies {@code completed_at}
 * @param codec reads and writes JSON text for the JSON overloads
 */
public record TranslatorOptions(
        boolean lenient,
        SystemMessagePolicy systemMessages,
        String instructionsRole,
        boolean systemOnlyAtStart,
        boolean reasoningContent,
        CustomTools customTools,
        ProviderProfile providerProfile,
        Sealer sealer,
        IdSource ids,
        Clock clock,
        JsonCodec codec) {

    public TranslatorOptions {
        Objects.requireNonNull(systemMessages, "systemMessages");
        Objects.requireNonNull(customTools, "customTools");
        Objects.requireNonNull(providerProfile, "providerProfile");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(codec, "codec");
        if (!"system".equals(instructionsRole) && !"developer".equals(instructionsRole)) {
            throw new IllegalArgumentException("instructionsRole must be system or developer, not " + instructionsRole);
        }
    }

    /** Strict, positions kept, instructions as a system message, random ids, the system clock, the detected codec. */
    public static TranslatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().lenient(lenient).systemMessages(systemMessages).instructionsRole(instructionsRole)
                .systemOnlyAtStart(systemOnlyAtStart).reasoningContent(reasoningContent).customTools(customTools).providerProfile(providerProfile, false).sealer(sealer).ids(ids).clock(clock).codec(codec);
    }

    /** Builds {@link TranslatorOptions}. */
    public static final class Builder {
        private boolean lenient;
        private SystemMessagePolicy systemMessages = SystemMessagePolicy.KEEP_IN_PLACE;
        private String instructionsRole = "system";
        private boolean systemOnlyAtStart;
        private boolean reasoningContent;
        private CustomTools customTools = CustomTools.NATIVE;
        private ProviderProfile providerProfile = ProviderProfile.OPENAI;
        private Sealer sealer;
        private IdSource ids;
        private Clock clock = Clock.systemUTC();
        private JsonCodec codec;

        private Builder() {
        }

        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        public Builder systemMessages(SystemMessagePolicy systemMessages) {
            this.systemMessages = systemMessages;
            return this;
        }

        public Builder instructionsRole(String instructionsRole) {
            this.instructionsRole = instructionsRole;
            return this;
        }

        public Builder systemOnlyAtStart(boolean systemOnlyAtStart) {
            this.systemOnlyAtStart = systemOnlyAtStart;
            return this;
        }

        public Builder reasoningContent(boolean reasoningContent) {
            this.reasoningContent = reasoningContent;
            return this;
        }

        public Builder customTools(CustomTools customTools) {
            this.customTools = customTools;
            return this;
        }

        /**
         * The upstream's profile; {@link ProviderProfile#STRICT} also presets {@code systemOnlyAtStart(true)},
         * {@code customTools(AS_FUNCTIONS)} and {@code reasoningContent(true)} (call those afterwards to override).
         */
        public Builder providerProfile(ProviderProfile providerProfile) {
            return providerProfile(providerProfile, true);
        }

        private Builder providerProfile(ProviderProfile providerProfile, boolean preset) {
            this.providerProfile = providerProfile;
            if (preset && providerProfile == ProviderProfile.STRICT) {
                systemOnlyAtStart = true;
                customTools = CustomTools.AS_FUNCTIONS;
                reasoningContent = true;
            }
            return this;
        }

        public Builder sealer(Sealer sealer) {
            this.sealer = sealer;
            return this;
        }

        public Builder ids(IdSource ids) {
            this.ids = ids;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder codec(JsonCodec codec) {
            this.codec = codec;
            return this;
        }

        public TranslatorOptions build() {
            return new TranslatorOptions(lenient, systemMessages, instructionsRole, systemOnlyAtStart, reasoningContent,
                    customTools, providerProfile, sealer, ids != null ? ids : IdSource.random(), clock, codec != null ? codec : JsonCodec.detect());
        }
    }
}
