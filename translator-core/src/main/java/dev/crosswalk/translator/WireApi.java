package dev.crosswalk.translator;

import java.util.Locale;

/**
 * The two OpenAI wire protocols, with the path of each one's create endpoint under an API base such as
 * {@code https://api.openai.com/v1}. The bridge's flags, both adapters' options and the translator all name a
 * protocol with this one type.
 *
 * <pre>{@code
 * WireApi api = WireApi.of("chat");                 // --upstream-api chat, wire-api: chat_completions
 * String url = baseUrl + api.path();                // https://host/v1/chat/completions
 * }</pre>
 */
public enum WireApi {
    /** Chat Completions, {@code POST /v1/chat/completions}: OpenAI and most OpenAI-compatible servers and gateways. */
    CHAT_COMPLETIONS("chat", "/chat/completions"),
    /** Responses, {@code POST /v1/responses}: OpenAI's newer API, the only one Codex and some models accept. */
    RESPONSES("responses", "/responses");

    private final String shortName;
    private final String path;

    WireApi(String shortName, String path) {
        this.shortName = shortName;
        this.path = path;
    }

    /** The name used on the command line, in logs and metrics: {@code chat} or {@code responses}. */
    public String shortName() {
        return shortName;
    }

    /** The create endpoint's path relative to the API base: {@code /chat/completions} or {@code /responses}. */
    public String path() {
        return path;
    }

    /**
     * Reads a protocol name as people write it: {@code chat}, {@code chat_completions}, {@code chat-completions},
     * {@code responses}, in any case.
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static WireApi of(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "chat", "chat_completions", "chatcompletions" -> {
                return CHAT_COMPLETIONS;
            }
            case "responses" -> {
                return RESPONSES;
            }
            default -> throw new IllegalArgumentException("expected chat or responses, got '" + name + "'");
        }
    }
}
