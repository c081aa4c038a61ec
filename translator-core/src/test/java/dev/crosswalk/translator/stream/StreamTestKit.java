package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Shared plumbing of the stream tests: deterministic options, running a translator over a whole input, the wire
 * form (JSON text and plain JSON trees) of what came out, and the recorded streams copied into test resources.
 */
final class StreamTestKit {
    /** The fixed clock every test uses: {@code completed_at} and minted {@code created} values come from it. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final long NOW_SECONDS = NOW.getEpochSecond();
    static final JsonCodec JACKSON2 = JsonCodec.jackson2();
    static final JsonCodec JACKSON3 = JsonCodec.jackson3();
    static final List<JsonCodec> CODECS = List.of(JACKSON2, JACKSON3);

    private StreamTestKit() {
    }

    static TranslatorOptions options(JsonCodec codec, boolean reasoningContent) {
        return TranslatorOptions.builder()
                .ids(IdSource.sequential())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .codec(codec)
                .reasoningContent(reasoningContent)
                .build();
    }

    static TranslatorOptions options(JsonCodec codec) {
        return options(codec, false);
    }

    static JsonCodec codec(long seed) {
        return CODECS.get((int) Math.floorMod(seed, 2L));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Chat chunks -> Responses events

    /** What a {@link ChatToResponsesStream} produced for a whole input. */
    record ResponsesRun(ChatToResponsesStream stream, List<ResponseStreamEvent> events, List<String> json,
            List<Map<String, Object>> trees) {

        List<String> types() {
            List<String> types = new ArrayList<>();
            trees.forEach(t -> types.add((String) t.get("type")));
            return types;
        }

        Map<String, Object> last() {
            return trees.get(trees.size() - 1);
        }
    }

    /** Feeds every chunk, then (if {@code end}) {@link ChatToResponsesStream#onEnd()}. */
    static ResponsesRun chatToResponses(TranslatorOptions options, ResponsesRequest request, List<ChatCompletionChunk> chunks,
            boolean end) {
        ChatToResponsesStream stream = new ChatToResponsesStream(options, request);
        List<ResponseStreamEvent> events = new ArrayList<>();
        for (ChatCompletionChunk chunk : chunks) {
            events.addAll(stream.onChunk(chunk));
        }
        if (end) {
            events.addAll(stream.onEnd());
        }
        return wire(options.codec(), stream, events);
    }

