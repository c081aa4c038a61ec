package dev.crosswalk.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A streamed answer over the Responses wire leaves out {@code instructions} and {@code metadata} (a Spring AI answer
 * has no place for them): not worth a word when they echo the request sent, reported when the server changed them —
 * the rule of the blocking call (docs/architecture.md §5).
 */
class StreamDecoderEchoTest {
    private static final JsonCodec CODEC = JsonCodec.jackson3();
    private static final String RESPONSE = """
            {"id":"resp_1","object":"response","created_at":1700000000,"status":"%s","model":"gpt-test",\
            "instructions":"Be brief.","metadata":%s,"output":%s,\
            "usage":{"input_tokens":3,"output_tokens":1,"total_tokens":4}}""";
    private static final String MESSAGE = "[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\",\"annotations\":[]}]}]";

    private static List<String> decode(ResponsesRequest sent, String metadata) {
        StreamDecoder decoder = StreamDecoder.of(WireApi.RESPONSES, CODEC, new UpstreamErrors(CODEC, TestSupport.API_KEY),
                TranslatorOptions.builder().codec(CODEC).reasoningContent(true).build(), sent);
        decoder.onEvent(SseEvent.of("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                + RESPONSE.formatted("in_progress", metadata, "[]") + "}"));
        decoder.onEvent(SseEvent.of("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,"
                + "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}"));
        assertThat(decoder.onEvent(SseEvent.of("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":2,"
                + "\"response\":" + RESPONSE.formatted("completed", metadata, MESSAGE) + "}"))).isNotEmpty();
        return decoder.warnings().stream().map(Problem::path).toList();
    }

    private static ResponsesRequest sent() {
        return CODEC.read("{\"model\":\"gpt-test\",\"input\":\"Hello\",\"instructions\":\"Be brief.\","
                + "\"metadata\":{\"team\":\"search\"},\"stream\":true}", ResponsesRequest.class);
    }

    @Test
    void echoesOfTheRequestSentAreNoLoss() {
        assertThat(decode(sent(), "{\"team\":\"search\"}")).isEmpty();
    }

    @Test
    void metadataTheServerChangedIsReported() {
        assertThat(decode(sent(), "{\"team\":\"search\",\"trace\":\"t-1\"}")).containsExactly("$.metadata");
    }

    @Test
    void withoutTheRequestSentWhateverIsSetIsReported() {
        assertThat(decode(null, "{\"team\":\"search\"}")).containsExactly("$.instructions", "$.metadata");
    }
}
