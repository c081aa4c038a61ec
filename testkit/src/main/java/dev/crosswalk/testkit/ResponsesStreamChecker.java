package dev.crosswalk.testkit;

import static dev.crosswalk.testkit.Json.list;
import static dev.crosswalk.testkit.Json.map;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the stream invariants of docs/architecture.md ("Stream invariants") on a translated Responses event stream, in its wire form (JSON
 * trees), independently of how the translator is written:
 *
 * <ul>
 *   <li>{@code sequence_number} is the event's position, from 0, terminal events included;</li>
 *   <li>{@code response.created}, {@code response.in_progress} first, each {@code in_progress} with empty output;</li>
 *   <li>exactly one terminal event, the last one; {@code response.failed} right after an {@code error} event;</li>
 *   <li>one item open at a time; {@code output_index} assigned in order at {@code output_item.added}, never reused;
 *       every item-scoped event inside its item's added…done window, with that item's id and index;</li>
 *   <li>content parts open and close in order inside their item; concatenated deltas == {@code .done} text ==
 *       {@code content_part.done} part == the part in {@code output_item.done};</li>
 *   <li>function calls: {@code call_id} and {@code name} on {@code added}, {@code call_id} never used as the item
 *       id; concatenated argument deltas == {@code arguments.done} == the item's arguments; custom tool calls the
 *       same with {@code custom_tool_call_input} deltas, {@code .done} and the item's {@code input};</li>
 *   <li>reasoning summaries: summary part added, text deltas, text done == concatenated deltas, part done, inside
 *       the reasoning item, and equal to the item's {@code summary};</li>
 *   <li>no ghost events: no {@code done} without its {@code added}, no empty message, no empty text part;</li>
 *   <li>the terminal response's {@code output} is exactly the items of the {@code output_item.done} events, and its
 *       ids are the streamed ids.</li>
 * </ul>
 *
 * Every assertion message starts with the caller's context (the seed, the case name).
 */
public final class ResponsesStreamChecker {
    public static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    /** What the stream said, once checked. */
    public record Result(String terminalType, Map<String, Object> response, List<Map<String, Object>> doneItems,
            List<String> streamedIds, List<Map<String, Object>> events) {

        public boolean completed() {
            return "response.completed".equals(terminalType);
        }

        public boolean failed() {
            return "response.failed".equals(terminalType);
        }

        /** The text of every output_text part, in order. */
        public String text() {
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> item : doneItems) {
                if ("message".equals(item.get("type"))) {
                    for (Object part : list(item.get("content"))) {
                        if ("output_text".equals(map(part).get("type"))) {
                            text.append(map(part).get("text"));
                        }
                    }
                }
            }
            return text.toString();
        }

