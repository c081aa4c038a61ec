package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay writes each response snapshot's JSON once ({@code response.created} and {@code response.in_progress} share
 * one, the terminal one is also what the store keeps): the frames must be byte for byte what the core's stream
 * translation gives when every event goes through the codec, and the stored JSON what the codec writes for the
 * response.
 */
class ResponseSnapshotFramesTest {
    private static final JsonCodec CODEC = JsonCodec.jackson3();
    private static final String REQUEST = """
            {"model":"gpt-4o-mini","input":"hi","stream":true,"instructions":"Answer \\"briefly\\"; é ✓",
             "temperature":0.5,"metadata":{"k":"v"},
             "tools":[{"type":"function","name":"f","description":"d","parameters":{"type":"object","properties":{}}}]}""";

    private static List<String> chunks(String finishReason) {
        List<String> out = new ArrayList<>();
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini-2024\","
                + "\"service_tier\":\"default\",";
        out.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        for (String text : List.of("Hel", "lo \\\"there\\\"", " é ✓\\n", "\\u00e9nd")) {
            out.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}");
        }
        out.add(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + finishReason + "\"}]}");
        out.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}");
        return out;
    }

    private static Translator translator() {
        return Crosswalk.translator(TranslatorOptions.builder().codec(CODEC).ids(IdSource.sequential())
                .clock(Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC)).build());
    }

    /** Every event through the codec, framed as a Responses stream frames it. */
    private static String expected(List<String> chunks, ResponsesRequest echo, StringBuilder storedJson) {
        ChatToResponsesStream stream = translator().streamToResponses(echo);
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            frame(stream.onChunk(CODEC.read(chunk, ChatCompletionChunk.class)), out);
        }
        frame(stream.onEnd(), out);
        storedJson.append(CODEC.write(stream.response()));
        return out.toString();
    }

    private static void frame(List<ResponseStreamEvent> events, StringBuilder out) {
        for (ResponseStreamEvent e : events) {
            out.append("event: ").append(e.type()).append("\ndata: ").append(CODEC.write(e)).append("\n\n");
        }
    }

    private record Relayed(String frames, Batch last) {
    }

    /** The relay fed one upstream event at a time, as the fake upstream of the load run sends them. */
    private static Relayed relayed(List<String> chunks, ResponsesRequest echo) {
        ResponsesFromChatRelay relay = new ResponsesFromChatRelay(translator(), echo, 1 << 20, Redactor.of("sk-test-secret"));
        StringBuilder out = new StringBuilder();
        Batch last = null;
        List<String> sse = new ArrayList<>();
        chunks.forEach(c -> sse.add("data: " + c + "\n\n"));
        sse.add("data: [DONE]\n\n");
        for (String event : sse) {
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            Batch batch = relay.onBytes(bytes, 0, bytes.length);
            if (!batch.isEmpty()) {
                ByteBuf frames = batch.frames();
                out.append(frames.toString(StandardCharsets.UTF_8));
                last = batch;
            }
        }
        return new Relayed(out.toString(), last);
    }

    @Test
    void completedStreamIsByteForByteTheCodecsAndStoresTheSentSnapshot() {
        ResponsesRequest echo = CODEC.read(REQUEST, ResponsesRequest.class);
        StringBuilder stored = new StringBuilder();
        String expected = expected(chunks("stop"), echo, stored);
        Relayed relayed = relayed(chunks("stop"), echo);

        assertThat(relayed.frames()).isEqualTo(expected);
        assertThat(relayed.frames()).contains("event: response.created\n", "event: response.in_progress\n",
                "event: response.completed\n", "\"instructions\":\"Answer \\\"briefly\\\"; é ✓\"");
        assertThat(relayed.last().terminal()).isTrue();
        assertThat(relayed.last().finished()).isNotNull();
        assertThat(relayed.last().finishedJson()).isEqualTo(stored.toString());
        // The stored snapshot is the completed one, with the whole text.
        assertThat(relayed.last().finishedJson()).contains("\"status\":\"completed\"", "Hello \\\"there\\\" é ✓\\nénd");
    }

    @Test
    void incompleteStreamToo() {
        ResponsesRequest echo = CODEC.read(REQUEST, ResponsesRequest.class);
        StringBuilder stored = new StringBuilder();
        String expected = expected(chunks("length"), echo, stored);
        Relayed relayed = relayed(chunks("length"), echo);

        assertThat(relayed.frames()).isEqualTo(expected).contains("event: response.incomplete\n");
        assertThat(relayed.last().finishedJson()).isEqualTo(stored.toString()).contains("\"status\":\"incomplete\"");
    }

    @Test
    void failedStreamStoresNothing() {
        ResponsesRequest echo = CODEC.read(REQUEST, ResponsesRequest.class);
        List<String> cut = chunks("stop").subList(0, 3);
        ResponsesFromChatRelay relay = new ResponsesFromChatRelay(translator(), echo, 1 << 20, Redactor.of("sk-test-secret"));
        for (String c : cut) {
            byte[] bytes = ("data: " + c + "\n\n").getBytes(StandardCharsets.UTF_8);
            relay.onBytes(bytes, 0, bytes.length);
        }
        Batch end = relay.onEnd();
        assertThat(end.frames().toString(StandardCharsets.UTF_8)).contains("event: response.failed\n");
        assertThat(end.finished()).isNull();
        assertThat(end.finishedJson()).isNull();
    }
}
