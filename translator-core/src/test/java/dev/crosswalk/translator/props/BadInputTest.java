package dev.crosswalk.translator.props;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, explicit cases: each gives a clear error that names the place, with both codecs. Malformed JSON names
 * the line and column; a value of the wrong type names its JSON path; unknown item types, empty or null messages and
 * items name theirs (strict: an error; lenient: a warning); huge strings and deep nesting either translate intact or
 * fail naming the place, never with an unplanned exception.
 */
class BadInputTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static Stream<JsonCodec> codecs() {
        return Translators.CODECS.stream();
    }

    // ------------------------------------------------------------------------------------------------ not JSON

    @ParameterizedTest
    @MethodSource("codecs")
    void malformedJsonNamesLineAndColumn(JsonCodec codec) {
        String json = "{\n  \"model\": \"m\",\n  \"messages\": [\n    {\"role\": \"user\" \"content\": \"x\"}\n  ]\n}";
        int line = 4;
        int column = json.split("\n")[line - 1].indexOf("\"content\"") + 1; // 1-based column of the unexpected token
        MalformedJsonException e = malformed(() -> Translators.strict(codec).requestToResponses(json));
        Matcher where = Pattern.compile("line (\\d+), column (\\d+)").matcher(e.getMessage());
        assertThat(where.find()).as(e.getMessage()).isTrue();
        assertThat(Integer.parseInt(where.group(1))).as(e.getMessage()).isEqualTo(line);
        assertThat(Integer.parseInt(where.group(2))).as(e.getMessage()).isBetween(column - 1, column + 1);
        assertThat(e.path()).startsWith("$");
        assertThat(e.toOpenAiError().type()).isEqualTo("invalid_request_error");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void truncatedJsonNamesWhereItEnds(JsonCodec codec) {
        String json = "{\"model\":\"m\",\n\"input\":[{\"type\":\"message\",";
        MalformedJsonException e = malformed(() -> Translators.strict(codec).requestToChat(json));
        assertThat(e.getMessage()).containsPattern("line 2, column \\d+");
        assertThat(e.path()).startsWith("$");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void documentsThatAreNotObjectsAreMalformedAtTheRoot(JsonCodec codec) {
        Translator t = Translators.strict(codec);
        for (String json : List.of("", "   ", "null", "[]", "42", "\"chat\"", "true", "hello", "{}{}", "{\"model\":\"m\"} x")) {
            for (Function<String, Object> method : List.<Function<String, Object>>of(t::requestToResponses, t::requestToChat,
                    t::responseToChat, j -> t.responseToResponses(j, null))) {
                MalformedJsonException e = malformed(() -> method.apply(json));
                assertThat(e.path()).as("input <%s>", json).isEqualTo("$");
                assertThat(e.getMessage()).as("input <%s>", json).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void duplicateMembersAreMalformed(JsonCodec codec) {
        String json = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"content\":\"y\"}]}";
        MalformedJsonException e = malformed(() -> Translators.strict(codec).requestToResponses(json));
        assertThat(e.getMessage()).contains("content");
        assertThat(e.path()).startsWith("$.messages[0]");
    }

    // ------------------------------------------------------------------------------------------------ wrong types

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                // Chat requests
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":\"hi\"}", "$.messages"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}", "$.temperature"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":{}}", "$.tools"),
                Arguments.of("chat", "{\"model\":[],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "$.model"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "$.messages[0].content"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"tool_calls\":"
                        + "[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]}]}",
                        "$.messages[1].tool_calls[0].function.arguments"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1e40}", "$.max_tokens"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"metadata\":{\"k\":{\"nested\":1}}}", "$.metadata.k"),
                // Responses requests
                Arguments.of("responses", "{\"model\":\"m\",\"input\":5}", "$.input"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":\"x\",\"top_p\":\"high\"}", "$.top_p"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"input_text\",\"text\":{}}]}]}", "$.input[0].content[0].text"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":\"json\"}}", "$.text.format"),
                // an easy-form message (no type) is read in a second step: the path must still be the request's
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"user\",\"content\":5}]}",
                        "$.input[1].content"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":[]}]}]}",
                        "$.input[0].content[0].text"),
                // response objects
                Arguments.of("response", "{\"status\":\"completed\",\"output\":\"x\"}", "$.output"),
                Arguments.of("response", "{\"status\":\"completed\",\"output\":[],\"usage\":{\"input_tokens\":\"many\"}}", "$.usage.input_tokens"),
                Arguments.of("completion", "{\"choices\":[{\"message\":{\"content\":[\"a\"]},\"finish_reason\":\"stop\"}]}",
                        "$.choices[0].message.content"),
                Arguments.of("completion", "{\"choices\":{},\"created\":1}", "$.choices"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongTypesNameTheirPath(String kind, String json, String path) {
        for (JsonCodec codec : Translators.CODECS) {
            for (Translator t : List.of(Translators.strict(codec), Translators.lenient(codec))) {
                MalformedJsonException e = malformed(() -> call(t, kind, json));
                assertThat(e.path()).as(codec.name() + " " + e.getMessage()).isEqualTo(path);
                assertThat(e.getMessage()).as(codec.name()).contains(path);
                // OpenAI writes param without the "$." of a JSON path.
                assertThat(e.toOpenAiError().param()).isEqualTo(path.substring(2));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ untranslatable shapes

    static Stream<Arguments> untranslatableShapes() {
        return Stream.of(
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[]}", "$.messages"),
                Arguments.of("chat", "{\"model\":\"m\"}", "$.messages"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[null]}", "$.messages[0]"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"function\",\"name\":\"f\",\"content\":\"r\"}]}",
                        "$.messages[1].role"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}", "$.messages[0].role"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_video\",\"url\":\"u\"}]}]}",
                        "$.messages[0].content[0].type"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[null]}]}", "$.messages[0].content[0]"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"retrieval\"}]}",
                        "$.tools[0]"),
                // the legacy functions list is read as free-form JSON: a wrong type there must not vanish quietly
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"functions\":[{\"name\":\"f\",\"parameters\":{}},{\"name\":\"g\",\"parameters\":\"oops\"}]}", "$.functions[1]"),
                Arguments.of("chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"functions\":[{\"name\":\"g\",\"description\":7,\"strict\":\"yes\"}]}", "$.functions[0]"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[]}", "$.input"),
                Arguments.of("responses", "{\"model\":\"m\"}", "$.input"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[null]}", "$.input[0]"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[{\"type\":\"future_item\",\"data\":1}]}", "$.input[0].type"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"critic\",\"content\":\"x\"}]}", "$.input[0].role"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_video\"}]}]}",
                        "$.input[0].content[0].type"),
                Arguments.of("responses", "{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"file_search\",\"vector_store_ids\":[\"v\"]}]}",
                        "$.tools[0]"),
                Arguments.of("completion", "{\"choices\":[],\"created\":1}", "$.choices"),
                Arguments.of("completion", "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"eos\"}]}", "$.choices[0].finish_reason"));
    }

    /** Strict: an error listing the place. Lenient: a translation with a warning for the place. */
    @ParameterizedTest
    @MethodSource("untranslatableShapes")
    void untranslatableShapesNameTheirPath(String kind, String json, String path) {
        for (JsonCodec codec : Translators.CODECS) {
            UntranslatableException e = catchThrowableOfType(UntranslatableException.class,
                    () -> call(Translators.strict(codec), kind, json));
            assertThat(e).as(codec.name() + " strict: " + json).isNotNull();
            assertThat(e.problems()).extracting(Problem::path).as(codec.name()).contains(path);
            assertThat(e.getMessage()).contains(path);
            Translation<String> lenient = call(Translators.lenient(codec), kind, json);
            assertThat(lenient.warnings()).extracting(Problem::path).as(codec.name() + " lenient").contains(path);
        }
    }

    // ------------------------------------------------------------------------------------------------ size

    /** A 10 MB string is carried intact both ways (the codecs accept strings up to 64 MB). */
    @ParameterizedTest
    @MethodSource("codecs")
    void tenMegabyteStringsTranslateIntact(JsonCodec codec) {
        String huge = "ab\u00e9\ud83d\ude42".repeat(10 * 1024 * 1024 / 5);
        String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}";
        Translator t = Translators.strict(codec);
        String responses = t.requestToResponses(chat).value();
        assertThat(responses).contains(huge);
        assertThat(t.requestToChat(responses).value()).contains(huge);
    }

    /** Beyond the codecs' string limit (64 MB) the error names the string's place. */
    @ParameterizedTest
    @MethodSource("codecs")
    void stringsBeyondTheLimitAreMalformedAtTheirPlace(JsonCodec codec) {
        String json = "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\""
                + "x".repeat(64 * 1024 * 1024 + 1) + "\"}]}";
        MalformedJsonException e = malformed(() -> Translators.strict(codec).requestToChat(json));
        assertThat(e.path()).isEqualTo("$.input[0].content");
        assertThat(e.getMessage().length()).as("the message does not echo the input").isLessThan(1000);
    }

    /** 1000+ levels of nesting are rejected with the place where the document got too deep. */
    @ParameterizedTest
    @MethodSource("codecs")
    void deepNestingIsMalformedAtItsPlace(JsonCodec codec) {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        Translator t = Translators.strict(codec);
        MalformedJsonException chat = malformed(() -> t.requestToResponses(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x_deep\":" + deep + "}"));
        assertThat(chat.path()).startsWith("$.x_deep");
        assertThat(chat.getMessage()).contains("depth");
        MalformedJsonException responses = malformed(() -> t.requestToChat(
                "{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"a\":" + deep + "}}]}"));
        assertThat(responses.path()).startsWith("$.tools[0].parameters");
        MalformedJsonException whole = malformed(() -> t.responseToChat(deep));
        assertThat(whole.path()).startsWith("$");
        String objects = "{\"a\":".repeat(1200) + "1" + "}".repeat(1200);
        MalformedJsonException response = malformed(() -> t.responseToChat("{\"status\":\"completed\",\"metadata_x\":" + objects + "}"));
        assertThat(response.path()).startsWith("$.metadata_x");
    }

    // ------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Translation<String> call(Translator t, String kind, String json) {
        return switch (kind) {
            case "chat" -> t.requestToResponses(json);
            case "responses" -> t.requestToChat(json);
            case "response" -> t.responseToChat(json);
            case "completion" -> t.responseToResponses(json, CHAT);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static MalformedJsonException malformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        MalformedJsonException e = catchThrowableOfType(MalformedJsonException.class, call);
        assertThat(e).as("expected a MalformedJsonException").isNotNull();
        return e;
    }
}
