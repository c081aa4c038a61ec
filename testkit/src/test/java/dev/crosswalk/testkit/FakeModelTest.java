package dev.crosswalk.testkit;

import static dev.crosswalk.testkit.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FakeModelTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> send(FakeOpenAi upstream, String method, String path, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body));
        return CLIENT.send(HttpRequest.newBuilder(URI.create(upstream.origin() + path))
                .header("Authorization", "Bearer sk-presented-key-42").header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> user(String text) {
        return obj("role", "user", "content", text);
    }

    private static Object at(Object tree, Object... path) {
        Object node = tree;
        for (Object step : path) {
            node = step instanceof Integer i ? Json.list(node).get(i) : Json.map(node).get(step);
        }
        return node;
    }

    @Test
    void theStatefulResponsesModelContinuesStoredResponsesAndRefusesUnknownOnes() throws Exception {
        FakeOpenAi up = kit.responsesModel();
        HttpResponse<String> first = send(up, "POST", FakeOpenAi.RESPONSES, obj("model", "m", "input", "My name is Alice."));
        Map<String, Object> r1 = Json.object(first.body());
        assertThat(at(r1, "output", 0, "content", 0, "text")).isEqualTo("Echo: My name is Alice. (1 items)");

        Map<String, Object> r2 = Json.object(send(up, "POST", FakeOpenAi.RESPONSES, obj("model", "m",
                "previous_response_id", r1.get("id"), "input", List.of(user("And mine?")))).body());
        // the stored input and output, then the new message: three items
        assertThat(at(r2, "output", 0, "content", 0, "text")).isEqualTo("Echo: And mine? (3 items)");
        assertThat(r2.get("id")).isNotEqualTo(r1.get("id"));
        assertThat(r2).containsEntry("previous_response_id", r1.get("id"));

        HttpResponse<String> unknown = send(up, "POST", FakeOpenAi.RESPONSES, obj("model", "m",
                "previous_response_id", "resp_nope", "input", "x"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.map(Json.object(unknown.body()).get("error")))
                .containsEntry("code", "previous_response_not_found").containsEntry("param", "previous_response_id");

        HttpResponse<String> orphan = send(up, "POST", FakeOpenAi.RESPONSES, obj("model", "m", "previous_response_id", r2.get("id"),
                "input", List.of(obj("type", "function_call_output", "call_id", "call_nobody", "output", "18C"))));
        assertThat(orphan.statusCode()).isEqualTo(400);
        assertThat(Json.map(Json.object(orphan.body()).get("error"))).containsEntry("param", "input")
                .containsEntry("message", "No tool call found for function call output with call_id call_nobody.");

        Map<String, Object> unstored = Json.object(send(up, "POST", FakeOpenAi.RESPONSES,
                obj("model", "m", "input", "forget me", "store", false)).body());
        assertThat(send(up, "GET", FakeOpenAi.RESPONSES + "/" + unstored.get("id"), null).statusCode()).isEqualTo(404);
        assertThat(send(up, "POST", FakeOpenAi.RESPONSES, obj("model", "m", "input", "x",
                "previous_response_id", unstored.get("id"))).statusCode()).isEqualTo(400);

        assertThat(Json.object(send(up, "GET", FakeOpenAi.RESPONSES + "/" + r1.get("id"), null).body())).isEqualTo(r1);
        assertThat(Json.object(send(up, "GET", FakeOpenAi.RESPONSES + "/" + r2.get("id") + "/input_items", null).body())
                .get("data")).isEqualTo(List.of(user("And mine?")));
        assertThat(send(up, "DELETE", FakeOpenAi.RESPONSES + "/" + r1.get("id"), null).statusCode()).isEqualTo(200);
        assertThat(up.model().storedResponse((String) r1.get("id"))).isNull();
    }

    @Test
    void responsesEchoToolsAndCompactUsageAsTheLiveApiWritesThem() throws Exception {
        FakeOpenAi up = kit.responsesModel();
        Map<String, Object> parameters = obj("type", "object", "properties", obj());
        Map<String, Object> r = Json.object(send(up, "POST", FakeOpenAi.RESPONSES, obj("model", "m", "input", "hi", "tools", List.of(
                obj("type", "function", "name", "a", "parameters", parameters),
                obj("type", "function", "name", "b", "description", "B", "parameters", parameters, "strict", false),
                obj("type", "custom", "name", "c")))).body());
        // api.openai.com echoes a function tool with all of FunctionTool's required fields, strict defaulting to true
        assertThat(Json.list(r.get("tools"))).containsExactly(
                obj("type", "function", "name", "a", "description", null, "parameters", parameters, "strict", true),
                obj("type", "function", "name", "b", "description", "B", "parameters", parameters, "strict", false),
                obj("type", "custom", "name", "c"));

        Map<String, Object> compacted = Json.object(send(up, "POST", FakeOpenAi.RESPONSES + "/compact",
                obj("model", "m", "input", "hi")).body());
        // the spec's Usage requires both details objects
        assertThat(Json.map(compacted.get("usage"))).containsKeys("input_tokens", "output_tokens", "total_tokens")
                .containsEntry("input_tokens_details", obj("cached_tokens", 0))
                .containsEntry("output_tokens_details", obj("reasoning_tokens", 0));
    }

    @Test
    void theModelsStreamsHoldTheStreamInvariants() throws Exception {
        FakeOpenAi responses = kit.responsesModel();
        HttpResponse<String> events = send(responses, "POST", FakeOpenAi.RESPONSES, obj("model", "m", "stream", true,
                "input", List.of(user("Weather in two cities?")), "tools", List.of(obj("type", "function", "name", "get_weather"))));
        ResponsesStreamChecker.Result result = StreamChecks.responses(events.body(), "responses");
        assertThat(result.doneItems()).hasSize(2).allSatisfy(i -> assertThat(i).containsEntry("name", "get_weather"));
        // the streamed turn is stored like a unary one
        Map<String, Object> completed = Json.map(Json.object(Sse.data(events.body()).get(Sse.data(events.body()).size() - 1))
                .get("response"));
        // (compared as JSON text read back: the kit reads decimals as BigDecimal)
        assertThat(Json.object(Json.write(responses.model().storedResponse((String) completed.get("id"))))).isEqualTo(completed);

        FakeOpenAi chat = kit.chatModel();
        HttpResponse<String> chunks = send(chat, "POST", FakeOpenAi.CHAT, obj("model", "m", "stream", true,
                "stream_options", obj("include_usage", true), "messages", List.of(user("Hello"))));
        ChatStreamChecker.Assembled assembled = StreamChecks.chat(chunks.body(), true, "chat");
        assertThat(assembled.content()).isEqualTo("Echo: Hello (1 messages)");
        assertThat(chunks.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
    }

    @Test
    void faultModelsMisbehaveAsNamed() throws Exception {
        FakeOpenAi chat = kit.chatModel();
        HttpResponse<String> unauthorized = send(chat, "POST", FakeOpenAi.CHAT, obj("model", "fault-401", "messages", List.of(user("x"))));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.body()).contains("sk-presented-key-42");
        HttpResponse<String> limited = send(chat, "POST", FakeOpenAi.CHAT, obj("model", "fault-429", "messages", List.of(user("x"))));
        assertThat(limited.headers().firstValue("retry-after")).contains("7");
        HttpResponse<String> errorMidstream = send(chat, "POST", FakeOpenAi.CHAT,
                obj("model", "fault-error-midstream", "stream", true, "messages", List.of(user("Hello there"))));
        List<String> data = Sse.data(errorMidstream.body());
        assertThat(data).hasSize(5);
        assertThat(Json.object(data.get(4))).containsKey("error");
        assertThat(send(chat, "POST", FakeOpenAi.RESPONSES, obj("model", "m")).statusCode()).isEqualTo(404);
        assertThat(Json.object(send(chat, "GET", "/v1/models", null).body())).containsEntry("object", "list");
    }

    @Test
    void theStrictThinkingServerStreamsReasoningAndRefusesAContinuationWithoutIt() throws Exception {
        FakeOpenAi up = kit.strictThinkingModel();
        List<Object> tools = List.of(obj("type", "function", "function", obj("name", "apply_patch", "parameters", obj())));
        List<Object> messages = new ArrayList<>(List.of(user("Create hello.txt")));
        HttpResponse<String> first = send(up, "POST", FakeOpenAi.CHAT, obj("model", "deepseek-reasoner", "stream", true,
                "messages", messages, "tools", tools));
        ChatStreamChecker.Assembled turn = StreamChecks.chat(first.body(), false, "thinking");
        assertThat(turn.reasoning()).isEqualTo(FakeModel.THINKING_FIRST);
        assertThat(turn.calls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("apply_patch");
            assertThat(Json.object(c.arguments())).containsEntry("input", FakeModel.PATCH);
        });

        ChatStreamChecker.Call call = turn.calls().get(0);
        Map<String, Object> assistant = obj("role", "assistant", "content", null, "tool_calls", List.of(obj("id", call.id(),
                "type", "function", "function", obj("name", call.name(), "arguments", call.arguments()))));
        messages.add(assistant);
        messages.add(obj("role", "tool", "tool_call_id", call.id(), "content", "Success."));
        HttpResponse<String> refused = send(up, "POST", FakeOpenAi.CHAT, obj("model", "deepseek-reasoner", "messages", messages, "tools", tools));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.map(Json.object(refused.body()).get("error")).get("message").toString()).contains("reasoning_content");

        assistant.put("reasoning_content", turn.reasoning());
        HttpResponse<String> done = send(up, "POST", FakeOpenAi.CHAT, obj("model", "deepseek-reasoner", "messages", messages, "tools", tools));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(at(Json.object(done.body()), "choices", 0, "message", "content")).isEqualTo(FakeModel.FINAL_TEXT);
        assertThat(up.rejections()).hasSize(1);

        HttpResponse<String> lateSystem = send(up, "POST", FakeOpenAi.CHAT, obj("model", "m",
                "messages", List.of(user("hi"), obj("role", "system", "content", "late"))));
        assertThat(lateSystem.statusCode()).isEqualTo(400);
        assertThat(Json.object(lateSystem.body())).containsEntry("object", "error");
    }
}
