package dev.crosswalk.langchain4j;

/**
 * The protocol the endpoint speaks. The same LangChain4j request is sent as either; answers and streams from
 * either come back as the same {@link dev.langchain4j.model.chat.response.ChatResponse}.
 *
 * <pre>{@code
 * CrosswalkChatModel model = CrosswalkChatModel.builder()
 *         .baseUrl("https://gateway.example/v1")
 *         .wireApi(WireApi.RESPONSES)      // POST {baseUrl}/responses
 *         .modelName("gpt-5-pro")
 *         .build();
 * }</pre>
 */
public enum WireApi {
    /** {@code POST {baseUrl}/chat/completions}. */
    CHAT_COMPLETIONS("/chat/completions"),
    /** {@code POST {baseUrl}/responses}. */
    RESPONSES("/responses");

    private final String path;

    WireApi(String path) {
        this.path = path;
    }

    /** The endpoint path appended to the base URL. */
    public String path() {
        return path;
    }
}
