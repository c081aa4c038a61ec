package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.json.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tool calls of one streamed answer, keyed by the one rule of {@link ToolCallAccumulator} (the upstream's
 * {@code index}; without one, the last call unless a new id starts one), in the order they first appeared. Only one
 * item is streamed at a time, so a call whose fragments interleave with another's waits here until it can go live
 * ({@link #nextToOpen()}), or until the answer ends ({@link #waiting}).
 */
final class ToolCallBuffer {
    private final Map<Integer, ToolCallDraft> calls = new LinkedHashMap<>();
    private final ToolCallAccumulator keys = new ToolCallAccumulator();
    private final IdSource ids;
    private final Set<String> customNames;
    private final JsonCodec codec;

    /**
     * @param customNames the request's custom tools sent as functions: calls to them are custom tool calls
     */
    ToolCallBuffer(IdSource ids, Set<String> customNames, JsonCodec codec) {
        this.ids = ids;
        this.customNames = customNames;
        this.codec = codec;
    }

    /**
     * The call {@code fragment} belongs to, having absorbed it; a call that already ended is returned unchanged
     * ({@link ToolCallDraft#closed}): the fragment came too late.
     */
    ToolCallDraft add(ChunkToolCall fragment) {
        int index = keys.callFor(fragment).ordinal();
        ToolCallDraft call = calls.get(index);
        if (call == null) {
            call = new ToolCallDraft(ids, customNames, codec);
            calls.put(index, call);
            call.absorb(fragment);
            call.itemId(); // minted now, in order of arrival
        } else if (!call.closed) {
            call.absorb(fragment);
        }
        return call;
    }

    /**
     * The call a fragment with this {@code index} (and no id, or an empty one) continues, or {@code null} when it would
     * start one; changes nothing.
     */
    ToolCallDraft find(Integer index) {
        ToolCallAccumulator.Call key = keys.find(index);
        return key == null ? null : calls.get(key.ordinal());
    }

    /** The first call that has not gone live yet, or null. */
    ToolCallDraft nextToOpen() {
        for (ToolCallDraft call : calls.values()) {
            if (call.outputIndex < 0) {
                return call;
            }
        }
        return null;
    }

    /** The calls not yet ended, except {@code open}, in order: what must still be sent when the answer ends. */
    List<ToolCallDraft> waiting(ToolCallDraft open) {
        List<ToolCallDraft> out = new ArrayList<>();
        for (ToolCallDraft call : calls.values()) {
            if (!call.closed && call != open) {
                out.add(call);
            }
        }
        return out;
    }
}
