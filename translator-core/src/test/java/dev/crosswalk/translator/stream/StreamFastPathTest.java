package dev.crosswalk.translator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.json.jackson2.Jackson2Codec;
import dev.crosswalk.translator.json.jackson3.Jackson3Codec;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.TurnGenerator.Turn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The codecs' streaming fast path (direct parser and generator calls for chunks and delta events) against the data
 * binder, which stays the reference: over generated turns (both renderings, with live-style extras spliced in) and
 * every recorded stream, both read the same records from every document and the translated streams are
 * byte-identical, whether written as a {@code String}, as bytes or into a stream. Each seed rebuilds its case:
 * {@code TurnGenerator.turn(seed, new Random(seed))}, then the rendering with the same {@code Random}. The token path
 * ({@link ChatToResponsesStream#onDeltaChunk}, {@link ResponsesToChatStream#onDeltaEvent}: a text or tool-call
 * delta's bytes straight to its translation's bytes, no records) is held to the same bytes over the same inputs, with
 * and without a renamed model.
 */
class StreamFastPathTest {
    private static final int SEEDS = 300;
    private static final List<JsonCodec[]> PAIRS = List.of(
            new JsonCodec[] {new Jackson2Codec(true), new Jackson2Codec(false)},
            new JsonCodec[] {new Jackson3Codec(true), new Jackson3Codec(false)});
    private static final String[] RECORDED_CHAT = {"chatstream-01-text-with-usage.jsonl", "chatstream-02-parallel-tool-calls.jsonl",
            "chatstream-03-refusal.jsonl", "chatstream-04-length.jsonl", "chatstream-05-logprobs.jsonl",
            "chatstream-06-n-3.untranslatable.jsonl", "chatstream-07-single-tool-call-no-usage.jsonl",
            "chatstream-08-content-filter.jsonl", "chatstream-10-reasoning-model-usage.jsonl",
            "cstream-03-no-finish-reason.invalid.jsonl", "cstream-10-content-after-finish.invalid.jsonl"};
    private static final String[] RECORDED_RESPONSES = {"respstream-01-text.jsonl", "respstream-02-function-call.jsonl",
            "respstream-03-reasoning-summary-then-text.partial.jsonl", "respstream-04-text-logprobs.jsonl",
            "respstream-05-background-queued.partial.jsonl", "respstream-06-refusal.jsonl",
            "respstream-07-incomplete-max-output-tokens.jsonl", "respstream-08-incomplete-content-filter.jsonl",
            "respstream-09-failed.partial.jsonl", "respstream-10-parallel-function-calls.jsonl",
            "respstream-11-reasoning-encrypted-then-text.partial.jsonl", "rstream-03-no-terminal-event.invalid.jsonl",
            "rstream-11-unknown-event-type.invalid.jsonl"};

    @Test
    void generatedChatStreamsTranslateToTheSameBytes() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = TurnGenerator.turn(seed, r);
            List<ChatCompletionChunk> chunks = TurnGenerator.chatChunks(t, r).chunks();
            boolean reasoning = r.nextBoolean();
            for (JsonCodec[] pair : PAIRS) {
                List<String> jsons = new ArrayList<>();
                for (ChatCompletionChunk c : chunks) {
                    jsons.add(liveStyle(pair[1].write(c), r));
                }
                assertSameChatTranslation(pair, jsons, reasoning, "seed " + seed + " " + t + " " + pair[0].name());
            }
        }
    }

    @Test
    void generatedResponsesStreamsTranslateToTheSameBytes() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = TurnGenerator.turn(seed, r);
            List<ResponseStreamEvent> events = TurnGenerator.responsesEvents(t, r, r.nextBoolean()).events();
            boolean includeUsage = r.nextBoolean();
            for (JsonCodec[] pair : PAIRS) {
                List<String> jsons = new ArrayList<>();
                for (ResponseStreamEvent e : events) {
                    jsons.add(liveStyle(pair[1].write(e), r));
                }
                assertSameResponsesTranslation(pair, jsons, includeUsage, "seed " + seed + " " + t + " " + pair[0].name());
            }
        }
    }

    @Test
    void recordedStreamsTranslateToTheSameBytes() {
        for (JsonCodec[] pair : PAIRS) {
            for (String name : RECORDED_CHAT) {
                assertSameChatTranslation(pair, StreamTestKit.recorded(name), true, name + " " + pair[0].name());
            }
            List<String> sse = new ArrayList<>();
            for (String line : StreamTestKit.resource("chatstream-09-raw-sse-refusal-obfuscation.sse").split("\n")) {
                if (line.startsWith("data: {")) {
                    sse.add(line.substring("data: ".length()));
                }
            }
            assertSameChatTranslation(pair, sse, false, "chatstream-09 " + pair[0].name());
            for (String name : RECORDED_RESPONSES) {
                assertSameResponsesTranslation(pair, StreamTestKit.recorded(name), true, name + " " + pair[0].name());
            }
        }
    }

    /** Inputs the fast path must refuse, so that the data binder answers (a value or its error) exactly as before. */
    @Test
    void unusualDocumentsReadAsTheDataBinderReadsThem() {
        String[] documents = {
                "{\"id\":\"a\",\"id\":\"b\",\"choices\":[]}",
                "{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"content\":\"y\"}}]}",
                "{\"id\":\"a\",\"choices\":[{\"index\":0,\"index\":0,\"delta\":{\"content\":\"x\"}}]}",
                "{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"name\":\"g\"}}]}}]}",
                "{\"id\":\"a\",\"obfuscation\":\"p\",\"obfuscation\":\"q\",\"choices\":[]}",
                "{\"id\":\"a\",\"choices\":[{\"index\":\"0\",\"delta\":{\"content\":5}}]}",
                "{\"id\":\"a\",\"created\":1.5e9,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}",
                "{\"id\":\"a\",\"created\":123456789012345678901234567890,\"choices\":[]}",
                "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}",
                "{\"id\":\"a\",\"choices\":[null],\"x\":[1,2],\"y\":3}",
                "{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\\\"\\u00e9\\ud83d\\ude00\\\"}\"}}]}}]} ",
                "{\"choices\":[]} trailing",
                "[1]",
                "{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"logprobs\":{\"content\":[]}}],\"usage\":{\"prompt_tokens\":1}}",
        };
        for (JsonCodec[] pair : PAIRS) {
            for (String json : documents) {
                assertThat(outcome(pair[0], json, ChatCompletionChunk.class)).as(json + " " + pair[0].name())
                        .isEqualTo(outcome(pair[1], json, ChatCompletionChunk.class));
            }
            String[] events = {
                    "{\"sequence_number\":1,\"type\":\"response.output_text.delta\",\"delta\":\"x\"}",
                    "{\"type\":\"response.output_text.delta\",\"type\":\"response.output_text.delta\",\"delta\":\"x\"}",
                    "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"delta\":\"y\"}",
                    "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"content_index\":1,\"delta\":\"x\"}",
                    "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"logprobs\":[{\"token\":\"x\",\"logprob\":-0.5}]}",
                    "{\"type\":\"response.function_call_arguments.delta\",\"content_index\":0,\"delta\":\"{\"}",
                    "{\"type\":\"response.reasoning_text.delta\",\"delta\":null,\"obfuscation\":\"abc\",\"flag\":true}",
                    "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"",
            };
            for (String json : events) {
                assertThat(outcome(pair[0], json, ResponseStreamEvent.class)).as(json + " " + pair[0].name())
                        .isEqualTo(outcome(pair[1], json, ResponseStreamEvent.class));
            }
        }
    }

    private static Object outcome(JsonCodec codec, String json, Class<?> type) {
        try {
            Object value = codec.read(json, type);
            return List.of(value, codec.write(value));
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Splices in what live servers add: unknown scalar fields, {@code "usage": null}, explicit nulls. */
    private static String liveStyle(String json, Random r) {
        if (json.startsWith("{") && r.nextInt(3) == 0) {
            String[] extras = {"\"obfuscation\":\"" + Long.toHexString(r.nextLong()) + "\",", "\"usage\":null,", "\"flag\":false,",
                    "\"note\":null,", "\"service_tier\":\"default\","};
            String extra = extras[r.nextInt(extras.length)];
            if (extra.startsWith("\"usage\"") && !json.contains("chat.completion.chunk") || json.contains("\"" + extra.substring(1, extra.indexOf('"', 1)) + "\"")) {
                return json;
            }
            return "{" + extra + json.substring(1);
        }
        return json;
    }

    private static void assertSameChatTranslation(JsonCodec[] pair, List<String> jsons, boolean reasoning, String ctx) {
        assertSameChatTranslation(pair, jsons, reasoning, IdSource::sequential, ctx);
    }

    /** {@code ids}: a new id source for each stream, each minting the same ids. */
    private static void assertSameChatTranslation(JsonCodec[] pair, List<String> jsons, boolean reasoning, Supplier<IdSource> ids, String ctx) {
        List<String> fast = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        ChatToResponsesStream fastStream = new ChatToResponsesStream(options(pair[0], reasoning, ids), null);
        ChatToResponsesStream slowStream = new ChatToResponsesStream(options(pair[1], reasoning, ids), null);
        for (String json : jsons) {
            ChatCompletionChunk a = pair[0].read(json.getBytes(StandardCharsets.UTF_8), ChatCompletionChunk.class);
            ChatCompletionChunk b = pair[1].read(json, ChatCompletionChunk.class);
            assertThat(a).as(ctx + "\n  " + json).isEqualTo(b);
            assertThat(pair[0].read(json, ChatCompletionChunk.class)).as(ctx).isEqualTo(b);
            assertThat(pair[0].write(a)).as(ctx + " chunk written back").isEqualTo(pair[1].write(b));
            fastStream.onChunk(a).forEach(e -> fast.add(writeAllWays(pair[0], e, ctx)));
            slowStream.onChunk(b).forEach(e -> slow.add(pair[1].write(e)));
        }
        fastStream.onEnd().forEach(e -> fast.add(writeAllWays(pair[0], e, ctx)));
        slowStream.onEnd().forEach(e -> slow.add(pair[1].write(e)));
        assertThat(fast).as(ctx).isEqualTo(slow);
        assertThat(tokenStreamed(pair[0], jsons, reasoning, ids)).as(ctx + " token path").isEqualTo(slow);
    }

    private static TranslatorOptions options(JsonCodec codec, boolean reasoning, Supplier<IdSource> ids) {
        return StreamTestKit.options(codec, reasoning).toBuilder().ids(ids.get()).build();
    }

    /** Item ids JSON must escape (the token path then writes its events with the generator), and two it need not. */
    private static final String[] UNUSUAL_IDS = {"\"q", "back\\slash", "tab\t", "\u00e9", "\ud83d\ude00", "\u007f", "\u2028", "/", "~"};

    /**
     * The generated Chat streams with their strings spelled as other servers may spell them — some characters as
     * backslash-u escapes, every {@code /} as backslash-slash — whose deltas the token path may not copy as they came
     * ({@code ByteTokens.stringAsWritten}) and writes with the generator; and the streams as generated, with item ids
     * that need escapes, which the token path also writes with the generator: the same bytes as the record path.
     */
    @Test
    void respelledStringsAndUnusualIdsTranslateToTheSameBytes() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Turn t = TurnGenerator.turn(seed, r);
            List<ChatCompletionChunk> chunks = TurnGenerator.chatChunks(t, r).chunks();
            String suffix = UNUSUAL_IDS[(int) (seed % UNUSUAL_IDS.length)];
            Supplier<IdSource> unusual = () -> {
                IdSource sequential = IdSource.sequential();
                return prefix -> sequential.next(prefix) + suffix;
            };
            for (JsonCodec[] pair : PAIRS) {
                List<String> written = new ArrayList<>();
                List<String> respelled = new ArrayList<>();
                for (ChatCompletionChunk c : chunks) {
                    written.add(pair[1].write(c));
                    respelled.add(respelled(pair[1].write(c), r));
                }
                assertSameChatTranslation(pair, respelled, false, IdSource::sequential, "respelled, seed " + seed + " " + t + " " + pair[0].name());
                assertSameChatTranslation(pair, written, false, unusual, "id suffix " + suffix + ", seed " + seed + " " + pair[0].name());
            }
        }
    }

    /** {@code json}'s strings (names too) with every {@code /} escaped and one character in eight as backslash-u. */
    private static String respelled(String json, Random r) {
        StringBuilder b = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString || c == '"') {
                inString = inString ? false : c == '"';
                b.append(c);
            } else if (c == '\\') {
                int n = json.charAt(i + 1) == 'u' ? 6 : 2; // an escape the codec wrote, kept
                b.append(json, i, i + n);
                i += n - 1;
            } else if (c == '/') {
                b.append("\\/");
            } else if (!Character.isSurrogate(c) && r.nextInt(8) == 0) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** How many chunks the token path translated, over every test of this class: it must be most of them. */
    private static int tokenChunks;
    /** How many of them were tool-call argument fragments. */
    private static int tokenCallChunks;

    /**
     * The token path (chunk bytes straight to the delta event's bytes, {@link ChatToResponsesStream#onDeltaChunk}), the
     * record path for whatever it refuses, as the bridge runs them: the events' JSON and the final response.
     */
    private static List<String> tokenStreamed(JsonCodec codec, List<String> jsons, boolean reasoning, Supplier<IdSource> ids) {
        List<String> out = new ArrayList<>();
        ChatToResponsesStream stream = new ChatToResponsesStream(options(codec, reasoning, ids), null);
        for (String json : jsons) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[utf8.length + 5];
            System.arraycopy(utf8, 0, padded, 2, utf8.length);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String[] type = new String[1];
            if (stream.onDeltaChunk(padded, 2, utf8.length, t -> {
                assertThat(type[0]).as("one event type").isNull();
                type[0] = t;
                return bytes;
            })) {
                String event = bytes.toString(StandardCharsets.UTF_8);
                assertThat(event).as("the frame's type is the event's").startsWith("{\"type\":\"" + type[0] + "\",");
                if (type[0].equals("response.function_call_arguments.delta")) {
                    tokenCallChunks++;
                }
                tokenChunks++;
                out.add(event);
            } else {
                assertThat(type[0]).as("no frame started when refused").isNull();
                assertThat(bytes.size()).as("nothing written when refused").isZero();
                stream.onChunk(codec.read(utf8, ChatCompletionChunk.class)).forEach(e -> out.add(codec.write(e)));
            }
        }
        stream.onEnd().forEach(e -> out.add(codec.write(e)));
        return out;
    }

    @Test
    void theTokenPathTranslatesMostChunksAndMatchesTheRecordPathsResponse() {
        tokenChunks = 0;
        tokenCallChunks = 0;
        for (JsonCodec[] pair : PAIRS) {
            List<String> jsons = StreamTestKit.recorded("chatstream-01-text-with-usage.jsonl");
            ChatToResponsesStream token = new ChatToResponsesStream(StreamTestKit.options(pair[0], true), null);
            ChatToResponsesStream record = new ChatToResponsesStream(StreamTestKit.options(pair[1], true), null);
            for (String json : jsons) {
                byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
                if (token.onDeltaChunk(utf8, 0, utf8.length, type -> new ByteArrayOutputStream())) {
                    tokenChunks++;
                } else {
                    token.onChunk(pair[0].read(utf8, ChatCompletionChunk.class));
                }
                record.onChunk(pair[1].read(json, ChatCompletionChunk.class));
            }
            token.onEnd();
            record.onEnd();
            assertThat(pair[0].write(token.response())).as(pair[0].name()).isEqualTo(pair[1].write(record.response()));
        }
        assertThat(tokenChunks).isPositive();
        generatedChatStreamsTranslateToTheSameBytes();
        // Text and argument deltas are most of the generated chunks (the rest: roles, first fragments, finish, usage).
        assertThat(tokenChunks).isGreaterThan(SEEDS);
        assertThat(tokenCallChunks).as("argument fragments").isGreaterThan(SEEDS / 2);
    }

    /** After the first text, unusual chunks: the token path refuses them, and the record path answers as it would. */
    @Test
    void theTokenPathRefusesWhatItDoesNotCover() {
        String first = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}";
        String[] documents = {
                "{\"id\":\"c\",\"id\":\"d\",\"choices\":[{\"delta\":{\"content\":\"x\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\",\"content\":\"y\"}}]}",
                "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"x\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}},{\"index\":0,\"delta\":{\"content\":\"y\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\",\"reasoning\":\"r\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\",\"annotations\":[]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\",\"refusal\":\"no\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"},\"logprobs\":{\"content\":[]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"error\":{\"message\":\"m\"}}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":1}}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"created\":\"1\"}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"a\":\"1\",\"b\":\"2\"}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"a\":1}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]} []",
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]",
                "{\"choices\":[{\"delta\":{\"content\":\"\u00e9\ud83d\ude00\\n\"}}],\"service_tier\":\"flex\"}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\",\"role\":\"assistant\",\"tool_calls\":null}}],\"obfuscation\":\"z\"}",
        };
        for (JsonCodec[] pair : PAIRS) {
            for (String json : documents) {
                List<String> viaRecords = outcomeAfter(pair[1], first, List.of(json), false);
                assertThat(outcomeAfter(pair[0], first, List.of(json), true)).as(json + " " + pair[0].name()).isEqualTo(viaRecords);
            }
        }
    }

    /** With a function call open, unusual fragments: the token path refuses them, the record path answers as it would. */
    @Test
    void theTokenPathRefusesToolCallFragmentsItDoesNotCover() {
        String first = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}";
        String[] documents = {
                call("{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\"}}"),
                call("{\"function\":{\"arguments\":\"{\\\"a\\\":\"}}"),
                call("{\"index\":0,\"id\":\"\",\"type\":\"\",\"function\":{\"name\":\"\",\"arguments\":\"{\"}}"),
                call("{\"index\":0,\"id\":null,\"type\":\"function\",\"function\":{\"name\":null,\"arguments\":\"1\"},\"x\":true}"),
                call("{\"index\":0,\"function\":{\"arguments\":\"\\u00e9\ud83d\ude00\\n\",\"obfuscation\":\"q\"}}"),
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}}],\"service_tier\":\"flex\"}",
                call("{\"index\":0,\"function\":{\"arguments\":\"\"}}"),
                call("{\"index\":0,\"function\":{\"arguments\":null}}"),
                call("{\"index\":0,\"function\":{\"name\":\"g\",\"arguments\":\"{\"}}"),
                call("{\"index\":0,\"id\":\"call_2\",\"function\":{\"arguments\":\"{\"}}"),
                call("{\"index\":1,\"function\":{\"arguments\":\"{\"}}"),
                call("{\"index\":1,\"id\":\"call_2\",\"function\":{\"name\":\"g\",\"arguments\":\"{\"}}"),
                call("{\"index\":\"0\",\"function\":{\"arguments\":\"{\"}}"),
                call("{\"index\":4294967296,\"function\":{\"arguments\":\"{\"}}"),
                call("{\"index\":0,\"type\":\"custom\",\"function\":{\"arguments\":\"{\"}}"),
                call("{\"index\":0,\"custom\":{\"input\":\"x\"}}"),
                call("{\"index\":0,\"function\":{\"arguments\":\"{\",\"arguments\":\"}\"}}"),
                call("{\"index\":0,\"index\":0,\"function\":{\"arguments\":\"{\"}}"),
                call("{\"index\":0,\"a\":\"1\",\"b\":\"2\",\"function\":{\"arguments\":\"{\"}}"),
                call("{\"index\":0}"),
                call("{\"index\":0,\"function\":{\"arguments\":\"{\"}},{\"index\":0,\"function\":{\"arguments\":\"}\"}}"),
                "{\"choices\":[{\"delta\":{\"tool_calls\":[]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x\",\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"\",\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":null,\"tool_calls\":null}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}",
                "{\"choices\":[{\"index\":1,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}}],\"usage\":{\"prompt_tokens\":1}}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}}]",
        };
        for (JsonCodec[] pair : PAIRS) {
            for (int i = 0; i < documents.length; i++) {
                String json = documents[i];
                // twice: the second fragment follows one the token path may have taken
                List<String> viaRecords = outcomeAfter(pair[1], first, List.of(json, json), false);
                int before = tokenTaken;
                assertThat(outcomeAfter(pair[0], first, List.of(json, json), true)).as(json + " " + pair[0].name()).isEqualTo(viaRecords);
                assertThat(tokenTaken - before).as("taken by the token path: " + json).isEqualTo(i < 6 ? 2 : 0);
            }
        }
    }

    /** How many documents the hand-written cases' token paths took. */
    private static int tokenTaken;

    /** A chunk whose one choice's delta carries {@code tool_calls} = the given fragments. */
    private static String call(String fragments) {
        return "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[" + fragments + "]},\"finish_reason\":null,\"logprobs\":null}]}";
    }

    /** The events for each of {@code chunks} after {@code first} (through the token path when asked), then the end's. */
    private static List<String> outcomeAfter(JsonCodec codec, String first, List<String> chunks, boolean token) {
        List<String> out = new ArrayList<>();
        ChatToResponsesStream stream = new ChatToResponsesStream(StreamTestKit.options(codec, false), null);
        stream.onChunk(codec.read(first, ChatCompletionChunk.class));
        for (String next : chunks) {
            out.addAll(translated(codec, stream, next, token));
        }
        stream.onEnd().forEach(e -> out.add(codec.write(e)));
        return out;
    }

    private static List<String> translated(JsonCodec codec, ChatToResponsesStream stream, String json, boolean token) {
        List<String> out = new ArrayList<>();
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (token && stream.onDeltaChunk(utf8, 0, utf8.length, type -> bytes)) {
                tokenTaken++;
                out.add(bytes.toString(StandardCharsets.UTF_8));
            } else {
                stream.onChunk(codec.read(utf8, ChatCompletionChunk.class)).forEach(e -> out.add(codec.write(e)));
            }
        } catch (RuntimeException e) {
            out.add(e.getClass().getName() + ": " + e.getMessage());
        }
        return out;
    }

    private static void assertSameResponsesTranslation(JsonCodec[] pair, List<String> jsons, boolean includeUsage, String ctx) {
        List<String> fast = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        ResponsesToChatStream fastStream = new ResponsesToChatStream(StreamTestKit.options(pair[0]), includeUsage, e -> { });
        ResponsesToChatStream slowStream = new ResponsesToChatStream(StreamTestKit.options(pair[1]), includeUsage, e -> { });
        for (String json : jsons) {
            ResponseStreamEvent a = pair[0].read(json.getBytes(StandardCharsets.UTF_8), ResponseStreamEvent.class);
            ResponseStreamEvent b = pair[1].read(json, ResponseStreamEvent.class);
            assertThat(a).as(ctx + "\n  " + json).isEqualTo(b);
            assertThat(pair[0].write(a)).as(ctx + " event written back").isEqualTo(pair[1].write(b));
            fastStream.onEvent(a).forEach(o -> fast.add(chatPayload(pair[0], o, ctx, true)));
            slowStream.onEvent(b).forEach(o -> slow.add(chatPayload(pair[1], o, ctx, false)));
        }
        fastStream.onEnd().forEach(o -> fast.add(chatPayload(pair[0], o, ctx, true)));
        slowStream.onEnd().forEach(o -> slow.add(chatPayload(pair[1], o, ctx, false)));
        assertThat(fast).as(ctx).isEqualTo(slow);
        assertThat(tokenStreamedChat(pair[0], jsons, includeUsage, null)).as(ctx + " token path").isEqualTo(slow);
        // A route that renames the model: every chunk names the alias, as the bridge renames the record path's.
        List<String> renamed = new ArrayList<>();
        ResponsesToChatStream renaming = new ResponsesToChatStream(StreamTestKit.options(pair[1]), includeUsage, e -> { });
        for (String json : jsons) {
            renaming.onEvent(pair[1].read(json, ResponseStreamEvent.class)).forEach(o -> renamed.add(chatPayload(pair[1], renamed(o), ctx, false)));
        }
        renaming.onEnd().forEach(o -> renamed.add(chatPayload(pair[1], renamed(o), ctx, false)));
        assertThat(tokenStreamedChat(pair[0], jsons, includeUsage, ALIAS)).as(ctx + " token path, renamed").isEqualTo(renamed);
    }

    private static final String ALIAS = "my-alias";

    /** A chunk as the bridge renames it for a route with an alias. */
    private static ChatStreamOutput renamed(ChatStreamOutput o) {
        return o instanceof ChatStreamOutput.Chunk c ? new ChatStreamOutput.Chunk(c.chunk().toBuilder().model(ALIAS).build()) : o;
    }

    /** How many events the Responses → Chat token path translated, over every test of this class. */
    private static int tokenEvents;
    /** How many of them were tool-call argument (or custom input) deltas. */
    private static int tokenCallEvents;

    /**
     * The token path ({@link ResponsesToChatStream#onDeltaEvent}), the record path for what it refuses; {@code model}:
     * the alias the token path writes, or null.
     */
    private static List<String> tokenStreamedChat(JsonCodec codec, List<String> jsons, boolean includeUsage, String model) {
        List<String> out = new ArrayList<>();
        ResponsesToChatStream stream = new ResponsesToChatStream(StreamTestKit.options(codec), includeUsage, e -> { });
        for (String json : jsons) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[utf8.length + 5];
            System.arraycopy(utf8, 0, padded, 3, utf8.length);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (stream.onDeltaEvent(padded, 3, utf8.length, model, bytes)) {
                tokenEvents++;
                if (!json.contains("output_text.delta")) {
                    tokenCallEvents++;
                }
                out.add(bytes.toString(StandardCharsets.UTF_8));
            } else {
                assertThat(bytes.size()).as("nothing written when refused").isZero();
                stream.onEvent(codec.read(utf8, ResponseStreamEvent.class))
                        .forEach(o -> out.add(chatPayload(codec, model == null ? o : renamed(o), "", false)));
            }
        }
        stream.onEnd().forEach(o -> out.add(chatPayload(codec, model == null ? o : renamed(o), "", false)));
        return out;
    }

    @Test
    void theResponsesTokenPathTranslatesMostDeltaEvents() {
        tokenEvents = 0;
        tokenCallEvents = 0;
        for (JsonCodec[] pair : PAIRS) {
            assertSameResponsesTranslation(pair, StreamTestKit.recorded("respstream-01-text.jsonl"), true, pair[0].name());
        }
        assertThat(tokenEvents).isPositive();
        generatedResponsesStreamsTranslateToTheSameBytes();
        assertThat(tokenEvents).isGreaterThan(SEEDS);
        assertThat(tokenCallEvents).as("argument deltas").isGreaterThan(SEEDS / 2);
    }

    /** After the stream started, unusual text events: the token path refuses them, the record path answers. */
    @Test
    void theResponsesTokenPathRefusesWhatItDoesNotCover() {
        String created = "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"object\":\"response\","
                + "\"created_at\":1,\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}";
        String first = "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_1\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}";
        String[] documents = {
                "{\"sequence_number\":2,\"type\":\"response.output_text.delta\",\"delta\":\"x\"}",
                "{\"type\":\"response.output_text.delta\",\"type\":\"response.output_text.delta\",\"delta\":\"x\"}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"delta\":\"y\"}",
                "{\"type\":\"response.output_text.delta\",\"delta\":null}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"\"}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"logprobs\":[{\"token\":\"x\",\"logprob\":-0.5,\"top_logprobs\":[]}]}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"sequence_number\":1.5}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"output_index\":4294967296}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"a\":\"1\",\"b\":\"2\"}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"} {}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"",
                "{\"type\":\"response.refusal.delta\",\"delta\":\"x\"}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"\u00e9\ud83d\ude00\\n\",\"obfuscation\":\"q\",\"logprobs\":null}",
        };
        for (JsonCodec[] pair : PAIRS) {
            for (String json : documents) {
                List<String> viaRecords = chatOutcomeAfter(pair[1], List.of(created, first), List.of(json), false);
                assertThat(chatOutcomeAfter(pair[0], List.of(created, first), List.of(json), true)).as(json + " " + pair[0].name())
                        .isEqualTo(viaRecords);
            }
        }
    }

    /** With a function call and a custom tool call open, their deltas: covered ones and ones the token path refuses. */
    @Test
    void theResponsesTokenPathTranslatesAndRefusesCallDeltas() {
        String created = "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"object\":\"response\","
                + "\"created_at\":1,\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}";
        String function = "{\"type\":\"response.output_item.added\",\"sequence_number\":1,\"output_index\":0,\"item\":{\"type\":\"function_call\","
                + "\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"f\",\"arguments\":\"\",\"status\":\"in_progress\"}}";
        String custom = "{\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":1,\"item\":{\"type\":\"custom_tool_call\","
                + "\"id\":\"ctc_1\",\"call_id\":\"call_2\",\"name\":\"patch\",\"input\":\"\"}}";
        String args = "{\"type\":\"response.function_call_arguments.delta\"";
        String input = "{\"type\":\"response.custom_tool_call_input.delta\"";
        String[] documents = {
                args + ",\"sequence_number\":3,\"item_id\":\"fc_1\",\"output_index\":0,\"delta\":\"{\\\"a\\\":\"}",
                args + ",\"sequence_number\":3,\"item_id\":\"fc_1\",\"output_index\":0,\"delta\":\"{\",\"obfuscation\":\"zz\"}",
                args + ",\"item_id\":\"fc_1\",\"delta\":\"\\u00e9\ud83d\ude00\\n\"}",
                args + ",\"output_index\":0,\"delta\":\"{\"}",
                args + ",\"output_index\":0,\"content_index\":0,\"logprobs\":[],\"delta\":\"{\"}",
                args + ",\"output_index\":1,\"delta\":\"to the custom call\"}",
                input + ",\"sequence_number\":3,\"item_id\":\"ctc_1\",\"output_index\":1,\"delta\":\"*** Begin Patch\"}",
                input + ",\"item_id\":\"ctc_1\",\"delta\":\"line\\n\"}",
                input + ",\"output_index\":0,\"delta\":\"to the function call\"}",
                args + ",\"output_index\":7,\"delta\":\"{\"}",
                args + ",\"item_id\":\"fc_9\",\"delta\":\"{\"}",
                args + ",\"output_index\":0,\"delta\":\"\"}",
                args + ",\"output_index\":0,\"delta\":null}",
                args + ",\"output_index\":0}",
                args + ",\"output_index\":0,\"delta\":\"{\",\"delta\":\"}\"}",
                args + ",\"output_index\":0,\"output_index\":1,\"delta\":\"{\"}",
                args + ",\"output_index\":\"0\",\"delta\":\"{\"}",
                args + ",\"output_index\":0,\"delta\":\"{\",\"a\":1}",
                args + ",\"output_index\":0,\"delta\":\"{\",\"a\":\"1\",\"b\":\"2\"}",
                args + ",\"output_index\":0,\"delta\":\"{\"} {}",
                "{\"output_index\":0,\"type\":\"response.function_call_arguments.delta\",\"delta\":\"{\"}",
                "{\"type\":\"response.function_call_arguments.done\",\"output_index\":0,\"arguments\":\"{}\"}",
        };
        for (JsonCodec[] pair : PAIRS) {
            for (int i = 0; i < documents.length; i++) {
                String json = documents[i];
                // twice: the second delta follows one the token path may have taken
                List<String> viaRecords = chatOutcomeAfter(pair[1], List.of(created, function, custom), List.of(json, json), false);
                int before = tokenTaken;
                assertThat(chatOutcomeAfter(pair[0], List.of(created, function, custom), List.of(json, json), true))
                        .as(json + " " + pair[0].name()).isEqualTo(viaRecords);
                assertThat(tokenTaken - before).as("taken by the token path: " + json).isEqualTo(i < 9 ? 2 : 0);
            }
        }
    }

    /** The outputs for each of {@code events} after {@code before} (through the token path when asked), then the end's. */
    private static List<String> chatOutcomeAfter(JsonCodec codec, List<String> before, List<String> events, boolean token) {
        List<String> out = new ArrayList<>();
        ResponsesToChatStream stream = new ResponsesToChatStream(StreamTestKit.options(codec), false, e -> { });
        before.forEach(b -> stream.onEvent(codec.read(b, ResponseStreamEvent.class)));
        for (String json : events) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                if (token && stream.onDeltaEvent(utf8, 0, utf8.length, null, bytes)) {
                    tokenTaken++;
                    out.add(bytes.toString(StandardCharsets.UTF_8));
                } else {
                    stream.onEvent(codec.read(utf8, ResponseStreamEvent.class)).forEach(o -> out.add(chatPayload(codec, o, "", false)));
                }
            } catch (RuntimeException e) {
                out.add(e.getClass().getName() + ": " + e.getMessage());
            }
        }
        stream.onEnd().forEach(o -> out.add(chatPayload(codec, o, "", false)));
        return out;
    }

    private static String chatPayload(JsonCodec codec, ChatStreamOutput output, String ctx, boolean allWays) {
        if (output instanceof ChatStreamOutput.Chunk c) {
            return allWays ? writeAllWays(codec, c.chunk(), ctx) : codec.write(c.chunk());
        }
        return StreamTestKit.payload(codec, output);
    }

    /** The value as a String, checking that bytes and stream writing give the same UTF-8. */
    private static String writeAllWays(JsonCodec codec, Object value, String ctx) {
        String text = codec.write(value);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(codec.writeBytes(value)).as(ctx + " writeBytes " + text).isEqualTo(utf8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('>');
        codec.writeTo(value, out);
        assertThat(out.toByteArray()).as(ctx + " writeTo " + text).isEqualTo(concat(new byte[] {'>'}, utf8));
        return text;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
