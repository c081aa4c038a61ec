package dev.crosswalk.translator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md §5, streamed: a Responses stream's {@code instructions} and {@code metadata} have no place in
 * Chat chunks; they are reported when they are not the echo of the request sent upstream (whenever set if that
 * request is unknown), exactly as for a non-streaming answer, once per path, whether they appear on
 * {@code response.created} or only on the terminal event.
 */
class StreamEchoWarningsTest {
    private static final JsonCodec CODEC = JsonCodec.jackson2();
    private static final String RESPONSE = """
            {"id":"resp_abc","object":"response","created_at":1700000000,"status":"%s","model":"gpt-4o-mini",
             "instructions":%s,"metadata":%s,"output":%s,"usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}""";
    private static final String MESSAGE = """
            [{"type":"message","id":"msg_1","status":"completed","role":"assistant",
              "content":[{"type":"output_text","text":"Hi","annotations":[]}]}]""";
    private static final String SENT = """
            {"model":"gpt-4o-mini","input":"Hello","instructions":"Be brief.","metadata":{"team":"search"},"stream":true}""";

    private static Translator translator() {
        return Crosswalk.translator(TranslatorOptions.builder().codec(CODEC).ids(IdSource.sequential()).build());
    }

    /** response.created, one text delta, response.completed; instructions/metadata as JSON on each end. */
    private static List<String> events(String createdInstructions, String createdMetadata, String instructions, String metadata) {
        return List.of(
                "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                        + RESPONSE.formatted("in_progress", createdInstructions, createdMetadata, "[]") + "}",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}",
                "{\"type\":\"response.completed\",\"sequence_number\":2,\"response\":"
                        + RESPONSE.formatted("completed", instructions, metadata, MESSAGE) + "}");
    }

    private static List<String> run(ResponsesToChatStream stream, List<String> events) {
        for (String event : events) {
            assertThat(stream.onEvent(CODEC.read(event, ResponseStreamEvent.class))).isNotEmpty();
        }
        assertThat(stream.finished()).isTrue();
        return stream.warnings().stream().map(Problem::path).toList();
    }

    private static ResponsesRequest sent() {
        return CODEC.read(SENT, ResponsesRequest.class);
    }

    @Test
    void echoesOfTheRequestSentAreNoLoss() {
        List<String> events = events("\"Be brief.\"", "{\"team\":\"search\"}", "\"Be brief.\"", "{\"team\":\"search\"}");
        assertThat(run(translator().streamToChat(true, sent(), ignored -> { }), events)).isEmpty();
    }

    @Test
    void instructionsRenderedByTheServerAreReportedOnce() {
        // A server that renders a prompt template into instructions: they are new, on created and on completed alike.
        List<String> events = events("\"You are Acme's agent.\"", "{\"team\":\"search\"}", "\"You are Acme's agent.\"", "{\"team\":\"search\"}");
        ResponsesToChatStream stream = translator().streamToChat(true, sent(), ignored -> { });
        assertThat(run(stream, events)).containsExactly("$.instructions");
        assertThat(stream.warnings().get(0).reason()).contains("not the request's echo");
    }

    @Test
    void metadataAddedOnlyByTheTerminalEventIsReported() {
        List<String> events = events("\"Be brief.\"", "{\"team\":\"search\"}", "\"Be brief.\"", "{\"team\":\"search\",\"trace\":\"t1\"}");
        assertThat(run(translator().streamToChat(true, sent(), ignored -> { }), events)).containsExactly("$.metadata");
    }

    @Test
    void withoutTheRequestSentWhateverIsSetIsReported() {
        List<String> events = events("\"Be brief.\"", "{\"team\":\"search\"}", "\"Be brief.\"", "{\"team\":\"search\"}");
        assertThat(run(translator().streamToChat(true, ignored -> { }), events)).containsExactly("$.instructions", "$.metadata");
        assertThat(run(translator().streamToChat(null, ignored -> { }), events))
                .containsExactly("$.instructions", "$.metadata");
        // Nothing set (empty metadata is none): nothing to report.
        assertThat(run(translator().streamToChat(true, ignored -> { }), events("null", "{}", "null", "{}"))).isEmpty();
    }

    @Test
    void theChatRequestOverloadTakesTheRequestSentToo() {
        ChatCompletionRequest chat = CODEC.read("""
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}],"stream":true,
                 "stream_options":{"include_usage":true}}""", ChatCompletionRequest.class);
        List<String> events = events("\"Be brief.\"", "{\"team\":\"search\"}", "\"Be brief.\"", "{\"team\":\"other\"}");
        assertThat(run(translator().streamToChat(chat, sent(), ignored -> { }), events)).containsExactly("$.metadata");
    }

    @Test
    void theStreamReportsWhatTheNonStreamingAnswerReports() {
        String[][] cases = {
                {"\"Be brief.\"", "{\"team\":\"search\"}"},
                {"\"Other.\"", "{\"team\":\"search\"}"},
                {"\"Be brief.\"", "{}"},
                {"null", "{\"a\":\"b\"}"},
                {"\"Other.\"", "{\"a\":\"b\"}"}};
        for (String[] c : cases) {
            Response body = CODEC.read(RESPONSE.formatted("completed", c[0], c[1], MESSAGE), Response.class);
            for (ResponsesRequest sent : new ResponsesRequest[] {sent(), null}) {
                List<String> expected = translator().toChat(body, sent).warnings().stream().map(Problem::path).toList();
                assertThat(run(translator().streamToChat(false, sent, ignored -> { }), events(c[0], c[1], c[0], c[1])))
                        .as("instructions %s, metadata %s, sent %s", c[0], c[1], sent != null).isEqualTo(expected);
            }
        }
    }
}
