package dev.crosswalk.translator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md §5: a response's id is carried into Chat as {@code chatcmpl-} + the id, the same for a body and
 * for every chunk of a stream; a response without one gets a minted id.
 */
class ResponseIdCarriedTest {
    private static final JsonCodec CODEC = JsonCodec.jackson2();
    private static final String RESPONSE = """
            {"id":"resp_abc","object":"response","created_at":1700000000,"status":"%s","model":"gpt-4o-mini",
             "output":%s,"usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}""";
    private static final String MESSAGE = """
            [{"type":"message","id":"msg_1","status":"completed","role":"assistant",
              "content":[{"type":"output_text","text":"Hi","annotations":[]}]}]""";

    private static Translator translator() {
        return Crosswalk.translator(TranslatorOptions.builder().codec(CODEC).ids(IdSource.sequential()).build());
    }

    @Test
    void bodyAndStreamCarryTheResponseId() {
        Response body = CODEC.read(RESPONSE.formatted("completed", MESSAGE), Response.class);
        assertThat(translator().toChat(body).value().id()).isEqualTo("chatcmpl-resp_abc");

        ResponsesToChatStream stream = translator().streamToChat(true, ignored -> { });
        List<ChatStreamOutput> out = new ArrayList<>();
        for (String event : List.of(
                "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + RESPONSE.formatted("in_progress", "[]") + "}",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}",
                "{\"type\":\"response.completed\",\"sequence_number\":2,\"response\":" + RESPONSE.formatted("completed", MESSAGE) + "}")) {
            out.addAll(stream.onEvent(CODEC.read(event, ResponseStreamEvent.class)));
        }
        List<String> ids = out.stream().filter(o -> o instanceof ChatStreamOutput.Chunk)
                .map(o -> ((ChatStreamOutput.Chunk) o).chunk().id()).toList();
        assertThat(ids).isNotEmpty().containsOnly("chatcmpl-resp_abc");
    }

    @Test
    void aResponseWithoutIdGetsAMintedOne() {
        Response body = CODEC.read(RESPONSE.formatted("completed", MESSAGE).replace("\"id\":\"resp_abc\",", ""), Response.class);
        assertThat(translator().toChat(body).value().id()).isEqualTo("chatcmpl-1");
    }
}
