package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the tool calls of one streamed Chat answer from their fragments ({@code delta.tool_calls[]}). The core's
 * stream translator and both adapters key fragments by this one rule:
 *
 * <ul>
 *   <li>a fragment with an {@code index} belongs to the call of that index;</li>
 *   <li>a fragment without one (some OpenAI-compatible servers omit it) continues the last call, unless it carries
 *       an {@code id} other than that call's, which starts a new call.</li>
 * </ul>
 *
 * The first non-empty {@code id} and name win: servers repeat {@code "id":""} and {@code "type":""} on later
 * fragments. Arguments are concatenated; a {@code custom} tool call's {@code input} is its arguments.
 *
 * <pre>{@code
 * ToolCallAccumulator calls = new ToolCallAccumulator();
 * for (ChunkToolCall fragment : delta.toolCalls()) {
 *     ToolCallAccumulator.Call call = calls.add(fragment);
 * }
 * calls.calls().forEach(c -> run(c.name(), c.arguments()));
 * }</pre>
 *
 * Not thread-safe: one per stream.
 */
public final class ToolCallAccumulator {
    private final List<Call> calls = new ArrayList<>();
    private final Map<Integer, Call> byIndex = new HashMap<>();

    /**
     * The call a fragment belongs to, created when the fragment starts one; records the call's id and name but not
     * its arguments (for a caller that keeps its own buffers).
     */
    public Call callFor(ChunkToolCall fragment) {
        Call call;
        if (fragment.index() != null) {
            call = byIndex.get(fragment.index());
            if (call == null) {
                call = newCall(fragment.index());
                byIndex.put(fragment.index(), call);
            }
        } else {
            Call last = calls.isEmpty() ? null : calls.get(calls.size() - 1);
            boolean newId = present(fragment.id()) && last != null && last.id != null && !fragment.id().equals(last.id);
            call = last == null || newId ? newCall(null) : last;
        }
        if (call.id == null && present(fragment.id())) {
            call.id = fragment.id();
        }
        if (call.type == null && present(fragment.type())) {
            call.type = fragment.type();
        }
        String name = name(fragment);
        if (call.name == null && present(name)) {
            call.name = name;
        }
        return call;
    }

    /**
     * The call a fragment with this {@code index} and no new id belongs to, or {@code null} when it would start one;
     * changes nothing.
     */
    Call find(Integer index) {
        if (index != null) {
            return byIndex.get(index);
        }
        return calls.isEmpty() ? null : calls.get(calls.size() - 1);
    }

    /** {@link #callFor} and the fragment's arguments appended; returns the call. */
    public Call add(ChunkToolCall fragment) {
        Call call = callFor(fragment);
        String arguments = arguments(fragment);
        if (arguments != null) {
            call.arguments.append(arguments);
        }
        return call;
    }

    /** The calls in the order they first appeared. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    /** The argument text a fragment adds ({@code function.arguments}, or a custom call's {@code input}), or null. */
    public static String arguments(ChunkToolCall fragment) {
        ChunkFunction function = fragment.function();
        if (function != null && function.arguments() != null) {
            return function.arguments();
        }
        return fragment.extra().get("custom") instanceof Map<?, ?> custom && custom.get("input") instanceof String input
                ? input : null;
    }

    private static String name(ChunkToolCall fragment) {
        if (fragment.function() != null) {
            return fragment.function().name();
        }
        return fragment.extra().get("custom") instanceof Map<?, ?> custom && custom.get("name") instanceof String name
                ? name : null;
    }

    private Call newCall(Integer index) {
        Call call = new Call(calls.size(), index);
        calls.add(call);
        return call;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    /** One call being assembled. */
    public static final class Call {
        private final int ordinal;
        private final Integer index;
        private final StringBuilder arguments = new StringBuilder();
        private String id;
        private String type;
        private String name;

        private Call(int ordinal, Integer index) {
            this.ordinal = ordinal;
            this.index = index;
        }

        /** Its position among the calls, from 0, in order of first appearance. */
        public int ordinal() {
            return ordinal;
        }

        /** The {@code index} its fragments carry, or its ordinal when they carry none. */
        public int index() {
            return index != null ? index : ordinal;
        }

        /** The call id, or null while no fragment has carried one. */
        public String id() {
            return id;
        }

        /** {@code function} (the default) or {@code custom}. */
        public String type() {
            return type != null ? type : "function";
        }

        public String name() {
            return name;
        }

        /** The arguments so far (empty while none came). */
        public String arguments() {
            return arguments.toString();
        }

        @Override
        public String toString() {
            return "Call[" + ordinal + ", id=" + id + ", name=" + name + ", " + arguments.length() + " argument chars]";
        }
    }
}
