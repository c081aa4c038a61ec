package dev.crosswalk.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Server-sent events as the kit writes and reads them: a deliberately small, independent reader (not the
 * translator's parser) of complete bodies, enough to check what a server under test sent.
 */
public final class Sse {

    /** One event: its {@code event:} name (null when absent) and its {@code data:} lines joined by {@code \n}. */
    public record Event(String event, String data) {
    }

    private Sse() {
    }

    public static String dataFrame(String data) {
        return "data: " + data + "\n\n";
    }

    public static String eventFrame(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    /**
     * The events of a complete SSE body. Comments and unknown fields are skipped; an unterminated last event is
     * dropped, as the SSE specification says.
     */
    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        String text = body.replace("\r\n", "\n").replace('\r', '\n');
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                break;
            }
            String line = text.substring(from, end);
            from = end + 1;
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(event, data.toString()));
                }
                event = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }

    /** The {@code data:} payloads of a complete SSE body. */
    public static List<String> data(String body) {
        List<String> data = new ArrayList<>();
        parse(body).forEach(e -> data.add(e.data()));
        return data;
    }
}