        public List<Map<String, Object>> items(String type) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> item : doneItems) {
                if (type.equals(item.get("type"))) {
                    out.add(item);
                }
            }
            return out;
        }

        public long count(String eventType) {
            return events.stream().filter(e -> eventType.equals(e.get("type"))).count();
        }
    }

    private final String ctx;
    private final List<Map<String, Object>> doneItems = new ArrayList<>();
    private final List<String> streamedIds = new ArrayList<>();
    private final Set<String> seenIds = new HashSet<>();
    private Open open;
    private int added;

    private ResponsesStreamChecker(String ctx) {
        this.ctx = ctx;
    }

    /** Checks a stream that must have ended (any terminal event). */
    public static Result check(List<Map<String, Object>> events, String ctx) {
        return new ResponsesStreamChecker(ctx).run(events, true);
    }

    /** Checks a stream that may still be running (no terminal event required). */
    public static Result checkPrefix(List<Map<String, Object>> events, String ctx) {
        return new ResponsesStreamChecker(ctx).run(events, false);
    }

    private Result run(List<Map<String, Object>> events, boolean ended) {
        require(!events.isEmpty(), "the stream has no event at all");
        String responseId = null;
        String terminal = null;
        Map<String, Object> terminalResponse = null;
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> e = events.get(i);
            String type = (String) e.get("type");
            String at = "event[" + i + "] " + type;
            require(type != null, at + ": no type");
            require(Objects.equals(number(e.get("sequence_number")), (long) i),
                    at + ": sequence_number " + e.get("sequence_number") + ", expected " + i + " (contiguous from 0)");
            require(terminal == null, at + ": an event after the terminal " + terminal);
            if (i == 0) {
                require("response.created".equals(type), at + ": the first event must be response.created");
            }
            if (i == 1) {
                require("response.in_progress".equals(type), at + ": the second event must be response.in_progress");
            }
            if (e.containsKey("response")) {
                Map<String, Object> r = map(e.get("response"));
                require(r != null, at + ": response is null");
                if (responseId == null) {
                    responseId = (String) r.get("id");
                    require(responseId != null && responseId.startsWith("resp_"), at + ": response id " + responseId);
                }
                require(responseId.equals(r.get("id")), at + ": response id changed from " + responseId + " to " + r.get("id"));
                require("response".equals(r.get("object")), at + ": response.object " + r.get("object"));
            }
            switch (type) {
                case "response.created", "response.in_progress" -> {
                    require(i <= 1, at + ": repeated");
                    Map<String, Object> r = map(e.get("response"));
                    require("in_progress".equals(r.get("status")), at + ": status " + r.get("status"));
                    require(list(r.get("output")).isEmpty(), at + ": output must be empty, was " + r.get("output"));
                }
                case "response.output_item.added" -> itemAdded(e, at);
                case "response.content_part.added" -> partAdded(e, at);
                case "response.output_text.delta", "response.refusal.delta", "response.reasoning_text.delta" -> partDelta(e, at);
                case "response.output_text.done", "response.refusal.done", "response.reasoning_text.done" -> partTextDone(e, at);
                case "response.content_part.done" -> partDone(e, at);
                case "response.output_text.annotation.added" -> {
                    scoped(e, at);
                    require(open.part != null && "output_text".equals(open.part.type), at + ": no output_text part open");
                }
                case "response.function_call_arguments.delta" -> {
                    scoped(e, at);
                    require("function_call".equals(open.type), at + ": arguments delta inside a " + open.type);
                    require(!open.argumentsDone, at + ": arguments delta after arguments.done");
                    String delta = (String) e.get("delta");
                    require(delta != null && !delta.isEmpty(), at + ": empty arguments delta");
                    open.arguments.append(delta);
                }
                case "response.function_call_arguments.done" -> {
                    scoped(e, at);
                    require("function_call".equals(open.type), at + ": arguments done inside a " + open.type);
                    require(!open.argumentsDone, at + ": arguments.done twice");
                    require(open.arguments.toString().equals(e.get("arguments")),
                            at + ": arguments.done " + e.get("arguments") + " != concatenated deltas " + open.arguments);
                    require(Objects.equals(open.name, e.get("name")), at + ": name " + e.get("name") + " != " + open.name);
                    open.argumentsDone = true;
                }
                case "response.custom_tool_call_input.delta" -> {
                    scoped(e, at);
                    require("custom_tool_call".equals(open.type), at + ": input delta inside a " + open.type);
                    require(!open.argumentsDone, at + ": input delta after input.done");
                    String delta = (String) e.get("delta");
                    require(delta != null && !delta.isEmpty(), at + ": empty input delta");
                    open.arguments.append(delta);
                }
                case "response.custom_tool_call_input.done" -> {
                    scoped(e, at);
                    require("custom_tool_call".equals(open.type), at + ": input done inside a " + open.type);
                    require(!open.argumentsDone, at + ": input.done twice");
                    require(open.arguments.toString().equals(e.get("input")),
                            at + ": input.done " + e.get("input") + " != concatenated deltas " + open.arguments);
                    open.argumentsDone = true;
                }
                case "response.reasoning_summary_part.added" -> {
                    scoped(e, at);
                    require("reasoning".equals(open.type), at + ": a summary part inside a " + open.type);
                    require(open.summary == null && Objects.equals(number(e.get("summary_index")), (long) open.summaries.size()),
                            at + ": summary_index " + e.get("summary_index"));
                    open.summary = new StringBuilder();
                }
                case "response.reasoning_summary_text.delta" -> {
                    scoped(e, at);
                    require(open.summary != null && open.summaryDone == null, at + ": no summary part open");
                    open.summary.append((String) e.get("delta"));
                }
                case "response.reasoning_summary_text.done" -> {
                    scoped(e, at);
                    require(open.summary != null && open.summary.toString().equals(e.get("text")),
                            at + ": summary text " + e.get("text") + " != concatenated deltas " + open.summary);
                    open.summaryDone = (String) e.get("text");
                }
                case "response.reasoning_summary_part.done" -> {
                    scoped(e, at);
                    require(open.summaryDone != null, at + ": summary part done before its text done");
                    require(open.summaryDone.equals(map(e.get("part")).get("text")), at + ": summary part text");
                    open.summaries.add(map(e.get("part")));
                    open.summary = null;
                    open.summaryDone = null;
                }
                case "response.output_item.done" -> itemDone(e, at);
                case "error" -> {
                    require(i == events.size() - 2 && "response.failed".equals(events.get(i + 1).get("type")),
                            at + ": an error event must be followed by response.failed, and nothing else");
                    require(e.get("message") instanceof String s && !s.isBlank(), at + ": error without a message");
                }
                case "response.completed", "response.incomplete", "response.failed" -> {
                    terminal = type;
                    terminalResponse = map(e.get("response"));
                    terminal(e, type, at);
                }
                default -> throw fail(at + ": an event type the translator must not send");
            }
        }
        if (ended) {
            require(terminal != null, "the stream has no terminal event (last: " + events.get(events.size() - 1).get("type") + ")");
        }
        return new Result(terminal, terminalResponse, List.copyOf(doneItems), List.copyOf(streamedIds), events);
    }

    private void itemAdded(Map<String, Object> e, String at) {
        require(open == null, at + ": a second item opened while " + (open == null ? "" : open.id) + " is open (one item at a time)");
        require(Objects.equals(number(e.get("output_index")), (long) added),
                at + ": output_index " + e.get("output_index") + ", expected " + added);
        Map<String, Object> item = map(e.get("item"));
        String type = (String) item.get("type");
        String id = (String) item.get("id");
        require(id != null && !id.isEmpty(), at + ": item without id");
        require(seenIds.add(id), at + ": item id " + id + " reused");
        String prefix = switch (type) {
            case "message" -> "msg_";
            case "function_call" -> "fc_";
            case "custom_tool_call" -> "ctc_";
            case "reasoning" -> "rs_";
            default -> throw fail(at + ": unexpected item type " + type);
        };
        require(id.startsWith(prefix), at + ": " + type + " id " + id + " must start with " + prefix);
        open = new Open(id, added, type);
        if ("message".equals(type)) {
            require("in_progress".equals(item.get("status")), at + ": status " + item.get("status"));
            require("assistant".equals(item.get("role")), at + ": role " + item.get("role"));
            require(list(item.get("content")).isEmpty(), at + ": content must start empty");
        } else if ("function_call".equals(type)) {
            require("in_progress".equals(item.get("status")), at + ": status " + item.get("status"));
            open.callId = (String) item.get("call_id");
            open.name = (String) item.get("name");
            require(open.callId != null && !open.callId.isEmpty(), at + ": function_call without call_id");
            require(!open.callId.equals(id), at + ": call_id used as the item id");
            require(open.name != null && !open.name.isEmpty(), at + ": function_call without name");
            require("".equals(item.get("arguments")), at + ": added function_call must have arguments \"\", had " + item.get("arguments"));
        } else if ("custom_tool_call".equals(type)) {
            open.callId = (String) item.get("call_id");
            open.name = (String) item.get("name");
            require(open.callId != null && !open.callId.isEmpty(), at + ": custom_tool_call without call_id");
            require(open.name != null && !open.name.isEmpty(), at + ": custom_tool_call without name");
            require("".equals(item.get("input")), at + ": added custom_tool_call must have input \"\", had " + item.get("input"));
        }
        streamedIds.add(id);
        added++;
    }

    private void scoped(Map<String, Object> e, String at) {
        require(open != null, at + ": an item-scoped event outside any item's added…done window");
        require(open.id.equals(e.get("item_id")), at + ": item_id " + e.get("item_id") + " but the open item is " + open.id);
        require(Objects.equals(number(e.get("output_index")), (long) open.index),
                at + ": output_index " + e.get("output_index") + " but the open item is at " + open.index);
    }

    private static String partType(String eventType) {
        if (eventType.startsWith("response.output_text")) {
            return "output_text";
        }
        if (eventType.startsWith("response.refusal")) {
            return "refusal";
        }
        return "reasoning_text";
    }

    private static String partText(Map<String, Object> part) {
        return (String) ("refusal".equals(part.get("type")) ? part.get("refusal") : part.get("text"));
    }

    private void partAdded(Map<String, Object> e, String at) {
        scoped(e, at);
        require(!"function_call".equals(open.type), at + ": a content part inside a function_call");
        require(open.part == null, at + ": a part opened while part " + (open.part == null ? "" : open.part.index) + " is open");
        require(Objects.equals(number(e.get("content_index")), (long) open.parts.size()),
                at + ": content_index " + e.get("content_index") + ", expected " + open.parts.size());
        Map<String, Object> part = map(e.get("part"));
        String type = (String) part.get("type");
        require("message".equals(open.type) ? Set.of("output_text", "refusal").contains(type) : "reasoning_text".equals(type),
                at + ": part type " + type + " inside a " + open.type);
        require("".equals(partText(part)), at + ": an added part must be empty");
        open.part = new Part(open.parts.size(), type);
    }

    private void partDelta(Map<String, Object> e, String at) {
        scoped(e, at);
        String type = partType((String) e.get("type"));
        require(open.part != null && open.part.type.equals(type), at + ": no " + type + " part open");
        require(Objects.equals(number(e.get("content_index")), (long) open.part.index), at + ": content_index " + e.get("content_index"));
        require(open.part.doneText == null, at + ": delta after the part's .done");
        String delta = (String) e.get("delta");
        require(delta != null && !delta.isEmpty(), at + ": empty delta");
        open.part.text.append(delta);
    }

    private void partTextDone(Map<String, Object> e, String at) {
        scoped(e, at);
        String type = partType((String) e.get("type"));
        require(open.part != null && open.part.type.equals(type), at + ": no " + type + " part open");
        require(Objects.equals(number(e.get("content_index")), (long) open.part.index), at + ": content_index");
        String text = (String) ("refusal".equals(type) ? e.get("refusal") : e.get("text"));
        require(open.part.text.toString().equals(text), at + ": .done text " + text + " != concatenated deltas " + open.part.text);
        require(!text.isEmpty(), at + ": a ghost part: empty text");
        open.part.doneText = text;
    }

    private void partDone(Map<String, Object> e, String at) {
        scoped(e, at);
        require(open.part != null, at + ": no part open");
        require(Objects.equals(number(e.get("content_index")), (long) open.part.index), at + ": content_index");
        require(open.part.doneText != null, at + ": content_part.done before the part's text .done");
        Map<String, Object> part = map(e.get("part"));
        require(open.part.type.equals(part.get("type")), at + ": part type " + part.get("type"));
        require(open.part.doneText.equals(partText(part)), at + ": part text " + partText(part) + " != " + open.part.doneText);
        open.parts.add(part);
        open.part = null;
    }

    private void itemDone(Map<String, Object> e, String at) {
        require(open != null, at + ": output_item.done without an open item (ghost done)");
        require(Objects.equals(number(e.get("output_index")), (long) open.index), at + ": output_index " + e.get("output_index"));
        Map<String, Object> item = map(e.get("item"));
        require(open.id.equals(item.get("id")), at + ": item id " + item.get("id") + " != added id " + open.id);
        require(open.type.equals(item.get("type")), at + ": item type " + item.get("type") + " != " + open.type);
        require(open.part == null, at + ": the item closed with part " + (open.part == null ? "" : open.part.index) + " open");
        switch (open.type) {
            case "message" -> {
                require(!open.parts.isEmpty(), at + ": a ghost message: no content");
                require(open.parts.equals(item.get("content")), at + ": content " + item.get("content") + " != parts " + open.parts);
            }
            case "reasoning" -> {
                require(open.parts.equals(item.get("content")), at + ": reasoning content " + item.get("content") + " != parts " + open.parts);
                require(open.summary == null, at + ": the reasoning item closed with a summary part open");
                require(open.summaries.equals(item.get("summary") == null ? List.of() : item.get("summary")),
                        at + ": reasoning summary " + item.get("summary") + " != streamed " + open.summaries);
            }
            case "custom_tool_call" -> {
                require(open.argumentsDone, at + ": the custom_tool_call closed without custom_tool_call_input.done");
                require(open.arguments.toString().equals(item.get("input")), at + ": item input " + item.get("input") + " != streamed " + open.arguments);
                require(open.callId.equals(item.get("call_id")), at + ": call_id changed to " + item.get("call_id"));
                require(open.name.equals(item.get("name")), at + ": name changed to " + item.get("name"));
            }
            case "function_call" -> {
                require(open.argumentsDone, at + ": the function_call closed without function_call_arguments.done");
                require(open.arguments.toString().equals(item.get("arguments")),
                        at + ": item arguments " + item.get("arguments") + " != streamed " + open.arguments);
                require(open.callId.equals(item.get("call_id")), at + ": call_id changed to " + item.get("call_id"));
                require(open.name.equals(item.get("name")), at + ": name changed to " + item.get("name"));
            }
            default -> throw fail(at + ": type " + open.type);
        }
        doneItems.add(item);
        open = null;
    }

    private void terminal(Map<String, Object> e, String type, String at) {
        Map<String, Object> r = map(e.get("response"));
        String status = type.substring("response.".length());
        require(status.equals(r.get("status")), at + ": status " + r.get("status"));
        if (!"response.failed".equals(type)) {
            require(open == null, at + ": the response ended with item " + (open == null ? "" : open.id) + " still open");
            // Reasoning items may have no status (live traffic has none). In an incomplete response the items that
            // had ended before the truncation may say "completed"; the last one was cut and says "incomplete".
            for (int k = 0; k < doneItems.size(); k++) {
                Map<String, Object> item = doneItems.get(k);
                Object itemStatus = item.get("status");
                // custom_tool_call items have no status at all (spec CustomToolCall, SDK ResponseCustomToolCall)
                if (("reasoning".equals(item.get("type")) || "custom_tool_call".equals(item.get("type"))) && itemStatus == null) {
                    continue;
                }
                if ("response.completed".equals(type)) {
                    require("completed".equals(itemStatus), at + ": item " + item.get("id") + " status " + itemStatus + " in a completed response");
                } else if (k == doneItems.size() - 1) {
                    require("incomplete".equals(itemStatus), at + ": the last item " + item.get("id") + " status " + itemStatus + " in an incomplete response");
                } else {
                    require("completed".equals(itemStatus) || "incomplete".equals(itemStatus), at + ": item " + item.get("id") + " status " + itemStatus);
                }
            }
            require(r.get("error") == null, at + ": error " + r.get("error"));
        } else {
            require(r.get("error") instanceof Map, at + ": response.failed without error");
        }
        if ("response.incomplete".equals(type)) {
            require(r.get("incomplete_details") instanceof Map<?, ?> d && d.get("reason") instanceof String,
                    at + ": response.incomplete without incomplete_details.reason");
        } else {
            require(r.get("incomplete_details") == null, at + ": incomplete_details " + r.get("incomplete_details"));
        }
        List<Object> output = list(r.get("output"));
        List<String> ids = new ArrayList<>();
        output.forEach(o -> ids.add((String) map(o).get("id")));
        require(ids.equals(streamedIds.subList(0, doneItems.size())) && ids.size() == doneItems.size(),
                at + ": final output ids " + ids + " != streamed ids " + streamedIds);
        require(new ArrayList<Object>(doneItems).equals(output), at + ": final output " + output + " != the done items " + doneItems);
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw fail(message);
        }
    }

    private AssertionError fail(String message) {
        return new AssertionError(ctx + ": " + message);
    }

    private static final class Open {
        final String id;
        final int index;
        final String type;
        final List<Map<String, Object>> parts = new ArrayList<>();
        final StringBuilder arguments = new StringBuilder();
        String callId;
        String name;
        boolean argumentsDone;
        Part part;
        final List<Map<String, Object>> summaries = new ArrayList<>();
        StringBuilder summary;
        String summaryDone;

        Open(String id, int index, String type) {
            this.id = id;
            this.index = index;
            this.type = type;
        }
    }

    private static final class Part {
        final int index;
        final String type;
        final StringBuilder text = new StringBuilder();
        String doneText;

        Part(int index, String type) {
            this.index = index;
            this.type = type;
        }
    }

    /** The content of a final response without what a translation invents: ids and timestamps. */
    public static Map<String, Object> withoutMintedIds(Map<String, Object> response) {
        Map<String, Object> copy = new LinkedHashMap<>(response);
        copy.remove("id");
        List<Object> output = new ArrayList<>();
        for (Object item : list(response.get("output"))) {
            Map<String, Object> i = new LinkedHashMap<>(map(item));
            i.remove("id");
            output.add(i);
        }
        copy.put("output", output);
        return copy;
    }
}
