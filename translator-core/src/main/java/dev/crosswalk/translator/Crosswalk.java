package dev.crosswalk.translator;

/**
 * The entry point: translators between OpenAI Chat Completions and Responses.
 *
 * <pre>{@code
 * Translator translator = Crosswalk.translator();
 *
 * // Chat Completions request -> Responses request
 * Translation<ResponsesRequest> request = translator.toResponses(chatRequest);
 *
 * // ... send it, get a Response back, and answer the Chat client:
 * Translation<ChatCompletion> completion = translator.toChat(response);
 *
 * // Lenient: drop what has no equivalent, with warnings, instead of rejecting
 * Translation<String> json = Crosswalk.translator().lenient().requestToResponses(chatJson);
 * }</pre>
 */
public final class Crosswalk {
    private Crosswalk() {
    }

    /** A translator with {@link TranslatorOptions#defaults()}: strict, random ids, the system clock, the detected codec. */
    public static Translator translator() {
        return new Translator(TranslatorOptions.defaults());
    }

    /** A translator with the given options. */
    public static Translator translator(TranslatorOptions options) {
        return new Translator(options);
    }
}
