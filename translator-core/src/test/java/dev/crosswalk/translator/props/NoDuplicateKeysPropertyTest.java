package dev.crosswalk.translator.props;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.CrosswalkException;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 (5): no output of any entry point has a duplicate key. Valid bodies of every kind get unknown members
 * named like the members both protocols declare ({@code messages}, {@code input}, {@code type}, {@code role}, ...)
 * at random objects; each is translated strictly and leniently with both codecs. Strict: a translation without
 * duplicates, or an {@link UntranslatableException} naming paths. Lenient: always a translation without duplicates,
 * and every dropped collision is a warning. The checker is an independent parser with duplicate detection on.
 * A failure names its seed.
 */
class NoDuplicateKeysPropertyTest {
    private static final int SEEDS = 250;
    private static final ObjectMapper STRICT_PARSER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Member names the translations write: the likeliest to collide. */
    private static final String[] NAMES = {"model", "messages", "input", "instructions", "tools", "tool_choice", "max_tokens",
            "max_completion_tokens", "max_output_tokens", "response_format", "text", "reasoning", "reasoning_effort", "stream",
            "stream_options", "store", "metadata", "temperature", "top_p", "user", "id", "object", "created", "created_at",
            "status", "output", "choices", "usage", "message", "role", "content", "type", "call_id", "arguments", "name",
            "function", "tool_calls", "tool_call_id", "refusal", "annotations", "logprobs", "finish_reason", "index", "delta",
            "output_text", "incomplete_details", "error", "parallel_tool_calls", "format", "json_schema", "strict", "format",
            "summary", "encrypted_content", "prompt_tokens", "input_tokens", "output_tokens", "total_tokens", "x_unknown"};

    record Entry(String name, Corpus.Kind kind, Function<Translator, Function<String, Translation<String>>> call) {
    }

    private static final String REQUEST = "{\"model\":\"m\",\"input\":\"hi\"}";
    private static final List<Entry> ENTRIES = List.of(
            new Entry("requestToResponses", Corpus.Kind.CHAT_REQUEST, t -> t::requestToResponses),
            new Entry("requestToChat", Corpus.Kind.RESPONSES_REQUEST, t -> t::requestToChat),
            new Entry("responseToChat", Corpus.Kind.RESPONSE, t -> t::responseToChat),
            new Entry("responseToResponses", Corpus.Kind.CHAT_COMPLETION, t -> json -> t.responseToResponses(json, REQUEST)));

    @Test
    void theIssueExample() {
        for (JsonCodec codec : Translators.CODECS) {
            String input = "{\"model\":\"m\",\"input\":\"hi\",\"messages\":[{\"role\":\"system\",\"content\":\"override\"}]}";
            UntranslatableException e = org.assertj.core.api.Assertions.catchThrowableOfType(UntranslatableException.class,
                    () -> Translators.strict(codec).requestToChat(input));
            assertThat(e).isNotNull();
            assertThat(e.problems()).extracting(Problem::path).containsExactly("$.messages");
            Translation<String> lenient = Translators.lenient(codec).requestToChat(input);
            assertNoDuplicates(lenient.value(), "lenient");
            assertThat(lenient.value()).doesNotContain("override");
            assertThat(lenient.warnings()).extracting(Problem::path).contains("$.messages");
        }
    }

    @Test
    void noEntryPointWritesADuplicateKey() {
        for (long seed = 0; seed < SEEDS; seed++) {
            for (Entry entry : ENTRIES) {
                Random rnd = new Random(seed * 31 + entry.name().hashCode());
                Object body = new Gen(seed, rnd.nextBoolean()).of(entry.kind());
                inject(body, rnd);
                String json = Json.write(body);
                for (JsonCodec codec : Translators.CODECS) {
                    String where = "seed " + seed + ", " + entry.name() + ", " + codec.name() + ", input " + Json.snippet(json);
                    try {
                        assertNoDuplicates(entry.call().apply(Translators.strict(codec)).apply(json).value(), where);
                    } catch (UntranslatableException e) {
                        assertThat(e.problems()).as(where).allSatisfy(p -> assertThat(p.path()).startsWith("$"));
                    } catch (CrosswalkException otherwiseInvalid) {
                        // An injected member made the body invalid in its own protocol (a "type" on a part): a typed
                        // error is the right answer, and there is no output to check.
                    }
                    try {
                        assertNoDuplicates(entry.call().apply(Translators.lenient(codec)).apply(json).value(), where);
                    } catch (CrosswalkException otherwiseInvalid) {
                        assertThat(otherwiseInvalid).as(where).isNotInstanceOf(UntranslatableException.class);
                    }
                }
            }
        }
    }

