package dev.crosswalk.bridge.http;

/**
 * The two wire protocols, with the path each one's create endpoint has under the {@code /v1} base.
 *
 * <pre>{@code
 * Api api = Api.of("chat");                         // --upstream-api chat
 * String url = base + api.path();                   // https://host/v1/chat/completions
 * }</pre>
 */
public enum Api {
    /** Chat Completions: {@code POST /v1/chat/completions}. */
    CHAT("chat", "/chat/completions"),
    /** Responses: {@code POST /v1/responses}. */
    RESPONSES("responses", "/responses");

    private final String cliName;
    private final String path;

    Api(String cliName, String path) {
        this.cliName = cliName;
        this.path = path;
    }

    /** The name used on the command line and in logs: {@code chat} or {@code responses}. */
    public String cliName() {
        return cliName;
    }

    /** The create endpoint's path relative to the API base, e.g. {@code /chat/completions}. */
    public String path() {
        return path;
    }

    /** Reads {@code chat} or {@code responses}. */
    public static Api of(String name) {
        for (Api api : values()) {
            if (api.cliName.equalsIgnoreCase(name)) {
                return api;
            }
        }
        throw new IllegalArgumentException("expected chat or responses, got '" + name + "'");
    }
}
