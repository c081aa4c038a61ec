package dev.crosswalk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The checkers on hand-written wire text: one stream that keeps every rule, and one break per rule family. */
class StreamChecksTest {
    private static final String CHUNK = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[%s]}";

    private static String chunk(String choice) {
        return "data: " + String.format(CHUNK, choice) + "\n\n";
    }

    @Test
    void aChatStreamThatKeepsTheRulesIsReassembled() {
        String body = chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}")
                + chunk("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}]}}")
                + chunk("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}}")
                + chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}")
                + "data: [DONE]\n\n";
        ChatStreamChecker.Assembled a = StreamChecks.chat(body, false, "ok");
        assertThat(a.content()).isEqualTo("Hel");
        assertThat(a.calls()).singleElement().satisfies(c -> assertThat(c.arguments()).isEqualTo("{\"a\":1}"));
        assertThat(a.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void aChatStreamThatRepeatsTheRoleFails() {
        String body = chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"a\"}}")
                + chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"b\"},\"finish_reason\":\"stop\"}")
                + "data: [DONE]\n\n";
        assertThatThrownBy(() -> StreamChecks.chat(body, false, "case")).hasMessageStartingWith("case: ")
                .hasMessageContaining("role repeated");
    }

    @Test
    void aResponsesStreamWithAGapInSequenceNumbersFails() {
        String response = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}";
        String body = Sse.eventFrame("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + response + "}")
                + Sse.eventFrame("response.in_progress", "{\"type\":\"response.in_progress\",\"sequence_number\":2,\"response\":" + response + "}");
        assertThatThrownBy(() -> StreamChecks.responses(body, "gap")).hasMessageContaining("sequence_number 2, expected 1");
    }

    @Test
    void aResponsesStreamThatCompletesEmptyIsAccepted() {
        String open = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}";
        String done = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":[]}";
        String body = Sse.eventFrame("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + open + "}")
                + Sse.eventFrame("response.in_progress", "{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":" + open + "}")
                + Sse.eventFrame("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":2,\"response\":" + done + "}");
        assertThat(StreamChecks.responses(body, "empty").completed()).isTrue();
    }
}
