package dev.crosswalk.testkit;

import static dev.crosswalk.testkit.Json.list;
import static dev.crosswalk.testkit.Json.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a translated Chat Completions stream (the SSE {@code data:} payloads, {@code [DONE]} included) against the
 * rules of docs/architecture.md ("Stream invariants") and reassembles it, independently of the translator:
 *
 * <ul>
 *   <li>exactly one {@code [DONE]}, last; at most one {@code {"error":…}} payload, right before it;</li>
 *   <li>every chunk repeats the same {@code id}, {@code object:"chat.completion.chunk"}, {@code created},
 *       {@code model}; one choice with index 0 (or none, for the usage chunk);</li>
 *   <li>the first chunk's delta has {@code role:"assistant"}; no later chunk repeats the role;</li>
 *   <li>a successful stream has exactly one {@code finish_reason}, on the last chunk with choices; a failed one has
 *       none;</li>
 *   <li>the usage chunk ({@code choices:[]}) comes after the finish chunk iff the client asked for it, and no other
 *       chunk carries usage;</li>
 *   <li>tool-call indices are 0, 1, 2… in order of first appearance, the first fragment of each carries
 *       {@code id}, {@code type:"function"} and the name, later fragments carry neither id nor name.</li>
 * </ul>
 */
public final class ChatStreamChecker {

    /** The reassembled message. {@code content} is null when no chunk carried text. */
    public record Assembled(String id, Long created, String model, String content, String refusal, String reasoning,
            List<Call> calls, String finishReason, Map<String, Object> usage, Map<String, Object> error,
            List<Object> logprobs, int chunkCount) {
    }

    public record Call(int index, String id, String type, String name, String arguments) {
    }

    private ChatStreamChecker() {
    }