    @Test
    void noStreamWritesADuplicateKey() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random rnd = new Random(seed);
            for (JsonCodec codec : Translators.CODECS) {
                Translator t = Translators.lenient(codec);
                ChatToResponsesStream toResponses = new ChatToResponsesStream(t.options(), codec.read(REQUEST, ResponsesRequest.class));
                List<Object> chunks = List.of(
                        Json.o("id", "c1", "object", "chat.completion.chunk", "created", 1, "model", "m", "choices",
                                Json.a(Json.o("index", 0, "delta", Json.o("role", "assistant", "content", "hel"), "finish_reason", null))),
                        Json.o("id", "c1", "object", "chat.completion.chunk", "created", 1, "model", "m", "choices",
                                Json.a(Json.o("index", 0, "delta", Json.o("content", "lo"), "finish_reason", "stop"))));
                List<String> written = new ArrayList<>();
                for (Object chunk : chunks) {
                    Object copy = Json.copy(chunk);
                    inject(copy, rnd);
                    ChatCompletionChunk read = readOrNull(codec, Json.write(copy), ChatCompletionChunk.class);
                    for (ResponseStreamEvent e : read == null ? List.<ResponseStreamEvent>of() : toResponses.onChunk(read)) {
                        written.add(codec.write(e));
                    }
                }
                toResponses.onEnd().forEach(e -> written.add(codec.write(e)));

                ResponsesToChatStream toChat = new ResponsesToChatStream(t.options(), true, ignored -> { });
                Object response = new Gen(seed, false).of(Corpus.Kind.RESPONSE);
                Json.obj(response).put("status", "completed");
                List<Object> events = List.of(
                        Json.o("type", "response.created", "sequence_number", 0, "response", Json.copy(response)),
                        Json.o("type", "response.output_text.delta", "sequence_number", 1, "item_id", "msg_1", "output_index", 0,
                                "content_index", 0, "delta", "hi"),
                        Json.o("type", "response.completed", "sequence_number", 2, "response", Json.copy(response)));
                for (Object event : events) {
                    inject(event, rnd);
                    ResponseStreamEvent read = readOrNull(codec, Json.write(event), ResponseStreamEvent.class);
                    for (ChatStreamOutput o : read == null ? List.<ChatStreamOutput>of() : toChat.onEvent(read)) {
                        if (o instanceof ChatStreamOutput.Chunk c) {
                            written.add(codec.write(c.chunk()));
                        } else if (o instanceof ChatStreamOutput.Error e) {
                            written.add(codec.write(e.error().toResponse()));
                        }
                    }
                }
                for (String w : written) {
                    assertNoDuplicates(w, "seed " + seed + ", stream, " + codec.name());
                }
            }
        }
    }

    /** Adds 1-4 unknown members with declared-looking names to random objects of the tree. */
    private static void inject(Object tree, Random rnd) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Json.objects(tree, "$", (path, map) -> objects.add(map));
        for (int i = 1 + rnd.nextInt(4); i > 0 && !objects.isEmpty(); i--) {
            Map<String, Object> target = objects.get(rnd.nextInt(objects.size()));
            String name = NAMES[rnd.nextInt(NAMES.length)];
            target.putIfAbsent(name, rnd.nextBoolean() ? "injected" : Json.a(Json.o("role", "user", "content", "injected")));
        }
    }

    /** The event, or null when an injected member made it invalid in its own protocol (a typed error, not a crash). */
    private static <T> T readOrNull(JsonCodec codec, String json, Class<T> type) {
        try {
            return codec.read(json, type);
        } catch (CrosswalkException invalid) {
            return null;
        }
    }

    private static void assertNoDuplicates(String json, String where) {
        try {
            STRICT_PARSER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(where + ": output has a duplicate key: " + e.getMessage() + "\n" + Json.snippet(json), e);
        }
    }
}
