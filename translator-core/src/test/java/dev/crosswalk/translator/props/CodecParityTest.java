package dev.crosswalk.translator.props;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.ResponsesToolChoice;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Codec parity and lossless models (docs/architecture.md §3, §4 "unknown fields are kept"): for every corpus body of the four kinds
 * (and generated bodies, plain and wide), reading it into the protocol record and writing it back gives the same JSON
 * tree, with either codec; unknown fields survive at every level; and Jackson 2 and Jackson 3 write byte-identical
 * text (and UTF-8 bytes) for the same record.
 *
 * <h2>Normalisation</h2>
 * "The same JSON tree" means equal after {@link Json#canonical}: a member whose value is {@code null} counts as
 * absent (an explicit {@code null} of an optional field may disappear, and fields the protocol requires as nullable,
 * such as a completion message's {@code content}, are written as {@code null} when absent), and numbers compare by
 * value ({@code 1.0} = {@code 1}). Nothing else is normalised: member order inside objects is not compared here, array
 * order and {@code null} array elements are. Unknown fields get the stricter check: each injected one must come back
 * with its exact value, {@code null} included.
 */
class CodecParityTest {
    private static final int SEEDS = 60;

    @Test
    void readingThenWritingGivesTheInputTree() {
        for (Body body : bodies()) {
            for (JsonCodec codec : Translators.CODECS) {
                Object record = codec.read(body.json, body.kind.type);
                String written = codec.write(record);
                assertThat(Json.canonical(Json.parse(written))).as(body + " " + codec.name() + "\n  input:   " + body.json
                        + "\n  written: " + written).isEqualTo(Json.canonical(Json.parse(body.json)));
            }
        }
    }

    @Test
    void unknownFieldsSurviveAtEveryLevel() {
        for (Body body : bodies()) {
            Object tree = Json.parse(body.json);
            Map<String, Object> injected = inject(tree);
            String json = Json.write(tree);
            for (JsonCodec codec : Translators.CODECS) {
                String written = codec.write(codec.read(json, body.kind.type));
                Object out = Json.parse(written);
                String context = body + " " + codec.name() + "\n  input:   " + json + "\n  written: " + written;
                assertThat(Json.canonical(out)).as(context).isEqualTo(Json.canonical(Json.parse(json)));
                Map<String, Object> found = new LinkedHashMap<>();
                Json.objects(out, "$", (path, object) -> object.forEach((k, v) -> {
                    if (k.startsWith("x_unknown_")) {
                        found.put(Json.field(path, k), v);
                    }
                }));
                assertThat(Json.canonical(found)).as("unknown fields, by path, " + context).isEqualTo(Json.canonical(injected));
                assertThat(found.keySet()).as(context).containsExactlyInAnyOrderElementsOf(injected.keySet());
            }
        }
    }

    @Test
    void jackson2AndJackson3WriteIdenticalBytes() {
        for (Body body : bodies()) {
            Object viaJackson2 = Translators.JACKSON2.read(body.json, body.kind.type);
            Object viaJackson3 = Translators.JACKSON3.read(body.json, body.kind.type);
            for (Object record : List.of(viaJackson2, viaJackson3)) {
                String expected = Translators.JACKSON2.write(record);
                String context = body + " read by " + (record == viaJackson2 ? "jackson2" : "jackson3");
                assertThat(Translators.JACKSON3.write(record)).as(context + ", written by jackson3").isEqualTo(expected);
                for (JsonCodec codec : Translators.CODECS) {
                    assertThat(new String(codec.writeBytes(record), StandardCharsets.UTF_8))
                            .as(context + ", bytes by " + codec.name()).isEqualTo(expected);
                }
            }
            assertThat(Json.canonical(Json.parse(Translators.JACKSON3.write(viaJackson3)))).as(body + " read by each codec")
                    .isEqualTo(Json.canonical(Json.parse(Translators.JACKSON2.write(viaJackson2))));
            assertThat(Translators.JACKSON3.read(body.json.getBytes(StandardCharsets.UTF_8), body.kind.type))
                    .as(body + " read from bytes").isEqualTo(viaJackson3);
            assertThat(Translators.JACKSON2.read(body.json.getBytes(StandardCharsets.UTF_8), body.kind.type))
                    .as(body + " read from bytes").isEqualTo(viaJackson2);
        }
    }

    /**
     * The same translation through either codec gives the same document and the same warnings. (Not the same bytes,
     * nor warnings in the same order: the member order of unknown fields, and of whole unknown or hosted-tool objects,
     * is not kept by either Jackson, which collects a record's any-setter parameter in a {@code HashMap}; the two
     * majors then iterate differently.)
     */
    @Test
    void translationsAgreeAcrossCodecs() {
        for (Body body : bodies()) {
            Translation<String> two;
            Translation<String> three;
            try {
                two = OracleConformancePropertyTest.translate(Translators.lenient(Translators.JACKSON2), body.kind, body.json);
                three = OracleConformancePropertyTest.translate(Translators.lenient(Translators.JACKSON3), body.kind, body.json);
            } catch (dev.crosswalk.translator.error.ResponseFailedException e) {
                continue; // a failed response has no translation
            }
            assertThat(three.warnings()).as(body.toString()).containsExactlyInAnyOrderElementsOf(two.warnings());
            assertThat(Json.canonical(Json.parse(three.value()))).as(body + "\n  jackson2: " + two.value() + "\n  jackson3: "
                    + three.value()).isEqualTo(Json.canonical(Json.parse(two.value())));
        }
    }

    /**
     * Tool-choice objects are written in one fixed member order, {@code type} first (as read, and as the protocols
     * document them). {@code Map.of} iterates in an order that changes from one JVM run to the next, which made this
     * output, and golden files built on it, unstable.
     */
    @Test
    void toolChoiceObjectsAreWrittenInAFixedOrder() {
        for (JsonCodec codec : Translators.CODECS) {
            assertThat(codec.write(new ChatToolChoice.Function("f")))
                    .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}");
            assertThat(codec.write(new ChatToolChoice.Custom("c"))).isEqualTo("{\"type\":\"custom\",\"custom\":{\"name\":\"c\"}}");
            assertThat(codec.write(new ChatToolChoice.AllowedTools("auto", List.of())))
                    .isEqualTo("{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":[]}}");
            assertThat(codec.write(new ResponsesToolChoice.Function("f"))).isEqualTo("{\"type\":\"function\",\"name\":\"f\"}");
            assertThat(codec.write(new ResponsesToolChoice.Custom("c"))).isEqualTo("{\"type\":\"custom\",\"name\":\"c\"}");
            String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}";
            assertThat(codec.write(codec.read(chat, ChatCompletionRequest.class))).isEqualTo(chat);
            String responses = "{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"}}";
            assertThat(codec.write(codec.read(responses, ResponsesRequest.class))).isEqualTo(responses);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    record Body(Corpus.Kind kind, String name, String json) {
        @Override
        public String toString() {
            return "[" + name + "]";
        }
    }

    /** The corpus, then generated bodies of each kind (plain and wide); a generated body's name is its seed. */
    static List<Body> bodies() {
        List<Body> bodies = new ArrayList<>();
        for (Corpus.Body b : Corpus.all()) {
            bodies.add(new Body(b.kind(), b.toString(), b.json()));
        }
        for (long seed = 0; seed < SEEDS; seed++) {
            for (Corpus.Kind kind : Corpus.Kind.values()) {
                bodies.add(new Body(kind, "seed " + seed + " " + kind, Json.write(new Gen(seed).of(kind))));
                bodies.add(new Body(kind, "seed " + seed + " wide " + kind, Json.write(new Gen(seed, true).of(kind))));
            }
        }
        return bodies;
    }

    private static final List<Object> UNKNOWN_VALUES = List.of("future", new BigDecimal("42"), new BigDecimal("0.125"),
            true, false, new BigDecimal("123456789012345678901234567890"), new ArrayList<>(List.of("a", new BigDecimal("1"))),
            new LinkedHashMap<>(Map.of("deep", new ArrayList<>(List.of(new LinkedHashMap<>())))));

    /**
     * Adds one unknown member ({@code x_unknown_<n>}) to every object of the tree, values cycling through strings,
     * numbers, booleans, {@code null}, arrays and objects ({@code metadata} maps take strings only, by protocol).
     * Returns the injected members by path.
     */
    static Map<String, Object> inject(Object tree) {
        Map<String, Object> injected = new LinkedHashMap<>();
        int[] n = {0};
        Json.objects(tree, "$", (path, object) -> {
            if (path.contains("x_unknown_")) {
                return; // inside a value injected just before
            }
            String key = "x_unknown_" + n[0];
            Object value = path.endsWith(".metadata") ? "meta" + n[0]
                    : n[0] % (UNKNOWN_VALUES.size() + 1) == UNKNOWN_VALUES.size() ? null
                    : Json.copy(UNKNOWN_VALUES.get(n[0] % (UNKNOWN_VALUES.size() + 1)));
            n[0]++;
            object.put(key, value);
            injected.put(Json.field(path, key), value);
        });
        return injected;
    }
}
