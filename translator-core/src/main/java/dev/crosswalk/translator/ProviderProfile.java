package dev.crosswalk.translator;

/**
 * What a Chat upstream accepts beyond the core protocol. The table of what each profile sends is in
 * {@code docs/chat-only-providers.md}.
 *
 * <pre>{@code
 * // DeepSeek, Qwen/DashScope, vLLM, Ollama, llama.cpp and most gateways:
 * TranslatorOptions.builder().providerProfile(ProviderProfile.STRICT).build();
 * }</pre>
 */
public enum ProviderProfile {
    /** OpenAI's own Chat Completions API: every OpenAI field is forwarded. */
    OPENAI,
    /**
     * A third-party server that refuses what it does not know. Presets {@code developer} → a leading {@code system}
     * message ({@link TranslatorOptions#systemOnlyAtStart()}), custom tools {@link CustomTools#AS_FUNCTIONS} and
     * {@link TranslatorOptions#reasoningContent()} on; and drops, each with a warning, {@code store},
     * {@code metadata}, {@code service_tier}, {@code prompt_cache_key}, {@code prompt_cache_retention}
     * (same family), {@code safety_identifier}, {@code client_metadata}, {@code verbosity}, {@code reasoning_effort},
     * and {@code parallel_tool_calls} when no tools are sent.
     */
    STRICT
}
