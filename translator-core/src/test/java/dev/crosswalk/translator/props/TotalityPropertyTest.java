package dev.crosswalk.translator.props;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Design §7, totality: any JSON text given to a JSON method of the translator ({@code requestToResponses},
 * {@code requestToChat}, {@code responseToChat}, {@code responseToResponses} with either argument random,
 * {@code responsesForm}) yields either a translation or one of the typed errors, never anything else: no
 * {@code NullPointerException}, {@code ClassCastException}, {@code IllegalArgumentException},
 * {@code IllegalStateException}, {@code StackOverflowError}, ...
 *
 * <ul>
 *   <li>a translation: its value is one JSON document, and every warning's path starts with {@code $};</li>
 *   <li>{@link UntranslatableException}: at least one problem, every path starts with {@code $};</li>
 *   <li>{@link MalformedJsonException}: its path starts with {@code $};</li>
 *   <li>{@link ResponseFailedException} (only where a response object is read): it carries an error.</li>
 * </ul>
 *
 * <p>Inputs, each run with both codecs and with strict and lenient translators: random documents of protocol member
 * names and type tags with random value types ({@link RandomJson#document}), random mutations of valid bodies (corpus
 * and generated, see {@link RandomJson#mutate}: type changes, nulls, removed members, unknown item types, empty
 * containers, strings of 50-150 KB, nesting 1-40 and 501-1500 levels deep), and text-level damage (truncation, stray
 * characters, duplicate members, trailing tokens). A failure names the seed and the method and shows the input.
 */
class TotalityPropertyTest {
    private static final int SEEDS = 500;
    private static final int MUTATION_SEEDS = 300;

    /** One JSON method, by name. */
    record Method(String name, Function<Translator, Function<String, Object>> call) {
    }

    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}";

    static final List<Method> METHODS = List.of(
            new Method("requestToResponses", t -> t::requestToResponses),
            new Method("requestToChat", t -> t::requestToChat),
            new Method("responseToChat", t -> t::responseToChat),
            new Method("responseToResponses(json, null)", t -> json -> t.responseToResponses(json, null)),
            new Method("responseToResponses(completion, json)", t -> json -> t.responseToResponses(COMPLETION, json)),
            new Method("responsesForm", t -> t::responsesForm));

    @Test
    void randomDocumentsGiveATranslationOrATypedError() {
        for (long seed = 0; seed < SEEDS; seed++) {
            RandomJson random = new RandomJson(new Random(seed));
            checkAll(seed, "random document", Json.write(random.document()));
        }
    }

    @Test
    void mutatedBodiesGiveATranslationOrATypedError() {
        List<Corpus.Body> corpus = Corpus.all();
        for (long seed = 0; seed < MUTATION_SEEDS; seed++) {
            Random rnd = new Random(seed);
            RandomJson random = new RandomJson(rnd);
            Corpus.Kind kind = Corpus.Kind.values()[rnd.nextInt(4)];
            Object base = rnd.nextBoolean() ? Json.parse(corpus.get(rnd.nextInt(corpus.size())).json())
                    : new Gen(seed, rnd.nextBoolean()).of(kind);
            checkAll(seed, "mutated body", RandomJson.render(random.mutate(base)));
        }
    }

    @Test
    void damagedTextGivesATranslationOrATypedError() {
        List<Corpus.Body> corpus = Corpus.all();
        for (long seed = 0; seed < SEEDS / 5; seed++) {
            Random rnd = new Random(seed);
            String json = rnd.nextBoolean() ? corpus.get(rnd.nextInt(corpus.size())).json()
                    : Json.write(new Gen(seed).of(Corpus.Kind.values()[rnd.nextInt(4)]));
            checkAll(seed, "damaged text", new RandomJson(rnd).breakSyntax(json));
        }
    }

    /**
     * Free-form places (function parameters, JSON Schemas, unknown members, tool choice, {@code stop}, ...) filled
     * with values nested right up to, and just past, the codecs' depth limit: translated, or rejected as malformed;
     * never a stack overflow in a mapper that walks them.
     */
    @Test
    void deepValuesInFreeFormPlacesGiveATranslationOrATypedError() {
        String[] templates = {
            "{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":%s}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":%s}}]}",
            "{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"s\",\"schema\":%s}}}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x_extra\":%s,\"tool_choice\":%s}",
            "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"x\",\"x_extra\":%s}],\"tool_choice\":%s}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":%s,\"prediction\":%s}",
            "{\"status\":\"completed\",\"output\":[{\"type\":\"mcp_call\",\"x\":%s}],\"x_extra\":%s}",
            "{\"choices\":[{\"message\":{\"content\":\"x\",\"x_extra\":%s},\"finish_reason\":\"stop\"}],\"x\":%s}",
        };
        for (int depth : new int[] {490, 497, 499, 501, 1200}) {
            for (String template : templates) {
                // The template's own nesting is at most 5 levels: these straddle the limit of 500.
                String deep = schemaLike(depth / 2);
                String json = template.replace("%s", deep);
                checkAll(depth, "deep value", json);
                checkAll(depth, "deep array", template.replace("%s", "[".repeat(depth) + "]".repeat(depth)));
            }
        }
    }

    /** {@code {"type":"object","properties":{"a": ... }}} nested {@code levels} times (two JSON levels each). */
    static String schemaLike(int levels) {
        return "{\"type\":\"object\",\"properties\":{\"a\":".repeat(levels) + "{}" + "}}".repeat(levels);
    }

    // ------------------------------------------------------------------------------------------------------------

    static void checkAll(long seed, String what, String json) {
        for (JsonCodec codec : Translators.CODECS) {
            for (Translator t : List.of(Translators.strict(codec), Translators.lenient(codec))) {
                for (Method method : METHODS) {
                    check(seed, what, json, codec, t, method);
                }
            }
        }
    }

    private static void check(long seed, String what, String json, JsonCodec codec, Translator t, Method method) {
        String where = "[seed " + seed + ", " + what + ", " + method.name + ", " + codec.name()
                + (t.options().lenient() ? ", lenient" : ", strict") + "]\n  input: " + Json.snippet(json);
        Object result;
        try {
            result = method.call.apply(t).apply(json);
        } catch (UntranslatableException e) {
            assertThat(e.problems()).as(where).isNotEmpty();
            assertThat(e.problems()).as(where).allSatisfy(p -> assertThat(p.path()).startsWith("$"));
            OpenAiError error = e.toOpenAiError();
            // param is the first path as OpenAI writes it: no "$." (tools[2].type, not $.tools[2].type).
            assertThat(error.param()).as(where).isEqualTo(OpenAiError.param(e.problems().get(0).path()));
            assertThat(error.param()).as(where).doesNotStartWith("$");
            return;
        } catch (MalformedJsonException e) {
            assertThat(e.path()).as(where + "\n  " + e.getMessage()).isNotNull().startsWith("$");
            assertThat(e.getMessage()).as(where).isNotBlank();
            return;
        } catch (ResponseFailedException e) {
            assertThat(method.name).as(where + ": a failed response where none was read").startsWith("responseTo");
            assertThat(e.error()).as(where).isNotNull();
            return;
        } catch (Throwable e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            String stack = trace.toString();
            throw new AssertionError(where + "\n  threw " + e + "\n" + stack.substring(0, Math.min(stack.length(), 4000)), e);
        }
        if (result instanceof Translation<?> translation) {
            assertThat(translation.value()).as(where).isInstanceOf(String.class);
            Json.parse((String) translation.value());
            List<String> paths = new ArrayList<>();
            for (Problem p : translation.warnings()) {
                paths.add(p.path());
            }
            assertThat(paths).as(where).allSatisfy(p -> assertThat(p).startsWith("$"));
        }
    }
}
