package dev.crosswalk.translator.json.jackson2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.internal.StreamJsonReader;
import dev.crosswalk.translator.internal.StreamJsonWriter;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The fast path must actually take the live shapes it exists for (a fast path that always falls back would pass the
 * byte-identity test and speed nothing up): a live text chunk with its {@code obfuscation}, {@code "usage": null} and
 * {@code "logprobs": null}, a tool-call fragment, and the Responses delta events.
 */
class StreamFastPathCoverageTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Jackson2Codec CODEC = new Jackson2Codec();

    private static com.fasterxml.jackson.core.JsonParser parser(String json) {
        try {
            return MAPPER.getFactory().createParser(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void liveChunksAndDeltaEventsTakeTheFastPath() {
        String[] chunks = {
                // a live chunk, its members in the records' order (the data binder's, which the fast path matches)
                "{\"id\":\"chatcmpl-D8dV4\",\"object\":\"chat.completion.chunk\",\"created\":1770950834,\"model\":\"gpt-4o-2024-08-06\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"I'm\"},\"finish_reason\":null,\"logprobs\":null}],\"usage\":null,"
                        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_ad98c18a04\",\"obfuscation\":\"0CaBHUgMM\"}",
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null,\"logprobs\":null}]}",
        };
        for (String json : chunks) {
            ChatCompletionChunk chunk = StreamJsonReader.chunk(new Jackson2Streams.Tokens(parser(json)));
            assertThat(chunk).as(json).isNotNull();
            assertThat(StreamJsonWriter.covers(chunk)).as(json).isTrue();
            assertThat(CODEC.write(chunk)).isEqualTo(json.replace(",\"usage\":null", ""));
        }
        String[] events = {
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"msg_1\",\"output_index\":0,"
                        + "\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[],\"obfuscation\":\"xyz\"}",
                "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":7,\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":\"{\\\"a\"}",
                "{\"type\":\"response.reasoning_text.delta\",\"sequence_number\":2,\"item_id\":\"rs_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"hm\"}",
        };
        for (String json : events) {
            ResponseStreamEvent event = StreamJsonReader.event(new Jackson2Streams.Tokens(parser(json)));
            assertThat(event).as(json).isNotNull();
            assertThat(StreamJsonWriter.covers(event)).as(json).isTrue();
            assertThat(CODEC.write(event)).isEqualTo(json);
        }
    }
}