    public static Assembled check(List<String> payloads, boolean includeUsage, String ctx) {
        require(!payloads.isEmpty(), ctx, "no payload at all");
        require("[DONE]".equals(payloads.get(payloads.size() - 1)), ctx, "the stream must end with [DONE]");
        require(payloads.stream().filter("[DONE]"::equals).count() == 1, ctx, "[DONE] more than once");
        String id = null;
        Long created = null;
        String model = null;
        StringBuilder content = null;
        StringBuilder refusal = null;
        StringBuilder reasoning = null;
        List<StringBuilder> arguments = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        String finish = null;
        int finishAt = -1;
        int lastWithChoices = -1;
        Map<String, Object> usage = null;
        int usageAt = -1;
        Map<String, Object> error = null;
        List<Object> logprobs = new ArrayList<>();
        int chunks = 0;
        for (int i = 0; i < payloads.size() - 1; i++) {
            String at = "payload[" + i + "]";
            Map<String, Object> tree = Json.object(payloads.get(i));
            if (tree.containsKey("error")) {
                require(i == payloads.size() - 2, ctx, at + ": an error payload must come right before [DONE]");
                require(tree.size() == 1, ctx, at + ": an error payload has only the error: " + tree.keySet());
                error = map(tree.get("error"));
                require(error.get("message") instanceof String s && !s.isBlank(), ctx, at + ": error without message");
                continue;
            }
            chunks++;
            require("chat.completion.chunk".equals(tree.get("object")), ctx, at + ": object " + tree.get("object"));
            if (id == null) {
                id = (String) tree.get("id");
                created = tree.get("created") instanceof Number n ? n.longValue() : null;
                model = (String) tree.get("model");
                require(id != null && id.startsWith("chatcmpl-"), ctx, at + ": id " + id);
                require(created != null, ctx, at + ": no created");
            }
            require(id.equals(tree.get("id")), ctx, at + ": id " + tree.get("id") + " != " + id);
            require(Objects.equals(created, tree.get("created") instanceof Number n ? n.longValue() : null), ctx, at + ": created changed");
            require(Objects.equals(model, tree.get("model")), ctx, at + ": model " + tree.get("model") + " != " + model);
            if (tree.get("usage") != null) {
                require(usage == null, ctx, at + ": usage on more than one chunk");
                usage = map(tree.get("usage"));
                usageAt = i;
                require(list(tree.get("choices")).isEmpty(), ctx, at + ": the usage chunk must have choices:[]");
            }
            List<Object> choices = list(tree.get("choices"));
            require(choices != null, ctx, at + ": no choices array");
            require(choices.size() <= 1, ctx, at + ": several choices");
            if (choices.isEmpty()) {
                continue;
            }
            require(finish == null, ctx, at + ": a chunk with choices after the finish_reason chunk");
            lastWithChoices = i;
            Map<String, Object> choice = map(choices.get(0));
            require(Objects.equals(choice.get("index") instanceof Number n ? n.intValue() : null, 0), ctx, at + ": choice index " + choice.get("index"));
            Map<String, Object> delta = map(choice.get("delta"));
            require(delta != null, ctx, at + ": no delta");
            if (chunks == 1) {
                require("assistant".equals(delta.get("role")), ctx, at + ": the first chunk must carry role assistant");
            } else {
                require(delta.get("role") == null, ctx, at + ": role repeated");
            }
            if (delta.get("content") instanceof String s && !(chunks == 1 && s.isEmpty())) {
                content = (content == null ? new StringBuilder() : content).append(s);
            }
            if (delta.get("refusal") instanceof String s) {
                refusal = (refusal == null ? new StringBuilder() : refusal).append(s);
            }
            if (delta.get("reasoning_content") instanceof String s) {
                reasoning = (reasoning == null ? new StringBuilder() : reasoning).append(s);
            }
            if (choice.get("logprobs") instanceof Map<?, ?> lp && lp.get("content") instanceof List<?> l) {
                logprobs.addAll(l);
            }
            if (delta.get("tool_calls") != null) {
                for (Object raw : list(delta.get("tool_calls"))) {
                    Map<String, Object> fragment = map(raw);
                    int index = ((Number) fragment.get("index")).intValue();
                    Map<String, Object> function = map(fragment.get("function"));
                    require(function != null, ctx, at + ": a tool call fragment without function");
                    if (index == calls.size()) {
                        String callId = (String) fragment.get("id");
                        require(callId != null && !callId.isEmpty(), ctx, at + ": the first fragment of call " + index + " has no id");
                        require("function".equals(fragment.get("type")), ctx, at + ": call " + index + " type " + fragment.get("type"));
                        String name = (String) function.get("name");
                        require(name != null && !name.isEmpty(), ctx, at + ": call " + index + " has no name");
                        for (Call c : calls) {
                            require(!c.id().equals(callId), ctx, at + ": call id " + callId + " used by two indices");
                        }
                        calls.add(new Call(index, callId, "function", name, null));
                        arguments.add(new StringBuilder());
                    } else {
                        require(index >= 0 && index < calls.size(), ctx,
                                at + ": tool call index " + index + " out of order (seen " + calls.size() + " calls)");
                        require(fragment.get("id") == null, ctx, at + ": a later fragment of call " + index + " repeats an id");
                        require(function.get("name") == null, ctx, at + ": a later fragment of call " + index + " repeats the name");
                    }
                    if (function.get("arguments") instanceof String a) {
                        arguments.get(index).append(a);
                    }
                }
            }
            if (choice.get("finish_reason") != null) {
                finish = (String) choice.get("finish_reason");
                finishAt = i;
            }
        }
        require(chunks > 0 || error != null, ctx, "neither a chunk nor an error");
        if (error == null) {
            require(finish != null, ctx, "a stream that did not fail has no finish_reason");
            require(finishAt == lastWithChoices, ctx, "finish_reason is not on the last chunk with choices");
            if (includeUsage) {
                require(usage != null && usageAt > finishAt, ctx, "include_usage asked: a usage chunk must follow the finish chunk");
            } else {
                require(usage == null, ctx, "include_usage not asked, yet a usage chunk came: " + usage);
            }
        } else {
            require(finish == null, ctx, "a failed stream must not carry a finish_reason (" + finish + ")");
            require(usage == null, ctx, "a failed stream sent usage");
        }
        List<Call> done = new ArrayList<>();
        for (int k = 0; k < calls.size(); k++) {
            Call c = calls.get(k);
            done.add(new Call(k, c.id(), c.type(), c.name(), arguments.get(k).toString()));
        }
        return new Assembled(id, created, model, content == null ? null : content.toString(),
                refusal == null ? null : refusal.toString(), reasoning == null ? null : reasoning.toString(), done, finish,
                usage, error, logprobs, chunks);
    }

    private static void require(boolean condition, String ctx, String message) {
        if (!condition) {
            throw new AssertionError(ctx + ": " + message);
        }
    }
}