    /** Like {@link #chatToResponses}, reading each chunk from its JSON text with the options' codec first. */
    static ResponsesRun chatJsonToResponses(TranslatorOptions options, ResponsesRequest request, List<String> chunkJsons,
            boolean end) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        for (String json : chunkJsons) {
            chunks.add(options.codec().read(json, ChatCompletionChunk.class));
        }
        return chatToResponses(options, request, chunks, end);
    }

    static ResponsesRun wire(JsonCodec codec, ChatToResponsesStream stream, List<ResponseStreamEvent> events) {
        List<String> json = new ArrayList<>();
        List<Map<String, Object>> trees = new ArrayList<>();
        for (ResponseStreamEvent e : events) {
            String text = codec.write(e);
            json.add(text);
            trees.add(tree(codec, text));
        }
        return new ResponsesRun(stream, List.copyOf(events), json, trees);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Responses events -> Chat chunks

    /** What a {@link ResponsesToChatStream} produced: the SSE data payloads, {@code [DONE]} included. */
    record ChatRun(ResponsesToChatStream stream, List<ChatStreamOutput> outputs, List<String> payloads,
            List<ResponseStreamEvent> ignored) {

        /** The chunk payloads only (no error payload, no {@code [DONE]}). */
        List<String> chunkJsons() {
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i) instanceof ChatStreamOutput.Chunk) {
                    chunks.add(payloads.get(i));
                }
            }
            return chunks;
        }

        OpenAiError error() {
            for (ChatStreamOutput o : outputs) {
                if (o instanceof ChatStreamOutput.Error e) {
                    return e.error();
                }
            }
            return null;
        }
    }

    static ChatRun responsesToChat(TranslatorOptions options, boolean includeUsage, List<ResponseStreamEvent> events,
            boolean end) {
        List<ResponseStreamEvent> ignored = new ArrayList<>();
        ResponsesToChatStream stream = new ResponsesToChatStream(options, includeUsage, ignored::add);
        List<ChatStreamOutput> outputs = new ArrayList<>();
        for (ResponseStreamEvent event : events) {
            outputs.addAll(stream.onEvent(event));
        }
        if (end) {
            outputs.addAll(stream.onEnd());
        }
        return wire(options.codec(), stream, outputs, ignored);
    }

    static ChatRun responsesJsonToChat(TranslatorOptions options, boolean includeUsage, List<String> eventJsons, boolean end) {
        List<ResponseStreamEvent> events = new ArrayList<>();
        for (String json : eventJsons) {
            events.add(options.codec().read(json, ResponseStreamEvent.class));
        }
        return responsesToChat(options, includeUsage, events, end);
    }

    static ChatRun wire(JsonCodec codec, ResponsesToChatStream stream, List<ChatStreamOutput> outputs,
            List<ResponseStreamEvent> ignored) {
        List<String> payloads = new ArrayList<>();
        for (ChatStreamOutput o : outputs) {
            payloads.add(payload(codec, o));
        }
        return new ChatRun(stream, List.copyOf(outputs), payloads, List.copyOf(ignored));
    }

    /** The SSE {@code data:} payload of one output, as a Chat Completions server writes it. */
    static String payload(JsonCodec codec, ChatStreamOutput output) {
        if (output instanceof ChatStreamOutput.Chunk c) {
            return codec.write(c.chunk());
        }
        if (output instanceof ChatStreamOutput.Error e) {
            return codec.write(e.error().toResponse());
        }
        return "[DONE]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // JSON helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(JsonCodec codec, String json) {
        return (Map<String, Object>) codec.readTree(json);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** Deep copy of a JSON tree without the given keys at any depth. */
    @SuppressWarnings("unchecked")
    static Object without(Object tree, java.util.Set<String> keys) {
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!keys.contains(k)) {
                    copy.put((String) k, without(v, keys));
                }
            });
            return copy;
        }
        if (tree instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(without(v, keys)));
            return copy;
        }
        return tree;
    }

    /**
     * The events as the SDK oracle reads them. Its {@code ResponseTextDeltaEvent.Logprob} and
     * {@code ResponseTextDoneEvent.Logprob} have no {@code bytes}, although live traffic carries them on those events
     * (recorded respstream-04) and the SDK's own part logprobs have them: that one SDK gap is removed from
     * {@code output_text.delta} and {@code output_text.done} events, nothing else.
     */
    static List<String> oracleReadable(List<String> eventJsons) {
        List<String> out = new ArrayList<>();
        for (String json : eventJsons) {
            Map<String, Object> event = tree(JACKSON2, json);
            if (("response.output_text.delta".equals(event.get("type")) || "response.output_text.done".equals(event.get("type")))
                    && event.get("logprobs") instanceof List<?>) {
                event.put("logprobs", without(event.get("logprobs"), java.util.Set.of("bytes")));
                out.add(JACKSON2.write(event));
            } else {
                out.add(json);
            }
        }
        return out;
    }

    /** A JSON string literal (the tests build some wire text by hand). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // SSE wire

    /** SSE events parsed from bytes fed in random pieces, and how many cuts fell inside a UTF-8 character. */
    record Parsed(List<SseEvent> events, int cutsInsideCharacters) {

        List<String> data() {
            List<String> data = new ArrayList<>();
            events.forEach(e -> data.add(e.data()));
            return data;
        }
    }

    /**
     * Feeds {@code wire} to an {@link SseParser} in pieces cut at random byte positions, always including a cut
     * right after the first byte of some multi-byte characters.
     */
    static Parsed parseInPieces(byte[] wire, Random r) {
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        int inside = 0;
        for (int i = 0; i < wire.length; i++) {
            boolean lead = (wire[i] & 0xC0) == 0xC0;
            if (lead && r.nextInt(3) == 0) {
                cuts.add(i + 1);
            }
        }
        int extra = wire.length == 0 ? 0 : r.nextInt(1 + wire.length / 20);
        for (int i = 0; i < extra; i++) {
            cuts.add(1 + r.nextInt(Math.max(1, wire.length - 1)));
        }
        for (int cut : cuts) {
            if (cut < wire.length && (wire[cut] & 0xC0) == 0x80) {
                inside++;
            }
        }
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        int from = 0;
        for (int cut : cuts) {
            if (cut > from && cut < wire.length) {
                parser.feed(wire, from, cut - from);
                from = cut;
            }
        }
        parser.feed(wire, from, wire.length - from);
        parser.finish();
        return new Parsed(List.copyOf(events), inside);
    }

    /** A Chat stream as a server writes it: {@code data: <chunk>} blocks, then {@code data: [DONE]}. */
    static byte[] chatSse(List<String> chunkJsons, boolean done) {
        StringBuilder b = new StringBuilder();
        for (String json : chunkJsons) {
            b.append("data: ").append(json).append("\n\n");
        }
        if (done) {
            b.append("data: [DONE]\n\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Responses stream as a server writes it: {@code event: <type>} and {@code data: <event>} blocks. */
    static byte[] responsesSse(List<String> types, List<String> eventJsons) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < eventJsons.size(); i++) {
            b.append("event: ").append(types.get(i)).append('\n').append("data: ").append(eventJsons.get(i)).append("\n\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Recorded streams (copied from the shared reference cases into test resources)

    static String resource(String name) {
        String path = "/dev/crosswalk/translator/stream/recorded/" + name;
        try (InputStream in = StreamTestKit.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of a recorded {@code .jsonl} file, one JSON document per line. */
    static List<String> recorded(String name) {
        List<String> lines = new ArrayList<>();
        for (String line : resource(name).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
