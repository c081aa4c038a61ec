package dev.crosswalk.translator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refusal that reaches only the final response (no refusal deltas) must still reach the Chat client. */
class RefusalRecoveryTest {
    private static final JsonCodec CODEC = JsonCodec.jackson3();

    @Test
    void refusalOnlyInTheFinalResponseIsSentBeforeFinishReason() {
        List<String> refusals = translate("""
                {"type":"response.completed","sequence_number":1,"response":{"id":"resp_1","object":"response","created_at":1,
                 "status":"completed","model":"m","output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",
                 "content":[{"type":"refusal","refusal":"I can't help with that."}]}]}}""");

        assertThat(String.join("", refusals)).isEqualTo("I can't help with that.");
    }

    @Test
    void refusalPartlyStreamedIsCompletedFromTheFinalResponse() {
        List<String> refusals = translate("""
                {"type":"response.refusal.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"I can't"}""", """
                {"type":"response.completed","sequence_number":2,"response":{"id":"resp_1","object":"response","created_at":1,
                 "status":"completed","model":"m","output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",
                 "content":[{"type":"refusal","refusal":"I can't help with that."}]}]}}""");

        assertThat(refusals).containsExactly("I can't", " help with that.");
    }

    private static List<String> translate(String... events) {
        ResponsesToChatStream stream = new ResponsesToChatStream(TranslatorOptions.builder().codec(CODEC).ids(IdSource.sequential()).build(),
                false, ignored -> { });
        List<ChatStreamOutput> out = new ArrayList<>(stream.onEvent(CODEC.read("""
                {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1,"status":"in_progress","model":"m","output":[]}}""",
                ResponseStreamEvent.class)));
        for (String e : events) {
            out.addAll(stream.onEvent(CODEC.read(e, ResponseStreamEvent.class)));
        }
        List<String> refusals = new ArrayList<>();
        boolean finished = false;
        for (ChatStreamOutput o : out) {
            if (o instanceof ChatStreamOutput.Chunk c && !c.chunk().choices().isEmpty()) {
                assertThat(finished).as("no refusal after finish_reason").isFalse();
                if (c.chunk().choices().get(0).delta().refusal() != null) {
                    refusals.add(c.chunk().choices().get(0).delta().refusal());
                }
                finished |= c.chunk().choices().get(0).finishReason() != null;
            }
        }
        assertThat(finished).isTrue();
        return refusals;
    }
}
