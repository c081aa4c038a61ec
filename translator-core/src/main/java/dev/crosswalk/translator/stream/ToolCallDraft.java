package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.mapping.CustomCallInput;
import java.util.Map;
import java.util.Set;

/**
 * One tool call of a Chat stream, assembled from its fragments. It is a function call, or a custom (freeform) tool
 * call in either shape an upstream sends: Chat's own {@code {"type": "custom", "custom": {"name", "input"}}}
 * fragments (raw input), or a function call to one of the request's custom tools sent as functions, whose
 * {@code {"input": "..."}} arguments are unwrapped as they arrive ({@link CustomCallInput}).
 *
 * <p>{@link #pending()} is what the call holds and has not streamed: argument text for a function call, input text
 * for a custom call. {@code outputIndex} is set when its item opens.
 */
final class ToolCallDraft {
    private final IdSource ids;
    private final Set<String> customNames;
    private final JsonCodec codec;
    private final StringBuilder arguments = new StringBuilder();
    /** Input text of a custom call: raw fragments, or what the unwrapping decoded so far. */
    private final StringBuilder input = new StringBuilder();
    private final JsonNesting nesting = new JsonNesting();
    private String itemId;
    private String callId;
    private String name;
    /** Chat's custom fragment shape; null while not known (no name and no type yet). */
    private boolean nativeCustom;
    private CustomCallInput unwrapping;
    private String warning;
    int outputIndex = -1;
    private int streamed;
    boolean closed;

    ToolCallDraft(IdSource ids, Set<String> customNames, JsonCodec codec) {
        this.ids = ids;
        this.customNames = customNames;
        this.codec = codec;
    }

    /** A fragment that adds nothing (some servers send empty trailing fragments). */
    static boolean isBlank(ChunkToolCall fragment) {
        if (fragment.extra().get("custom") instanceof Map<?, ?> custom) {
            return !(custom.get("input") instanceof String s && !s.isEmpty());
        }
        return fragment.function() == null || ((fragment.function().arguments() == null || fragment.function().arguments().isBlank())
                && (fragment.function().name() == null || fragment.function().name().isEmpty()));
    }

    /** OpenAI-compatible servers may repeat {@code "id": ""} and {@code "type": ""} on later fragments. */
    void absorb(ChunkToolCall fragment) {
        if (fragment.id() != null && !fragment.id().isEmpty() && callId == null) {
            callId = fragment.id();
        }
        if (fragment.extra().get("custom") instanceof Map<?, ?> custom) {
            nativeCustom = true;
            if (custom.get("name") instanceof String n && !n.isEmpty() && name == null) {
                name = n;
            }
            if (custom.get("input") instanceof String s) {
                input.append(s);
            }
            return;
        }
        if (fragment.function() == null) {
            return;
        }
        if (fragment.function().name() != null && !fragment.function().name().isEmpty() && name == null) {
            name = fragment.function().name();
            if (customNames.contains(name)) {
                unwrapping = new CustomCallInput(codec);
                input.append(unwrapping.feed(arguments.toString())); // arguments that came before the name
            }
        }
        String more = fragment.function().arguments();
        if (more != null) {
            arguments.append(more);
            nesting.scan(more);
            if (unwrapping != null) {
                input.append(unwrapping.feed(more));
            }
        }
    }

    boolean custom() {
        return nativeCustom || unwrapping != null;
    }

    /** The item id, minted on first use with the prefix of the call's kind ({@code fc_} or {@code ctc_}). */
    String itemId() {
        if (itemId == null) {
            itemId = ids.next(custom() ? "ctc_" : "fc_");
        }
        return itemId;
    }

    /**
     * Whether the call is known to be whole, so that another may take over the stream: a function call's arguments
     * are complete JSON. A custom call's raw input has no end marker; it waits for the end of the answer.
     */
    boolean complete() {
        return unwrapping != null ? nesting.complete() : !nativeCustom && nesting.complete();
    }

    /** Whether everything the call holds has been streamed. */
    boolean streamedAll() {
        return (custom() ? input : arguments).length() <= streamed;
    }

    /**
     * One more fragment of a function call's arguments, streamed as it comes: for a call that is not custom and has
     * streamed all it held, what {@link #absorb} of a fragment carrying only {@code more} and then {@link
     * #takePending} (which would answer {@code more}) do, with no fragment record and no substring.
     */
    void appendStreamed(String more) {
        arguments.append(more);
        nesting.scan(more);
        streamed = arguments.length();
    }

    /** Text held but not streamed yet; marks it streamed. */
    String takePending() {
        StringBuilder source = custom() ? input : arguments;
        if (source.length() <= streamed) {
            return "";
        }
        String pending = source.substring(streamed);
        streamed = source.length();
        return pending;
    }

    /** Ends the call: a custom call's unwrapping decides what remains (a recovery is reported by {@link #warning()}). */
    void finish() {
        if (unwrapping != null) {
            input.append(unwrapping.finish());
            warning = unwrapping.warning();
        }
        closed = true;
    }

    String callId() {
        return callId;
    }

    String name() {
        return name;
    }

    String arguments() {
        return arguments.toString();
    }

    String input() {
        return input.toString();
    }

    /** Why a custom call's arguments were not {@code {"input": "..."}}, once finished; or null. */
    String warning() {
        return warning;
    }
}
