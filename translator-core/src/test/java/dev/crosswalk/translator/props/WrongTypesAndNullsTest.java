package dev.crosswalk.translator.props;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 10 (6) and (7): bad input is a typed error naming its path, never coerced or a crash; nothing lost silently. */
class WrongTypesAndNullsTest {
    static List<JsonCodec> codecs() {
        return Translators.CODECS;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void wrongTypedScalarsAreRejectedWithTheirPath(JsonCodec codec) {
        String[][] cases = {
                {"{\"model\":\"m\",\"input\":\"hi\",\"stream\":\"true\"}", "$.stream"},
                {"{\"model\":1,\"input\":\"hi\"}", "$.model"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"store\":0}", "$.store"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"temperature\":\"0.5\"}", "$.temperature"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":1.5}", "$.max_output_tokens"}};
        for (String[] c : cases) {
            MalformedJsonException e = catchThrowableOfType(MalformedJsonException.class, () -> Translators.strict(codec).requestToChat(c[0]));
            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.path()).as(c[0]).isEqualTo(c[1]);
        }
        MalformedJsonException chat = catchThrowableOfType(MalformedJsonException.class, () -> Translators.strict(codec)
                .requestToResponses("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":1}"));
        assertThat(chat.path()).isEqualTo("$.stream");
        // Right types still read: integers where numbers go.
        assertThat(Translators.strict(codec).requestToChat("{\"model\":\"m\",\"input\":\"hi\",\"temperature\":1,\"store\":false}").value())
                .contains("\"temperature\":1");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aNullLogprobsEntryInAStreamIsNoCrash(JsonCodec codec) {
        ChatToResponsesStream stream = new ChatToResponsesStream(Translators.lenient(codec).options(),
                codec.read("{\"model\":\"m\",\"input\":\"hi\"}", ResponsesRequest.class));
        List<ResponseStreamEvent> events = new ArrayList<>();
        events.addAll(stream.onChunk(codec.read("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"logprobs\":{\"content\":[null]}}]}", ChatCompletionChunk.class)));
        events.addAll(stream.onChunk(codec.read("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", ChatCompletionChunk.class)));
        events.addAll(stream.onEnd());
        assertThat(events).extracting(ResponseStreamEvent::type).contains("response.output_text.delta", "response.completed");
        assertThat(stream.warnings()).extracting(Problem::path).contains("$.choices[0].logprobs.content");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aRefusalOnlyCompletionReportsItsLogprobs(JsonCodec codec) {
        String completion = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"No.\"},\"finish_reason\":\"stop\","
                + "\"logprobs\":{\"content\":[{\"token\":\"No\",\"logprob\":-0.1,\"bytes\":[78,111],\"top_logprobs\":[]}],\"refusal\":null}}]}";
        Translation<String> out = Translators.strict(codec).responseToResponses(completion, "{\"model\":\"m\",\"input\":\"hi\"}");
        assertThat(out.value()).contains("\"refusal\":\"No.\"");
        assertThat(out.warnings()).extracting(Problem::path).contains("$.choices[0].logprobs.content");
    }
}
