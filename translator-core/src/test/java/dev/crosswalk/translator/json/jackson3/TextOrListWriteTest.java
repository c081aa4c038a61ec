package dev.crosswalk.translator.json.jackson3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * The string-or-array unions ({@code content}, {@code input}, a tool's {@code output}) as Jackson 3 writes them with
 * {@link TextOrListSerializer}: each form as it was read, polymorphic array elements with their tags, and the same
 * JSON as Jackson 2 (which still writes them through {@code @JsonValue}).
 */
class TextOrListWriteTest {
    private static final JsonCodec J2 = JsonCodec.jackson2();
    private static final JsonCodec J3 = JsonCodec.jackson3();
    private static final JsonMapper TREE = JsonMapper.builder().build();

    @Test
    void bothFormsAreWrittenAsRead() {
        String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}";
        assertThat(J3.write(J3.read(chat, ChatCompletionRequest.class))).isEqualTo(chat);
    }

    @Test
    void jackson3WritesWhatJackson2Writes() {
        List<String> chats = List.of(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"plain\"}],\"stream\":true}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[]},{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"a\"}]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":[{\"type\":\"text\",\"text\":\"out\"}]}]}");
        for (String json : chats) {
            assertThat(J3.write(J3.read(json, ChatCompletionRequest.class))).as(json).isEqualTo(J2.write(J2.read(json, ChatCompletionRequest.class)));
        }
        List<String> responses = List.of(
                "{\"model\":\"m\",\"input\":\"plain\"}",
                "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"a\"}]},"
                        + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"text\"},"
                        + "{\"type\":\"function_call_output\",\"call_id\":\"d\",\"output\":[{\"type\":\"input_text\",\"text\":\"x\"}]}]}");
        for (String json : responses) {
            // The same members and values; the two majors order an input message's members differently (before this too).
            assertThat(TREE.readTree(J3.write(J3.read(json, ResponsesRequest.class)))).as(json)
                    .isEqualTo(TREE.readTree(J2.write(J2.read(json, ResponsesRequest.class))));
        }
    }
}
