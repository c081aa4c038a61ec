package dev.crosswalk.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a stream the load generator received is complete and right: every event well formed, the whole answer
 * text there in order, and the proper end ({@code data: [DONE]} after the finish and usage chunks for Chat
 * Completions; {@code response.completed} carrying the same text for Responses). A stream that is cut, fails or
 * loses a delta is an error, never a data point.
 */
final class StreamCheck {
    /** The protocol the client speaks. */
    enum Protocol {
        CHAT, RESPONSES
    }

    /** The verdict on one stream: its number of SSE events, and what is wrong with it (null when nothing). */
    record Verdict(int events, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private record Event(String name, String data) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Protocol protocol;
    private final String expectedText;
    private final int chunks;

    StreamCheck(Protocol protocol, int chunks) {
        this.protocol = protocol;
        this.chunks = chunks;
        this.expectedText = FakeChatUpstream.expectedText(chunks);
    }

    Verdict check(LoadGenerator.StreamResult r) {
        if (r.failure() != null) {
            return new Verdict(0, r.failure());
        }
        if (r.status() != 200) {
            return new Verdict(0, "HTTP " + r.status() + ": " + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
        }
        if (r.firstByteNs() == 0) {
            return new Verdict(0, "empty body");
        }
        List<Event> events = parse(new String(r.body(), StandardCharsets.UTF_8));
        try {
            String problem = protocol == Protocol.CHAT ? chat(events) : responses(events);
            return new Verdict(events.size(), problem);
        } catch (RuntimeException e) {
            return new Verdict(events.size(), "unreadable event: " + e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private String chat(List<Event> events) {
        if (events.isEmpty() || !"[DONE]".equals(events.get(events.size() - 1).data())) {
            return "does not end with data: [DONE]";
        }
        StringBuilder text = new StringBuilder();
        int finishes = 0;
        boolean usage = false;
        for (Event e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(e.data());
            if (chunk.has("error")) {
                return "error event: " + abbreviate(e.data());
            }
            if (!"chat.completion.chunk".equals(str(chunk.path("object")))) {
                return "not a chat.completion.chunk: " + abbreviate(e.data());
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode content = choice.path("delta").path("content");
                if (content.isString()) {
                    text.append(str(content));
                }
                if ("stop".equals(str(choice.path("finish_reason")))) {
                    finishes++;
                }
            }
            if (chunk.path("usage").path("completion_tokens").asInt(-1) == chunks) {
                usage = true;
            }
        }
        if (!text.toString().equals(expectedText)) {
            return "text differs: got " + text.length() + " chars, expected " + expectedText.length();
        }
        if (finishes != 1) {
            return finishes + " finish_reason=stop chunks";
        }
        if (!usage) {
            return "no usage chunk";
        }
        if (events.size() != chunks + 4) {
            return events.size() + " events, expected " + (chunks + 4);
        }
        return null;
    }

    private String responses(List<Event> events) {
        if (events.isEmpty()) {
            return "no events";
        }
        StringBuilder deltas = new StringBuilder();
        JsonNode completed = null;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            JsonNode event = JSON.readTree(e.data());
            String type = String.valueOf(str(event.path("type")));
            if (!type.equals(e.name())) {
                return "event: " + e.name() + " carries type " + type;
            }
            if (event.path("sequence_number").asInt(-1) != i) {
                return "sequence_number " + event.path("sequence_number") + " at position " + i;
            }
            if (i == 0 && !type.equals("response.created")) {
                return "starts with " + type;
            }
            switch (type) {
                case "error", "response.failed", "response.incomplete" -> {
                    return type + ": " + abbreviate(e.data());
                }
                case "response.output_text.delta" -> deltas.append(str(event.path("delta")));
                case "response.output_text.done" -> {
                    if (!expectedText.equals(str(event.path("text")))) {
                        return "response.output_text.done text differs";
                    }
                }
                case "response.completed" -> completed = event.path("response");
                default -> {
                }
            }
        }
        if (completed == null || !"response.completed".equals(events.get(events.size() - 1).name())) {
            return "does not end with response.completed";
        }
        if (!deltas.toString().equals(expectedText)) {
            return "deltas differ: got " + deltas.length() + " chars, expected " + expectedText.length();
        }
        if (!"completed".equals(str(completed.path("status")))) {
            return "response.completed with status " + completed.path("status");
        }
        String text = null;
        for (JsonNode item : completed.path("output")) {
            if ("message".equals(str(item.path("type")))) {
                text = str(item.path("content").path(0).path("text"));
            }
        }
        if (!expectedText.equals(text)) {
            return "response.completed output text differs";
        }
        if (completed.path("usage").path("output_tokens").asInt(-1) != chunks) {
            return "response.completed usage.output_tokens " + completed.path("usage").path("output_tokens");
        }
        return null;
    }

    /** Server-sent events: {@code event:} and {@code data:} fields, dispatched at each blank line. */
    private static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = null;
        for (String line : body.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(name, data.toString()));
                }
                name = null;
                data = null;
            } else if (line.startsWith("event:")) {
                name = field(line, 6);
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder(field(line, 5)) : data.append('\n').append(field(line, 5));
            }
        }
        if (data != null) {
            events.add(new Event(name, data.toString()));
        }
        return events;
    }

    private static String field(String line, int at) {
        return line.startsWith(" ", at) ? line.substring(at + 1) : line.substring(at);
    }

    /** A string member's value; null for any other node (null, missing, number...). */
    private static String str(JsonNode n) {
        return n.isString() ? n.asString() : null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
