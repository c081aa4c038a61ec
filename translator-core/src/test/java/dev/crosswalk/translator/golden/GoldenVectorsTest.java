package dev.crosswalk.translator.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.SystemMessagePolicy;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden vector under {@code src/test/resources/golden/<direction>/<case>/} against both JSON codecs.
 *
 * <p>A case directory holds {@code input.json} and exactly one of {@code expected.json} (the translated body) or
 * {@code expected-error.json} ({@code {"paths": [...]}} for an {@link UntranslatableException}, or
 * {@code {"failed": true}} for a {@link ResponseFailedException}); optionally {@code options.json},
 * {@code request.json} (the response directions: the request answered) and {@code warnings.json} ({@code {"paths": [...]}};
 * when absent, no warnings are expected).
 */
class GoldenVectorsTest {
    private static final String ROOT = "/golden";
    private static final List<String> DIRECTIONS = List.of("chat-to-responses-request", "responses-to-chat-request",
            "chat-to-responses-response", "responses-to-chat-response");
    private static final Set<String> KNOWN_FILES = Set.of("input.json", "expected.json", "expected-error.json",
            "options.json", "request.json", "warnings.json");
    private static final Set<String> KNOWN_OPTIONS = Set.of("lenient", "systemMessages", "instructionsRole",
            "systemOnlyAtStart", "reasoningContent");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000100), ZoneOffset.UTC);

    /** Test-side JSON reading, independent of the codecs under test; floats as BigDecimal so nothing is rounded. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Path caseDir : caseDirs()) {
            for (String codec : List.of("jackson2", "jackson3")) {
                all.add(Arguments.of(caseDir.getParent().getFileName() + "/" + caseDir.getFileName(), codec, caseDir));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void golden(String name, String codecName, Path dir) {
        JsonCodec codec = "jackson2".equals(codecName) ? JsonCodec.jackson2() : JsonCodec.jackson3();
        String where = name + " [" + codecName + "]";
        checkLayout(dir, where);
        Translator translator = Crosswalk.translator(options(dir, codec, where));
        String direction = dir.getParent().getFileName().toString();
        String input = read(dir.resolve("input.json"));
        String request = Files.exists(dir.resolve("request.json")) ? read(dir.resolve("request.json")) : null;
        Supplier<Translation<String>> run = switch (direction) {
            case "chat-to-responses-request" -> () -> translator.requestToResponses(input);
            case "responses-to-chat-request" -> () -> translator.requestToChat(input);
            case "chat-to-responses-response" -> () -> translator.responseToResponses(input, request);
            case "responses-to-chat-response" -> () -> request == null ? translator.responseToChat(input)
                    : translator.responseToChat(input, request);
            default -> throw new AssertionError(where + ": unknown direction " + direction);
        };
        List<String> expectedWarnings = Files.exists(dir.resolve("warnings.json"))
                ? paths(tree(dir.resolve("warnings.json")), where + " warnings.json") : List.of();

        if (Files.exists(dir.resolve("expected-error.json"))) {
            expectError(tree(dir.resolve("expected-error.json")), run, where);
            return;
        }
        Translation<String> translation;
        try {
            translation = run.get();
        } catch (UntranslatableException e) {
            fail("%s: expected a translation, but got UntranslatableException with paths %s%n%s", where,
                    problemPaths(e.problems()), e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": expected a translation, but the translator threw " + e, e);
        }
        JsonNode expected = tree(dir.resolve("expected.json"));
        JsonNode actual = parse(translation.value(), where + " output");
        List<String> differences = new ArrayList<>();
        diff("$", expected, actual, differences);
        if (!differences.isEmpty()) {
            fail("%s: output differs from expected.json at%n  %s%n%n--- expected%n%s%n%n--- actual%n%s%n%n--- warnings%n%s",
                    where, String.join("\n  ", differences), pretty(expected), pretty(actual),
                    describe(translation.warnings()));
        }
        // Any order: unknown fields are collected by Jackson in hash order, so their warnings have no stable order.
        assertThat(problemPaths(translation.warnings()))
                .as("%s: warning paths (warnings: %s)", where, describe(translation.warnings()))
                .containsExactlyInAnyOrderElementsOf(expectedWarnings);
    }

    /** Guards the runner itself: the walk finds every direction, and every case is well-formed. */
    @Test
    void everyDirectionHasCases() {
        Set<String> found = caseDirs().stream().map(d -> d.getParent().getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).containsExactlyInAnyOrderElementsOf(DIRECTIONS);
    }

    /** Guards the comparison: key order ignored, numbers by value, null distinct from absent, array order kept. */
    @Test
    void treeComparisonRules() {
        assertThat(differences("{\"a\":1.0,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1.00}")).isEmpty();
        assertThat(differences("{\"a\":1}", "{\"a\":1.0}")).isEmpty();
        assertThat(differences("{\"a\":null}", "{}")).containsExactly("$.a: missing (expected null)");
        assertThat(differences("{}", "{\"a\":null}")).containsExactly("$.a: unexpected (got null)");
        assertThat(differences("[1,2]", "[2,1]")).hasSize(2);
        assertThat(differences("{\"a\":\"1\"}", "{\"a\":1}")).hasSize(1);
        assertThat(differences("[1]", "[1,2]")).containsExactly("$: expected 1 elements, got 2");
    }

    private static List<String> differences(String expected, String actual) {
        List<String> out = new ArrayList<>();
        diff("$", parse(expected, "expected"), parse(actual, "actual"), out);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void expectError(JsonNode spec, Supplier<Translation<String>> run, String where) {
        boolean failed = spec.path("failed").asBoolean(false);
        Translation<String> unexpected;
        try {
            unexpected = run.get();
        } catch (ResponseFailedException e) {
            if (failed) {
                return;
            }
            throw new AssertionError(where + ": expected UntranslatableException, got ResponseFailedException: " + e.getMessage(), e);
        } catch (UntranslatableException e) {
            if (failed) {
                throw new AssertionError(where + ": expected ResponseFailedException, got UntranslatableException: "
                        + e.getMessage(), e);
            }
            assertThat(problemPaths(e.problems()))
                    .as("%s: untranslatable paths (problems: %s)", where, describe(e.problems()))
                    .containsExactlyElementsOf(paths(spec, where + " expected-error.json"));
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": expected " + (failed ? "ResponseFailedException" : "UntranslatableException")
                    + ", but the translator threw " + e, e);
        }
        fail("%s: expected %s, but the translation succeeded%n--- actual%n%s%n--- warnings%n%s", where,
                failed ? "ResponseFailedException" : "UntranslatableException " + paths(spec, where),
                pretty(parse(unexpected.value(), where + " output")), describe(unexpected.warnings()));
    }

    private static TranslatorOptions options(Path dir, JsonCodec codec, String where) {
        TranslatorOptions.Builder builder = TranslatorOptions.builder().ids(IdSource.sequential()).clock(CLOCK).codec(codec);
        Path file = dir.resolve("options.json");
        if (!Files.exists(file)) {
            return builder.build();
        }
        JsonNode options = tree(file);
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode value = option.getValue();
            switch (option.getKey()) {
                case "lenient" -> builder.lenient(value.asBoolean());
                case "systemMessages" -> builder.systemMessages(SystemMessagePolicy.valueOf(value.asText()));
                case "instructionsRole" -> builder.instructionsRole(value.asText());
                case "systemOnlyAtStart" -> builder.systemOnlyAtStart(value.asBoolean());
                case "reasoningContent" -> builder.reasoningContent(value.asBoolean());
                default -> fail("%s: unknown option '%s' in options.json (known: %s)", where, option.getKey(), KNOWN_OPTIONS);
            }
        }
        return builder.build();
    }

    private static void checkLayout(Path dir, String where) {
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("%s: case files", where).contains("input.json");
        assertThat(KNOWN_FILES).as("%s: unknown files in the case directory", where).containsAll(files);
        assertThat(files.contains("expected.json") ^ files.contains("expected-error.json"))
                .as("%s: exactly one of expected.json or expected-error.json", where).isTrue();
        if (files.contains("request.json")) {
            assertThat(dir.getParent().getFileName().toString()).as("%s: request.json is for the response directions", where)
                    .isIn("chat-to-responses-response", "responses-to-chat-response");
        }
    }

    private static List<Path> caseDirs() {
        URL root = GoldenVectorsTest.class.getResource(ROOT);
        if (root == null) {
            throw new IllegalStateException("no " + ROOT + " directory on the test class path");
        }
        Path rootDir;
        try {
            rootDir = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Path> dirs = new ArrayList<>();
        for (String direction : DIRECTIONS) {
            Path directionDir = rootDir.resolve(direction);
            if (!Files.isDirectory(directionDir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(directionDir)) {
                list.filter(Files::isDirectory).sorted().forEach(dirs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dirs;
    }

    // ---------------------------------------------------------------------------------------------------------
    // JSON trees: object key order ignored, numbers by value, null distinct from absent.

    static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": expected " + expected + ", got " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path + "." + name;
                if (!actual.has(name)) {
                    out.add(child + ": missing (expected " + expected.get(name) + ")");
                } else if (!expected.has(name)) {
                    out.add(child + ": unexpected (got " + actual.get(name) + ")");
                } else {
                    diff(child, expected.get(name), actual.get(name), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            ArrayNode e = (ArrayNode) expected;
            ArrayNode a = (ArrayNode) actual;
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                diff(path + "[" + i + "]", e.get(i), a.get(i), out);
            }
            if (e.size() != a.size()) {
                out.add(path + ": expected " + e.size() + " elements, got " + a.size());
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static List<String> paths(JsonNode spec, String where) {
        JsonNode paths = spec.get("paths");
        if (paths == null || !paths.isArray()) {
            throw new AssertionError(where + ": needs {\"paths\": [...]}");
        }
        List<String> out = new ArrayList<>();
        paths.forEach(p -> out.add(p.asText()));
        return out;
    }

    private static List<String> problemPaths(List<Problem> problems) {
        return problems.stream().map(Problem::path).toList();
    }

    private static String describe(List<Problem> problems) {
        return problems.isEmpty() ? "(none)" : problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    private static JsonNode tree(Path file) {
        return parse(read(file), file.toString());
    }

    private static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + what + ": " + e.getMessage(), e);
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys sorted so expected and actual line up when compared side by side. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            Set<String> names = new TreeSet<>();
            node.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
