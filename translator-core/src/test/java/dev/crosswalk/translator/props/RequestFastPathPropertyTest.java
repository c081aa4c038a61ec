package dev.crosswalk.translator.props;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.internal.RequestJson;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.json.jackson2.Jackson2Codec;
import dev.crosswalk.translator.json.jackson3.Jackson3Codec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request fast path ({@code internal.RequestJson}: parser tokens into the records, generator calls out of them;
 * the shipped codecs take it for the two request records) against the record path (a codec with the data binder only,
 * on both sides) through {@code Translator.requestToResponses} and {@code requestToChat}, over text and over UTF-8 bytes
 * (where the bytes are the text's, the two forms also agree): for every input, both codecs, strict and lenient, the output is byte-identical, the warnings
 * are equal, and an input either translates on both paths or fails on both with the same error. Where the fast path
 * reads a request, the record it builds equals the data binder's. Inputs: generated requests (plain and wide) with
 * live-style variations (members reordered so type tags come last, unknown members of every JSON type, explicit
 * {@code null}s, floats), random mutations of them, the corpus and every golden vector's input. The tests also hold
 * that the fast path actually runs (most generated requests are covered both ways) and that each construct it does
 * not cover falls back.
 */
class RequestFastPathPropertyTest {
    private static final long SEED = Long.getLong("crosswalk.seed", 20261204L);
    private static final int SEEDS = 300;
    private static final JsonCodec BINDER2 = new Jackson2Codec(false);
    private static final JsonCodec BINDER3 = new Jackson3Codec(false);

    @Test
    void generatedRequestsGiveIdenticalOutputOnBothPaths() {
        int[] covered = new int[4]; // read chat, write responses, read responses, write chat
        int total = 0;
        for (int i = 0; i < SEEDS; i++) {
            long seed = SEED + i;
            Random r = new Random(seed);
            for (boolean wide : new boolean[] {false, true}) {
                Gen gen = new Gen(seed, wide);
                for (boolean chat : new boolean[] {true, false}) {
                    Object tree = chat ? gen.chatRequest() : gen.responsesRequest();
                    if (i % 2 == 1) {
                        tree = live(tree, r);
                    }
                    String json = Json.write(tree);
                    String context = "seed " + seed + (wide ? " wide " : " ") + (chat ? "chat" : "responses") + "\n  input: " + json;
                    for (JsonCodec codec : Translators.CODECS) {
                        int[] c = same(codec, chat, json, context);
                        if (!wide) {
                            covered[chat ? 0 : 2] += c[0];
                            covered[chat ? 1 : 3] += c[1];
                        }
                    }
                    if (!wide) {
                        total++;
                    }
                }
                String mutated = Json.write(new RandomJson(r).mutate(Json.copy(gen.chatRequest())));
                for (JsonCodec codec : Translators.CODECS) {
                    same(codec, true, mutated, "seed " + seed + " mutated chat\n  input: " + mutated);
                }
                mutated = Json.write(new RandomJson(r).mutate(Json.copy(gen.responsesRequest())));
                for (JsonCodec codec : Translators.CODECS) {
                    same(codec, false, mutated, "seed " + seed + " mutated responses\n  input: " + mutated);
                }
            }
        }
        // The generator puts many constructs into every body (file and refusal parts, hosted tools, reasoning, items
        // without a type...), and one uncovered construct sends a whole body to the record path; the corpus test below
        // holds the coverage of realistic requests. Here: the fast path ran on a fair share of each direction's bodies.
        for (int k = 0; k < 4; k++) {
            assertThat(covered[k]).as("fast path coverage " + k + " of " + total + " bodies × 2 codecs (seed " + SEED + ")")
                    .isGreaterThan(total / 20);
        }
    }

    @Test
    void corpusAndGoldenRequestsGiveIdenticalOutputOnBothPaths() {
        int fast = 0;
        int all = 0;
        List<String[]> bodies = new ArrayList<>();
        Corpus.of(Corpus.Kind.CHAT_REQUEST).forEach(b -> bodies.add(new String[] {"chat", b.toString(), b.json()}));
        Corpus.of(Corpus.Kind.RESPONSES_REQUEST).forEach(b -> bodies.add(new String[] {"responses", b.toString(), b.json()}));
        golden("chat-to-responses-request").forEach(p -> bodies.add(new String[] {"chat", p.toString(), read(p)}));
        golden("responses-to-chat-request").forEach(p -> bodies.add(new String[] {"responses", p.toString(), read(p)}));
        for (String[] body : bodies) {
            for (JsonCodec codec : Translators.CODECS) {
                int[] c = same(codec, body[0].equals("chat"), body[2], body[1] + "\n  input: " + body[2]);
                fast += c[0] & c[1];
                all++;
            }
        }
        assertThat(bodies).hasSizeGreaterThan(100);
        assertThat(fast).as("recorded requests translated on the fast path both ways, of " + all).isGreaterThan(all / 3);
    }

    /** Each construct the fast path leaves to the data binder: it falls back, and the answer is the record path's. */
    @Test
    void everyUncoveredConstructFallsBack() {
        String user = "{\"role\":\"user\",\"content\":\"hi\"}";
        List<String> chat = List.of(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"name\":\"f\",\"content\":\"x\"}]}", // rare role
                "{\"model\":\"m\",\"messages\":[{\"content\":\"no role\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"tool_call_id\":\"c\"}]}", // another role's member
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AA==\",\"format\":\"wav\"}}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"f\"}}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"custom\",\"custom\":{\"name\":\"g\",\"input\":\"x\"}}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":5}]}", // wrong type
                "{\"model\":\"m\",\"messages\":[" + user + "],\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"g\"}}]}",
                "{\"model\":\"m\",\"messages\":[" + user + "],\"tool_choice\":null}",
                "{\"model\":\"m\",\"messages\":[" + user + "],\"response_format\":{\"type\":\"grammar\"}}",
                "{\"model\":\"m\",\"messages\":[" + user + "],\"temperature\":\"0.5\"}", // wrong type: the data binder's error
                "{\"model\":\"m\",\"messages\":[" + user + "],\"max_tokens\":1.5}",
                "{\"model\":\"m\",\"messages\":[" + user + "],\"seed\":99999999999999999999999}",
                "{\"model\":\"m\",\"model\":\"n\",\"messages\":[" + user + "]}", // duplicate member: the data binder's error
                "{\"model\":\"m\",\"messages\":[" + user + "],\"x\":{\"a\":1,\"a\":2}}",
                "{\"model\":\"m\",\"messages\":[" + user + "]} {}", // trailing tokens
                "{\"model\":\"m\",\"messages\":[" + user + "]", // not JSON
                "null", "[]");
        List<String> responses = List.of(
                "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"no type\"}]}",
                "{\"model\":\"m\",\"input\":[{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"e\"}]}",
                "{\"model\":\"m\",\"input\":[{\"type\":\"custom_tool_call\",\"call_id\":\"c\",\"name\":\"g\",\"input\":\"x\"}]}",
                "{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"r\"}]}",
                "{\"model\":\"m\",\"input\":[{\"type\":\"web_search_call\",\"id\":\"w\",\"status\":\"completed\"}]}",
                "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"file_id\":\"f\"}]}]}",
                "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"t\","
                        + "\"annotations\":[{\"type\":\"url_citation\",\"url\":\"u\",\"title\":\"t\",\"start_index\":0,\"end_index\":1}]}]}]}",
                "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"x\",\"call_id\":\"c\"}]}",
                "{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}",
                "{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"grammar\"}}}",
                "{\"model\":\"m\",\"input\":\"hi\",\"temperature\":true}",
                "{\"model\":\"m\",\"input\":\"hi\",\"input\":\"again\"}");
        for (JsonCodec codec : Translators.CODECS) {
            for (String json : chat) {
                assertThat(RequestJson.readChat(codec, json)).as(codec.name() + " reads " + json).isNull();
                assertThat(RequestJson.readChat(codec, utf8(json))).as(codec.name() + " reads bytes " + json).isNull();
                same(codec, true, json, "fallback " + json);
            }
            for (String json : responses) {
                assertThat(RequestJson.readResponses(codec, json)).as(codec.name() + " reads " + json).isNull();
                assertThat(RequestJson.readResponses(codec, utf8(json))).as(codec.name() + " reads bytes " + json).isNull();
                same(codec, false, json, "fallback " + json);
            }
        }
    }

    /** A record the writer does not cover (here a hosted tool, a record in a free-form value) is written by the data binder. */
    @Test
    void uncoveredRecordsAreWrittenByTheDataBinder() {
        for (JsonCodec codec : Translators.CODECS) {
            JsonCodec binder = binder(codec);
            ResponsesRequest hosted = binder.read("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}",
                    ResponsesRequest.class);
            ChatCompletionRequest withRecord = ChatCompletionRequest.builder().model("m")
                    .extra("x", new dev.crosswalk.translator.chat.ImageUrl("u", null, Map.of())).build();
            ChatCompletionRequest plain = binder.read("{\"model\":\"m\",\"messages\":[]}", ChatCompletionRequest.class);
            assertThat(RequestJson.write(codec, hosted)).isNull();
            assertThat(RequestJson.write(codec, withRecord)).isNull();
            assertThat(RequestJson.write(codec, plain)).isEqualTo(binder.write(plain));
            assertThat(RequestJson.writeBytes(codec, hosted)).isNull();
            assertThat(RequestJson.writeBytes(codec, withRecord)).isNull();
            assertThat(RequestJson.writeBytes(codec, plain)).isEqualTo(binder.writeBytes(plain));
            // The codec itself: the fast path where it covers the record, the data binder where not; same bytes.
            for (Object request : List.of(hosted, withRecord, plain)) {
                assertThat(codec.write(request)).isEqualTo(binder.write(request));
                assertThat(codec.writeBytes(request)).isEqualTo(binder.writeBytes(request));
            }
        }
    }

    /**
     * Runs one input through both paths and asserts the same outcome; answers whether the fast path read the input
     * and wrote the translation ({@code 1}/{@code 0} each).
     */
    private static int[] same(JsonCodec codec, boolean chat, String json, String context) {
        int[] covered = new int[2];
        byte[] bytes = utf8(json);
        // A lone surrogate has no UTF-8 form: such text is not the bytes' text, and only the byte paths are compared.
        boolean sameText = new String(bytes, StandardCharsets.UTF_8).equals(json);
        Object fastRead = chat ? RequestJson.readChat(codec, json) : RequestJson.readResponses(codec, json);
        if (fastRead != null) {
            covered[0] = 1;
            assertThat(fastRead).as("record read by the fast path, " + codec.name() + ", " + context)
                    .isEqualTo(binder(codec).read(json, type(chat)));
        }
        Object fastBytesRead = chat ? RequestJson.readChat(codec, bytes) : RequestJson.readResponses(codec, bytes);
        if (fastBytesRead != null) {
            assertThat(fastBytesRead).as("record read by the fast path from bytes, " + codec.name() + ", " + context)
                    .isEqualTo(binder(codec).read(bytes, type(chat)));
        }
        if (sameText) {
            assertThat(fastBytesRead != null).as("bytes read as the text is, " + codec.name() + ", " + context)
                    .isEqualTo(fastRead != null);
        }
        for (boolean lenient : new boolean[] {false, true}) {
            String where = codec.name() + (lenient ? " lenient, " : " strict, ") + context;
            Outcome expected = recordPath(codec, lenient, chat, json);
            Outcome actual = fastPath(codec, lenient, chat, json);
            assertThat(actual.error).as("error, " + where).isEqualTo(expected.error);
            assertThat(actual.json).as("output, " + where).isEqualTo(expected.json);
            assertThat(actual.warnings).as("warnings, " + where).isEqualTo(expected.warnings);
            if (expected.value != null && RequestJson.write(codec, expected.value) != null) {
                covered[1] = 1;
            }
            Outcome expectedBytes = recordPath(codec, lenient, chat, bytes);
            Outcome actualBytes = fastPath(codec, lenient, chat, bytes);
            assertThat(actualBytes.error).as("error from bytes, " + where).isEqualTo(expectedBytes.error);
            assertThat(actualBytes.json).as("output as bytes, " + where).isEqualTo(expectedBytes.json);
            assertThat(actualBytes.warnings).as("warnings from bytes, " + where).isEqualTo(expectedBytes.warnings);
            if (sameText) {
                // The byte entry points are the text ones, encoded: same output, warnings, and error.
                assertThat(actualBytes.json).as("bytes = text, " + where)
                        .isEqualTo(actual.json == null ? null : new String(utf8(actual.json), StandardCharsets.UTF_8));
                assertThat(actualBytes.warnings).as("bytes' warnings = text's, " + where).isEqualTo(actual.warnings);
                assertThat(errorKind(actualBytes.error)).as("bytes' error = text's, " + where).isEqualTo(errorKind(actual.error));
            }
        }
        return covered;
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An error without its position: Jackson counts a column in bytes over bytes and in chars over text, so a
     * malformed document with non-ASCII text before the fault is reported one or more columns apart.
     */
    private static String errorKind(String error) {
        return error == null ? null : error.replaceAll(" \\(line \\d+, column \\d+\\)", "");
    }

    /** The codec with the data binder only: the record path. */
    private static JsonCodec binder(JsonCodec codec) {
        return codec == Translators.JACKSON2 ? BINDER2 : BINDER3;
    }

    private static Class<?> type(boolean chat) {
        return chat ? ChatCompletionRequest.class : ResponsesRequest.class;
    }

    private record Outcome(String json, List<?> warnings, String error, Object value) {
    }

    private static Translator translator(JsonCodec codec, boolean lenient) {
        return lenient ? Translators.lenient(codec) : Translators.strict(codec);
    }

    private static Outcome fastPath(JsonCodec codec, boolean lenient, boolean chat, String json) {
        try {
            Translator t = translator(codec, lenient);
            Translation<String> out = chat ? t.requestToResponses(json) : t.requestToChat(json);
            return new Outcome(out.value(), out.warnings(), null, null);
        } catch (RuntimeException e) {
            return new Outcome(null, null, e.getClass().getName() + ": " + e.getMessage(), null);
        }
    }

    /** The record path as the JSON entry points ran it before the fast path: data binder in, mapper, data binder out. */
    private static Outcome recordPath(JsonCodec codec, boolean lenient, boolean chat, String json) {
        try {
            Translator t = translator(codec, lenient);
            JsonCodec binder = binder(codec);
            Object request = binder.read(json, type(chat));
            if (request == null) {
                throw new MalformedJsonException("$", "expected a JSON object, got null", null);
            }
            Translation<?> out = chat ? t.toResponses((ChatCompletionRequest) request) : t.toChat((ResponsesRequest) request);
            return new Outcome(binder.write(out.value()), out.warnings(), null, out.value());
        } catch (RuntimeException e) {
            return new Outcome(null, null, e.getClass().getName() + ": " + e.getMessage(), null);
        }
    }

    private static Outcome fastPath(JsonCodec codec, boolean lenient, boolean chat, byte[] json) {
        try {
            Translator t = translator(codec, lenient);
            Translation<byte[]> out = chat ? t.requestToResponses(json) : t.requestToChat(json);
            return new Outcome(new String(out.value(), StandardCharsets.UTF_8), out.warnings(), null, null);
        } catch (RuntimeException e) {
            return new Outcome(null, null, e.getClass().getName() + ": " + e.getMessage(), null);
        }
    }

    /** The record path over bytes: data binder in, mapper, data binder out. */
    private static Outcome recordPath(JsonCodec codec, boolean lenient, boolean chat, byte[] json) {
        try {
            Translator t = translator(codec, lenient);
            JsonCodec binder = binder(codec);
            Object request = binder.read(json, type(chat));
            if (request == null) {
                throw new MalformedJsonException("$", "expected a JSON object, got null", null);
            }
            Translation<?> out = chat ? t.toResponses((ChatCompletionRequest) request) : t.toChat((ResponsesRequest) request);
            return new Outcome(new String(binder.writeBytes(out.value()), StandardCharsets.UTF_8), out.warnings(), null, out.value());
        } catch (RuntimeException e) {
            return new Outcome(null, null, e.getClass().getName() + ": " + e.getMessage(), null);
        }
    }

    /**
     * Live-style variations of a generated body: members of every object shuffled (so type and role tags may come
     * last), unknown members of every JSON type added here and there, optional members set to explicit {@code null},
     * a float sampling option.
     */
    @SuppressWarnings("unchecked")
    private static Object live(Object tree, Random r) {
        if (tree instanceof Map<?, ?> map) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>();
            ((Map<String, Object>) map).forEach((k, v) -> entries.add(new java.util.AbstractMap.SimpleEntry<>(k, live(v, r))));
            if (r.nextInt(3) == 0) {
                Collections.shuffle(entries, r);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach(e -> out.put(e.getKey(), e.getValue()));
            if (r.nextInt(4) == 0) {
                out.put("x_unknown_" + r.nextInt(100), new RandomJson(r).value(2));
            }
            if (r.nextInt(8) == 0) {
                out.put("x_unknown_null", null);
            }
            if (r.nextInt(10) == 0 && out.containsKey("model")) {
                out.put("temperature", new BigDecimal(r.nextInt(3) == 0 ? "1" : "0.35"));
                out.put("x_vendor", Json.o("top_k", new BigDecimal("40"), "min_p", new BigDecimal("0.05"), "flag", true));
            }
            return out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(live(v, r)));
            return out;
        }
        return tree;
    }

    private static List<Path> golden(String direction) {
        try (Stream<Path> cases = Files.list(Path.of(RequestFastPathPropertyTest.class.getResource("/golden/" + direction).toURI()))) {
            return cases.map(c -> c.resolve("input.json")).filter(Files::exists).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
