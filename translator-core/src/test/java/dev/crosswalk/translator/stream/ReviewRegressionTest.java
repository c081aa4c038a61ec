package dev.crosswalk.translator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.AssistantMessage;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.MessageAnnotation;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Regressions found in review: each test names the behaviour that was wrong. */
class ReviewRegressionTest {
    private static final JsonCodec CODEC = JsonCodec.jackson3();
    private static final TranslatorOptions OPTIONS = TranslatorOptions.builder().codec(CODEC).ids(IdSource.sequential()).build();

    @Test
    void annotationOffsetsInALaterPartCountFromTheStartOfTheChatContent() {
        ResponsesToChatStream stream = Crosswalk.translator(OPTIONS).streamToChat(null, ignored -> { });
        List<ChatStreamOutput> out = new ArrayList<>();
        for (String e : List.of(
                "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"r\",\"object\":\"response\",\"created_at\":1,\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}",
                "{\"type\":\"response.content_part.added\",\"sequence_number\":1,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[],\"logprobs\":[]}}",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":2,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Héllo. \",\"logprobs\":[]}",
                "{\"type\":\"response.content_part.added\",\"sequence_number\":3,\"item_id\":\"msg_2\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[],\"logprobs\":[]}}",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"msg_2\",\"output_index\":1,\"content_index\":0,\"delta\":\"See docs.\",\"logprobs\":[]}",
                "{\"type\":\"response.output_text.annotation.added\",\"sequence_number\":5,\"item_id\":\"msg_2\",\"output_index\":1,\"content_index\":0,\"annotation_index\":0,\"annotation\":{\"type\":\"url_citation\",\"url\":\"https://e.x\",\"title\":\"E\",\"start_index\":4,\"end_index\":8}}")) {
            out.addAll(stream.onEvent(CODEC.read(e, ResponseStreamEvent.class)));
        }
        MessageAnnotation annotation = out.stream()
                .filter(o -> o instanceof ChatStreamOutput.Chunk c && c.chunk().choices().get(0).delta().extra().containsKey("annotations"))
                .map(o -> CODEC.convert(((List<?>) ((ChatStreamOutput.Chunk) o).chunk().choices().get(0).delta().extra().get("annotations")).get(0),
                        MessageAnnotation.class))
                .findFirst().orElseThrow();
        // "Héllo. " is 7 characters: "docs" sits at 11..15 in the Chat content, as the non-streaming translation says
        assertThat(annotation.urlCitation().startIndex()).isEqualTo(11);
        assertThat(annotation.urlCitation().endIndex()).isEqualTo(15);
    }

    @Test
    void aDroppedReasoningItemBetweenCallsDoesNotSplitTheAssistantMessage() {
        String json = """
                {"model":"m","input":[
                  {"type":"message","role":"user","content":"weather?"},
                  {"type":"function_call","call_id":"a","name":"f","arguments":"{}"},
                  {"type":"reasoning","summary":[]},
                  {"type":"function_call","call_id":"b","name":"f","arguments":"{}"},
                  {"type":"function_call_output","call_id":"a","output":"1"},
                  {"type":"function_call_output","call_id":"b","output":"2"}]}""";
        ChatCompletionRequest chat = Crosswalk.translator(OPTIONS).toChat(CODEC.read(json, ResponsesRequest.class)).value();

        assertThat(chat.messages()).extracting(m -> m.role()).containsExactly("user", "assistant", "tool", "tool");
        assertThat(((AssistantMessage) chat.messages().get(1)).toolCalls()).hasSize(2);
    }

    @Test
    void anUnknownFinishReasonEndsTheStreamConsistentlyWithAWarning() {
        ChatToResponsesStream stream = Crosswalk.translator(OPTIONS).streamToResponses(null);
        List<ResponseStreamEvent> events = new ArrayList<>();
        events.addAll(stream.onChunk(CODEC.read("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}", ChatCompletionChunk.class)));
        events.addAll(stream.onChunk(CODEC.read("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"eos\"}]}", ChatCompletionChunk.class)));
        events.addAll(stream.onEnd());

        assertThat(events.get(events.size() - 1).type()).isEqualTo("response.completed");
        assertThat(stream.response().output()).allSatisfy(item -> assertThat(CODEC.write(item)).contains("\"status\":\"completed\""));
        assertThat(stream.warnings()).extracting(p -> p.path()).contains("$.choices[0].finish_reason");
    }

}
