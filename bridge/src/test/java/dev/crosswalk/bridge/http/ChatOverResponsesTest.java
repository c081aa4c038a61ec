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

/** {@code POST /v1/chat/completions} over a Responses-only upstream. */
class ChatOverResponsesTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi upstream;
    static BridgeServer bridge;
    static TestClient client;

    static final Map<String, Object> WEATHER_TOOL = Json.map("type", "function", "function", Json.map("name", "get_weather",
            "description", "Current weather in a city",
            "parameters", Json.map("type", "object", "properties", Json.map("city", Json.map("type", "string")),
                    "required", List.of("city"))));

    @BeforeAll
    static void start() {
        upstream = kit.responsesModel();
        // a response the upstream stored before: the bridge passes GET /v1/responses/{id} through
        upstream.model().stored("resp_upstream_1", "stored upstream");
        bridge = Bridges.start(upstream, WireApi.RESPONSES);
        client = TestClient.of(bridge, kit);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        upstream.close();
    }

    @Test
    void completionIsTranslatedBothWays() {
        TestClient.Reply reply = client.post("/v1/chat/completions", Json.map("model", "gpt-test", "messages", List.of(
                Json.map("role", "developer", "content", "Be brief."),
                Json.map("role", "user", "content", "Hello there")), "max_completion_tokens", 100));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.list(sent, "input")).extracting(i -> Json.str(i, "role")).containsExactly("developer", "user");
        assertThat(sent).containsEntry("max_output_tokens", 100).containsEntry("store", false);
        assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer sk-client-test-0001");

        Map<String, Object> completion = reply.json();
        assertThat(completion).containsEntry("object", "chat.completion");
        assertThat(Json.str(completion, "id")).startsWith("chatcmpl-");
        assertThat(Json.str(completion, "choices[0].message.role")).isEqualTo("assistant");
        assertThat(Json.str(completion, "choices[0].message.content")).isEqualTo("Echo: Hello there (2 items)");
        assertThat(Json.str(completion, "choices[0].finish_reason")).isEqualTo("stop");
        assertThat(Json.at(completion, "usage.prompt_tokens")).isEqualTo(12);
        assertThat(Json.at(completion, "usage.prompt_tokens_details.cached_tokens")).isEqualTo(2);
    }

    @Test
    void streamBecomesChunksWithUsageWhenAsked() {
        TestClient.Stream stream = client.stream("/v1/chat/completions", Json.map("model", "gpt-test", "stream", true,
                "stream_options", Json.map("include_usage", true),
                "messages", List.of(Json.map("role", "user", "content", "Stream please"))));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(upstream.last().json()).containsEntry("stream", true);
        assertThat(stream.events().get(stream.events().size() - 1).isDone()).isTrue();
        List<Map<String, Object>> chunks = stream.data();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c).containsEntry("object", "chat.completion.chunk");
            assertThat(c.get("id")).isEqualTo(chunks.get(0).get("id"));
        });
        assertThat(Json.str(chunks.get(0), "choices[0].delta.role")).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> {
            Object content = Json.at(c, "choices[0].delta.content");
            if (content != null) {
                text.append(content);
            }
        });
        assertThat(text.toString()).isEqualTo("Echo: Stream please (1 items)");
        assertThat(chunks.stream().filter(c -> Json.at(c, "choices[0].finish_reason") != null))
                .singleElement().satisfies(c -> assertThat(Json.str(c, "choices[0].finish_reason")).isEqualTo("stop"));
        Map<String, Object> usage = chunks.get(chunks.size() - 1);
        assertThat(Json.list(usage, "choices")).isEmpty();
        assertThat(Json.at(usage, "usage.total_tokens")).isEqualTo(21);
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() {
        TestClient.Stream stream = client.stream("/v1/chat/completions", Json.map("model", "gpt-test", "stream", true,
                "messages", List.of(Json.map("role", "user", "content", "No usage"))));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.data()).allSatisfy(c -> assertThat(Json.list(c, "choices")).isNotEmpty());
    }

    @Test
    void parallelToolCallsStreamWithDistinctIndices() {
        TestClient.Stream stream = client.stream("/v1/chat/completions", Json.map("model", "gpt-test", "stream", true,
                "tools", List.of(WEATHER_TOOL), "messages", List.of(Json.map("role", "user", "content", "Weather in two cities?"))));

        assertThat(stream.status()).isEqualTo(200);
        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.str(sent, "tools[0].name")).isEqualTo("get_weather");
        // Chat tools are non-strict unless they say otherwise (docs/architecture.md §4, trap 5).
        assertThat(Json.at(sent, "tools[0].strict")).isEqualTo(false);

        StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
        String[] ids = new String[2];
        for (Map<String, Object> c : stream.data()) {
            List<Object> calls = Json.list(c, "choices[0].delta.tool_calls");
            if (calls == null) {
                continue;
            }
            for (Object call : calls) {
                int index = ((Number) Json.at(call, "index")).intValue();
                if (Json.at(call, "id") != null) {
                    ids[index] = Json.str(call, "id");
                }
                Object a = Json.at(call, "function.arguments");
                if (a != null) {
                    args[index].append(a);
                }
            }
        }
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(args[0].toString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(args[1].toString()).isEqualTo("{\"city\":\"Tokyo\"}");
        assertThat(stream.data().stream().filter(c -> Json.at(c, "choices[0].finish_reason") != null))
                .singleElement().satisfies(c -> assertThat(Json.str(c, "choices[0].finish_reason")).isEqualTo("tool_calls"));
    }

    @Test
    void toolResultsAndStructuredOutputReachTheUpstream() {
        Map<String, Object> schema = Json.map("type", "object", "properties", Json.map("city", Json.map("type", "string")),
                "required", List.of("city"), "additionalProperties", false);
        TestClient.Reply reply = client.post("/v1/chat/completions", Json.map("model", "gpt-test",
                "response_format", Json.map("type", "json_schema", "json_schema", Json.map("name", "weather", "schema", schema, "strict", true)),
                "tools", List.of(WEATHER_TOOL),
                "messages", List.of(
                        Json.map("role", "user", "content", "Weather in Paris?"),
                        Json.map("role", "assistant", "content", null, "tool_calls", List.of(Json.map("id", "call_9", "type", "function",
                                "function", Json.map("name", "get_weather", "arguments", "{\"city\":\"Paris\"}")))),
                        Json.map("role", "tool", "tool_call_id", "call_9", "content", "18C"))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, Object> sent = upstream.last().json();
        assertThat(Json.list(sent, "input")).extracting(i -> Json.str(i, "type"))
                .containsExactly("message", "function_call", "function_call_output");
        assertThat(Json.str(sent, "input[1].call_id")).isEqualTo("call_9");
        assertThat(Json.str(sent, "input[2].call_id")).isEqualTo("call_9");
        assertThat(Json.str(sent, "text.format.type")).isEqualTo("json_schema");
        assertThat(Json.str(sent, "text.format.name")).isEqualTo("weather");
        assertThat(Json.str(reply.json(), "choices[0].message.content")).isEqualTo(FakeModel.STRUCTURED);
    }

    @Test
    void nonStreamedToolCallsComeBackAsToolCalls() {
        TestClient.Reply reply = client.post("/v1/chat/completions", Json.map("model", "gpt-test", "tools", List.of(WEATHER_TOOL),
                "messages", List.of(Json.map("role", "user", "content", "Weather in Paris?"))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(Json.str(reply.json(), "choices[0].finish_reason")).isEqualTo("tool_calls");
        assertThat(Json.str(reply.json(), "choices[0].message.tool_calls[0].function.name")).isEqualTo("get_weather");
        assertThat(Json.str(reply.json(), "choices[0].message.tool_calls[0].id")).startsWith("call_");
    }

    @Test
    void untranslatableFieldsAre400WithTheirPath() {
        TestClient.Reply reply = client.post("/v1/chat/completions", Json.map("model", "gpt-test", "n", 2,
                "messages", List.of(Json.map("role", "user", "content", "Two answers"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Json.str(reply.json(), "error.param")).isEqualTo("n");
        assertThat(Json.str(reply.json(), "error.code")).isEqualTo("untranslatable");
    }

    @Test
    void storedResponsesOfAResponsesUpstreamArePassedThrough() {
        TestClient.Reply reply = client.get("/v1/responses/resp_upstream_1");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(Json.str(reply.json(), "output[0].content[0].text")).isEqualTo("stored upstream");
        assertThat(upstream.last().uri()).isEqualTo("/v1/responses/resp_upstream_1");
    }
}
