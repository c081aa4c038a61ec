package dev.crosswalk.springai;

/**
 * Which protocol the upstream endpoint speaks.
 *
 * <pre>{@code
 * CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).model("gpt-5-pro").build();
 * }</pre>
 */
public enum WireApi {

    /** {@code POST /v1/chat/completions}: OpenAI, and most OpenAI-compatible servers and gateways. */
    CHAT_COMPLETIONS,

    /** {@code POST /v1/responses}: OpenAI's newer API, the only one some models (the pro and codex families) accept. */
    RESPONSES
}
