package dev.crosswalk.translator.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.UnknownMessage;
import dev.crosswalk.translator.chat.UserMessage;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.HostedToolCallItem;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.UnknownItem;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codecs read a polymorphic object's tag without replaying the object, and put the tag back only for the
 * records that keep it (catch-alls and hosted items): wherever the tag stands, each record gets exactly its members,
 * and the JSON written back is the input's.
 */
class TypeTagTest {
    static Stream<JsonCodec> codecs() {
        return Stream.of(JsonCodec.jackson2(), JsonCodec.jackson3());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void knownRecordsReadTheirMembersWhereverTheTagStands(JsonCodec codec) {
        String json = "{\"model\":\"m\",\"input\":[{\"arguments\":\"{}\",\"call_id\":\"c1\",\"name\":\"f\",\"type\":\"function_call\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c2\",\"name\":\"g\",\"arguments\":\"{}\",\"x_vendor\":1}]}";
        ResponsesRequest request = codec.read(json, ResponsesRequest.class);
        FunctionCallItem last = (FunctionCallItem) request.input().items().get(0);
        FunctionCallItem first = (FunctionCallItem) request.input().items().get(1);
        assertThat(last.callId()).isEqualTo("c1");
        assertThat(last.extra()).isEmpty();
        assertThat(first.extra()).containsOnlyKeys("x_vendor");
        assertThat(codec.write(request)).isEqualTo("{\"model\":\"m\",\"input\":["
                + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c2\",\"name\":\"g\",\"arguments\":\"{}\",\"x_vendor\":1}]}");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void catchAllAndHostedRecordsKeepTheTag(JsonCodec codec) {
        String json = "{\"model\":\"m\",\"input\":[{\"id\":\"ws_1\",\"type\":\"web_search_call\",\"status\":\"completed\"},"
                + "{\"type\":\"future_item\",\"payload\":[1]},{\"payload\":2,\"type\":\"later_item\"}]}";
        ResponsesRequest request = codec.read(json, ResponsesRequest.class);
        assertThat(((HostedToolCallItem) request.input().items().get(0)).fields())
                .containsEntry("type", "web_search_call").containsEntry("id", "ws_1");
        assertThat(request.input().items().get(1)).isInstanceOf(UnknownItem.class);
        assertThat(request.input().items().get(1).type()).isEqualTo("future_item");
        assertThat(request.input().items().get(2).type()).isEqualTo("later_item");
        // (the order of a catch-all's members is the any-setter map's, as before: not asserted here)
        assertThat(codec.readTree(codec.write(request))).isEqualTo(codec.readTree(json));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void rolesToo(JsonCodec codec) {
        String json = "{\"model\":\"m\",\"messages\":[{\"content\":\"hi\",\"role\":\"user\"},{\"role\":\"narrator\",\"content\":\"x\"}]}";
        ChatCompletionRequest request = codec.read(json, ChatCompletionRequest.class);
        assertThat(request.messages().get(0)).isInstanceOf(UserMessage.class);
        assertThat(((UserMessage) request.messages().get(0)).extra()).isEmpty();
        assertThat(request.messages().get(1)).isInstanceOf(UnknownMessage.class);
        assertThat(request.messages().get(1).role()).isEqualTo("narrator");
        assertThat(codec.write(request)).contains("{\"role\":\"user\",\"content\":\"hi\"}", "\"role\":\"narrator\"");
    }
}
