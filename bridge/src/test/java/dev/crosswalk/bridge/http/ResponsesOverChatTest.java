package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeModel;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/responses} and the stored-response endpoints over a Chat Completions-only upstream. */
class ResponsesOverChatTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi upstream;
    static BridgeServer bridge;
    static TestClient client;

    static final Map<String, Object> WEATHER_TOOL = Json.map("type", "function", "name", "get_weather",
            "description", "Current weather in a city",
            "parameters", Json.map("type", "object", "properties", Json.map("city", Json.map("type", "string")),
                    "required", List.of("city"), "additionalProperties", false));

    @BeforeAll
    static void start() {
        upstream = kit.chatModel();
        bridge = Bridges.start(upstream, WireApi.CHAT_COMPLETIONS);
        client = TestClient.of(bridge, kit);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        upstream.close();
    }

    @Test
    void textTurnIsTranslatedBothWaysAndStored() {
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "gpt-test", "instructions", "Be brief.",
                "input", "Hello there", "temperature", 0.5, "metadata", Json.map("run", "1")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.list(sent, "messages")).hasSize(2);
        assertThat(Json.str(sent, "messages[0].role")).isEqualTo("system");
        assertThat(Json.str(sent, "messages[0].content")).isEqualTo("Be brief.");
        assertThat(Json.str(sent, "messages[1].content")).isEqualTo("Hello there");
        assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer sk-client-test-0001");

        Map<String, Object> response = reply.json();
        assertThat(Json.str(response, "id")).startsWith("resp_");
        assertThat(response).containsEntry("object", "response").containsEntry("status", "completed");
        assertThat(Json.str(response, "output[0].type")).isEqualTo("message");
        assertThat(Json.str(response, "output[0].content[0].type")).isEqualTo("output_text");
        assertThat(Json.str(response, "output[0].content[0].text")).isEqualTo("Echo: Hello there (2 messages)");
        assertThat(Json.str(response, "instructions")).isEqualTo("Be brief.");
        assertThat(Json.str(response, "metadata.run")).isEqualTo("1");
        assertThat(Json.at(response, "usage.input_tokens")).isEqualTo(20);
        assertThat(Json.at(response, "usage.output_tokens")).isEqualTo(9);

        String id = Json.str(response, "id");
        TestClient.Reply stored = client.get("/v1/responses/" + id);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json()).isEqualTo(response);
    }

    @Test
    void streamIsTranslatedEventByEventAndTheTurnIsStoredBeforeItCompletes() {
        TestClient.Stream stream = client.stream("/v1/responses", Json.map("model", "gpt-test", "input", "Stream please", "stream", true));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        Map<String, Object> sent = upstream.last().json();
        assertThat(sent).containsEntry("stream", true);
        assertThat(Json.at(sent, "stream_options.include_usage")).isEqualTo(true);

        List<String> types = stream.types();
        assertThat(types.get(0)).isEqualTo("response.created");
        assertThat(types.get(1)).isEqualTo("response.in_progress");
        assertThat(types).contains("response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done");
        assertThat(types.get(types.size() - 1)).isEqualTo("response.completed");
        for (int i = 0; i < stream.events().size(); i++) {
            assertThat(stream.events().get(i).event()).isEqualTo(types.get(i));
            assertThat(stream.data().get(i).get("sequence_number")).isEqualTo(i);
        }
        StringBuilder deltas = new StringBuilder();
        stream.data().stream().filter(d -> "response.output_text.delta".equals(d.get("type"))).forEach(d -> deltas.append(d.get("delta")));
        assertThat(deltas.toString()).isEqualTo("Echo: Stream please (1 messages)");

        Map<String, Object> completed = Json.obj(Json.write(Json.at(stream.data().get(types.size() - 1), "response")));
        assertThat(Json.str(completed, "output[0].content[0].text")).isEqualTo(deltas.toString());
        assertThat(Json.at(completed, "usage.total_tokens")).isEqualTo(19);

        // Stored before response.completed left: chaining at once works.
        TestClient.Reply next = client.post("/v1/responses", Json.map("model", "gpt-test",
                "previous_response_id", completed.get("id"), "input", "And again"));
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(Json.list(upstream.last().json(), "messages")).hasSize(3);
    }

    @Test
    void toolCallsBecomeFunctionCallItemsAndStrictDefaultsAreKept() {
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "gpt-test", "input", "Weather in two cities?",
                "tools", List.of(WEATHER_TOOL), "tool_choice", "required", "parallel_tool_calls", true));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.str(sent, "tools[0].type")).isEqualTo("function");
        assertThat(Json.str(sent, "tools[0].function.name")).isEqualTo("get_weather");
        // Responses tools are strict by default, and this schema is strict-compatible (docs/architecture.md §4).
        assertThat(Json.at(sent, "tools[0].function.strict")).isEqualTo(true);
        assertThat(sent).containsEntry("tool_choice", "required").containsEntry("parallel_tool_calls", true);

        List<Object> output = Json.list(reply.json(), "output");
        assertThat(output).hasSize(2);
        for (Object item : output) {
            assertThat(Json.str(item, "type")).isEqualTo("function_call");
            assertThat(Json.str(item, "id")).startsWith("fc_");
            assertThat(Json.str(item, "call_id")).startsWith("call_");
            assertThat(Json.str(item, "status")).isEqualTo("completed");
        }
        assertThat(Json.str(output.get(0), "arguments")).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(Json.str(output.get(1), "arguments")).isEqualTo("{\"city\":\"Tokyo\"}");
    }

    @Test
    void interleavedStreamedToolCallsBecomeContiguousItems() {
        TestClient.Stream stream = client.stream("/v1/responses", Json.map("model", "gpt-test", "input", "Weather in two cities, interleaved?",
                "tools", List.of(WEATHER_TOOL), "stream", true));

        assertThat(stream.status()).isEqualTo(200);
        List<Map<String, Object>> data = stream.data();
        List<Map<String, Object>> added = data.stream().filter(d -> "response.output_item.added".equals(d.get("type"))).toList();
        assertThat(added).hasSize(2);
        List<Map<String, Object>> done = data.stream().filter(d -> "response.function_call_arguments.done".equals(d.get("type"))).toList();
        assertThat(done).extracting(d -> d.get("arguments")).containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Tokyo\"}");
        Map<String, Object> last = data.get(data.size() - 1);
        assertThat(last.get("type")).isEqualTo("response.completed");
        assertThat(Json.list(last, "response.output")).hasSize(2);
    }

    @Test
    void structuredOutputMapsToResponseFormat() {
        Map<String, Object> schema = Json.map("type", "object", "properties", Json.map("city", Json.map("type", "string"),
                "temperature_c", Json.map("type", "number")), "required", List.of("city", "temperature_c"), "additionalProperties", false);
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "gpt-test", "input", "Weather as JSON",
                "text", Json.map("format", Json.map("type", "json_schema", "name", "weather", "schema", schema, "strict", true))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.str(sent, "response_format.type")).isEqualTo("json_schema");
        assertThat(Json.str(sent, "response_format.json_schema.name")).isEqualTo("weather");
        assertThat(Json.at(sent, "response_format.json_schema.strict")).isEqualTo(true);
        assertThat(Json.at(sent, "response_format.json_schema.schema")).isEqualTo(schema);
        assertThat(Json.str(reply.json(), "output[0].content[0].text")).isEqualTo(FakeModel.STRUCTURED);
        assertThat(Json.str(reply.json(), "text.format.type")).isEqualTo("json_schema");
    }

    @Test
    void previousResponseIdChainsThreeTurnsWithToolCalls() {
        // Turn 1 (not streamed): the model calls a tool.
        TestClient.Reply first = client.post("/v1/responses", Json.map("model", "gpt-test", "instructions", "You report weather.",
                "input", "Weather in Paris?", "tools", List.of(WEATHER_TOOL)));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String callId = Json.str(first.json(), "output[0].call_id");
        assertThat(callId).startsWith("call_");

        // Turn 2 (streamed): the tool's result, chained on turn 1.
        TestClient.Stream second = client.stream("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", first.json().get("id"),
                "input", List.of(Json.map("type", "function_call_output", "call_id", callId, "output", "18C and sunny")),
                "tools", List.of(WEATHER_TOOL), "stream", true));
        assertThat(second.status()).isEqualTo(200);
        Map<String, Object> secondMessages = upstream.last().json();
        assertThat(Json.list(secondMessages, "messages")).extracting(m -> Json.str(m, "role"))
                .containsExactly("user", "assistant", "tool");
        assertThat(Json.str(secondMessages, "messages[1].tool_calls[0].id")).isEqualTo(callId);
        assertThat(Json.str(secondMessages, "messages[2].tool_call_id")).isEqualTo(callId);
        // instructions are not inherited from the previous turn (OpenAI's rule): only this request's, and it has none.
        Map<String, Object> secondResponse = second.data().get(second.data().size() - 1);
        assertThat(Json.str(secondResponse, "response.output[0].content[0].text")).isEqualTo("Weather: 18C and sunny");
        assertThat(Json.str(secondResponse, "response.previous_response_id")).isEqualTo(first.json().get("id"));

        // Turn 3 (not streamed): a new user message chained on turn 2 sees the whole history.
        TestClient.Reply third = client.post("/v1/responses", Json.map("model", "gpt-test",
                "previous_response_id", Json.at(secondResponse, "response.id"), "input", "Thanks! Anything else?"));
        assertThat(third.status()).as(third.body()).isEqualTo(200);
        List<Object> messages = Json.list(upstream.last().json(), "messages");
        assertThat(messages).extracting(m -> Json.str(m, "role")).containsExactly("user", "assistant", "tool", "assistant", "user");
        assertThat(FakeModel.text(messages.get(0))).isEqualTo("Weather in Paris?");
        assertThat(FakeModel.text(messages.get(3))).isEqualTo("Weather: 18C and sunny");
        assertThat(Json.str(third.json(), "output[0].content[0].text")).isEqualTo("Echo: Thanks! Anything else? (5 messages)");

        // input_items lists everything turn 3 saw, newest first by default, and pages by item id.
        String thirdId = Json.str(third.json(), "id");
        TestClient.Reply items = client.get("/v1/responses/" + thirdId + "/input_items?order=asc&limit=2");
        assertThat(items.status()).as(items.body()).isEqualTo(200);
        assertThat(items.json()).containsEntry("object", "list").containsEntry("has_more", true);
        assertThat(Json.list(items.json(), "data")).extracting(i -> Json.str(i, "type")).containsExactly("message", "function_call");
        TestClient.Reply rest = client.get("/v1/responses/" + thirdId + "/input_items?order=asc&after=" + Json.str(items.json(), "last_id"));
        assertThat(Json.list(rest.json(), "data")).extracting(i -> Json.str(i, "type"))
                .containsExactly("function_call_output", "message", "message");
        assertThat(rest.json()).containsEntry("has_more", false);
        TestClient.Reply newest = client.get("/v1/responses/" + thirdId + "/input_items?limit=1");
        assertThat(Json.str(newest.json(), "data[0].content[0].text")).isEqualTo("Thanks! Anything else?");
    }

    @Test
    void storeFalseIsNeverStoredUnknownIdsAre404AndUnknownPreviousIdsAre400() {
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "gpt-test", "input", "Private", "store", false));
        assertThat(reply.status()).isEqualTo(200);
        String id = Json.str(reply.json(), "id");

        TestClient.Reply get = client.get("/v1/responses/" + id);
        assertThat(get.status()).isEqualTo(404);
        assertThat(Json.str(get.json(), "error.type")).isEqualTo("invalid_request_error");
        assertThat(Json.str(get.json(), "error.message")).contains(id);

        int before = upstream.requests().size();
        TestClient.Reply chained = client.post("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", id, "input", "Hi"));
        // The live API's status for an unknown previous_response_id is 400, not 404.
        assertThat(chained.status()).isEqualTo(400);
        assertThat(Json.str(chained.json(), "error.param")).isEqualTo("previous_response_id");
        assertThat(Json.str(chained.json(), "error.code")).isEqualTo("previous_response_not_found");
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void deleteRemovesAStoredTurn() {
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "gpt-test", "input", "Forget me"));
        String id = Json.str(reply.json(), "id");

        TestClient.Reply deleted = client.delete("/v1/responses/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).containsEntry("id", id).containsEntry("deleted", true);
        assertThat(client.get("/v1/responses/" + id).status()).isEqualTo(404);
        assertThat(client.delete("/v1/responses/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTurnStoredUnderAnotherCredentialIsNotFound() {
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "gpt-test", "input", "Mine"));
        String id = Json.str(reply.json(), "id");
        TestClient other = client.withKey("sk-someone-else-0002");

        assertThat(other.get("/v1/responses/" + id).status()).isEqualTo(404);
        assertThat(other.post("/v1/responses", Json.map("model", "gpt-test", "previous_response_id", id, "input", "Hi")).status())
                .isEqualTo(400);
        assertThat(client.get("/v1/responses/" + id).status()).isEqualTo(200);
    }

    @Test
    void untranslatableFieldsAre400WithTheirPath() {
        TestClient.Reply reply = client.post("/v1/responses", Json.map("model", "gpt-test", "input", "Search my files",
                "tools", List.of(Json.map("type", "file_search", "vector_store_ids", List.of("vs_1")))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Json.str(reply.json(), "error.type")).isEqualTo("invalid_request_error");
        assertThat(Json.str(reply.json(), "error.param")).isEqualTo("tools[0]");
        assertThat(Json.str(reply.json(), "error.code")).isEqualTo("untranslatable");
    }

    @Test
    void malformedRequestJsonIs400() {
        TestClient.Reply reply = client.post("/v1/responses", "{\"model\": \"gpt-test\", \"input\": ");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(Json.str(reply.json(), "error.type")).isEqualTo("invalid_request_error");
    }
}
