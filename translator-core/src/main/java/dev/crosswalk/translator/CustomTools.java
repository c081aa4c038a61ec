package dev.crosswalk.translator;

/**
 * How Responses custom (freeform) tools reach a Chat upstream.
 *
 * <pre>{@code
 * TranslatorOptions.builder().customTools(CustomTools.AS_FUNCTIONS).build();
 * }</pre>
 */
public enum CustomTools {
    /** As Chat {@code type: "custom"} tools (OpenAI's own Chat API accepts them). */
    NATIVE,
    /**
     * As function tools with one required string parameter {@code input}, for upstreams that know only functions:
     * the description carries the tool's description and grammar; the upstream's call comes back to the client as a
     * {@code custom_tool_call} whose {@code input} is the raw string, and {@code custom_tool_call_output} goes back as
     * a {@code tool} message. A call whose arguments are not {@code {"input": ...}} JSON is taken as the raw input
     * itself, with a warning (models sometimes answer with the patch instead of the JSON around it).
     */
    AS_FUNCTIONS
}
