package dev.crosswalk.translator.props;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.internal.RequestJson;
import dev.crosswalk.translator.internal.TextOrList;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The JSON request entry points skip the duplicate-key check when the fast-path reader kept no unknown member
 * ({@code Report}): the rule is that the check can only find a member of an {@code extra} map, and that the request
 * mappers put nothing but the input's own unknown members there. The tests: a colliding unknown member in a nested
 * record, read by the fast path, is still rejected (strict) or dropped with a warning (lenient) at its output path,
 * over text and bytes with both codecs; and every request the fast path reads without unknown members translates, on
 * the record path (which runs the check), with every {@code extra} map of the output empty, so the skip cannot have
 * hidden anything there.
 */
class DuplicateKeyCheckSkipTest {
    private static final int SEEDS = 200;

    record Case(boolean chat, String json, String path, String name) {
    }

    private static final List<Case> NESTED_COLLISIONS = List.of(
            // A Chat tool call's unknown "call_id" travels on the function_call item, which writes call_id itself.
            new Case(true, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\","
                    + "\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
                    + "\"arguments\":\"{}\"},\"call_id\":\"injected\"}]}]}", "$.input[1].call_id", "call_id"),
            // A function_call item's unknown "function" travels on the Chat tool call, which writes function itself.
            new Case(false, "{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"},"
                    + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\",\"function\":\"injected\"}]}",
                    "$.messages[1].tool_calls[0].function", "function"));

    @Test
    void aCollidingUnknownMemberInANestedRecordIsStillFound() {
        for (JsonCodec codec : Translators.CODECS) {
            for (Case c : NESTED_COLLISIONS) {
                String where = codec.name() + " " + c.json();
                Class<?> type = type(c.chat());
                // The fast path reads it (the case is not sent to the data binder) and says it kept an unknown member.
                RequestJson.Read<?> read = RequestJson.readRequest(codec, c.json(), type);
                assertThat(read).as("fast path reads " + where).isNotNull();
                assertThat(read.unknownMembers()).as(where).isTrue();
                assertThat(RequestJson.readRequest(codec, utf8(c.json()), type).unknownMembers()).as("bytes " + where).isTrue();
                for (Function<Translator, Translation<String>> entry : entries(c)) {
                    UntranslatableException e = catchThrowableOfType(UntranslatableException.class,
                            () -> entry.apply(Translators.strict(codec)));
                    assertThat(e).as("strict " + where).isNotNull();
                    assertThat(e.problems()).extracting(Problem::path).as(where).containsExactly(c.path());
                    Translation<String> lenient = entry.apply(Translators.lenient(codec));
                    assertThat(lenient.warnings()).extracting(Problem::path).as(where).contains(c.path());
                    assertThat(lenient.value()).as(where).doesNotContain("injected");
                }
            }
        }
    }

    @Test
    void withoutTheUnknownMemberTheReaderSaysSo() {
        for (JsonCodec codec : Translators.CODECS) {
            for (Case c : NESTED_COLLISIONS) {
                String plain = c.json().replace(",\"" + c.name() + "\":\"injected\"", "");
                assertThat(plain).isNotEqualTo(c.json());
                RequestJson.Read<?> read = RequestJson.readRequest(codec, plain, type(c.chat()));
                assertThat(read).isNotNull();
                assertThat(read.unknownMembers()).as(codec.name() + " " + plain).isFalse();
            }
        }
    }

    /** The mappers invent no extras: inputs without unknown members translate with every extra empty. */
    @Test
    void requestsWithoutUnknownMembersTranslateWithEmptyExtras() {
        List<String[]> bodies = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            for (boolean wide : new boolean[] {false, true}) {
                Gen gen = new Gen(seed, wide);
                bodies.add(new String[] {"chat", "seed " + seed, Json.write(gen.chatRequest())});
                bodies.add(new String[] {"responses", "seed " + seed, Json.write(gen.responsesRequest())});
            }
        }
        Corpus.of(Corpus.Kind.CHAT_REQUEST).forEach(b -> bodies.add(new String[] {"chat", b.toString(), b.json()}));
        Corpus.of(Corpus.Kind.RESPONSES_REQUEST).forEach(b -> bodies.add(new String[] {"responses", b.toString(), b.json()}));
        int checked = 0;
        for (String[] body : bodies) {
            boolean chat = body[0].equals("chat");
            for (JsonCodec codec : Translators.CODECS) {
                RequestJson.Read<?> read = RequestJson.readRequest(codec, body[2], type(chat));
                if (read == null || read.unknownMembers()) {
                    continue;
                }
                Translator t = Translators.lenient(codec);
                Object out;
                try {
                    out = chat ? t.toResponses((ChatCompletionRequest) read.value()).value()
                            : t.toChat((ResponsesRequest) read.value()).value();
                } catch (RuntimeException invalid) {
                    continue; // an error is the same on both paths (RequestFastPathPropertyTest); no output to check
                }
                List<String> extras = new ArrayList<>();
                nonEmptyExtras(out, "$", extras);
                assertThat(extras).as(codec.name() + " " + body[1] + " " + body[0] + ": " + body[2]).isEmpty();
                checked++;
            }
        }
        assertThat(checked).as("requests read without unknown members, of " + bodies.size() * 2).isGreaterThan(bodies.size() / 2);
    }

    private static List<Function<Translator, Translation<String>>> entries(Case c) {
        return c.chat()
                ? List.of(t -> t.requestToResponses(c.json()), t -> text(t.requestToResponses(utf8(c.json()))))
                : List.of(t -> t.requestToChat(c.json()), t -> text(t.requestToChat(utf8(c.json()))));
    }

    private static Translation<String> text(Translation<byte[]> bytes) {
        return new Translation<>(new String(bytes.value(), StandardCharsets.UTF_8), bytes.warnings());
    }

    private static Class<?> type(boolean chat) {
        return chat ? ChatCompletionRequest.class : ResponsesRequest.class;
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Every record's {@code extra} map that is not empty, by path (the records, lists and string-or-list values). */
    private static void nonEmptyExtras(Object value, String path, List<String> found) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                nonEmptyExtras(list.get(i), path + "[" + i + "]", found);
            }
        } else if (value instanceof TextOrList<?> union && !union.isText()) {
            nonEmptyExtras(union.items(), path, found);
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object member;
                try {
                    java.lang.reflect.Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    member = accessor.invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new AssertionError(e);
                }
                if (component.getName().equals("extra")) {
                    if (member instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add(path + " " + extra.keySet());
                    }
                } else {
                    nonEmptyExtras(member, path + "." + component.getName(), found);
                }
            }
        }
    }
}
