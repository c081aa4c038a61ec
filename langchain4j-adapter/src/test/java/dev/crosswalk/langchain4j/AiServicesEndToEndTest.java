package dev.crosswalk.langchain4j;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import static dev.crosswalk.langchain4j.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LangChain4j's {@code AiServices} on top of our models, over each wire: what a user's code sees, and what went
 * over the wire for it.
 */
class AiServicesEndToEndTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    interface Assistant {
        String chat(String message);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    record Person(String name, int age) {
    }

    interface Extractor {
        Person extract(String text);
    }

    static final class WeatherTools {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("Current temperature in a city, in Celsius")
        String temperature(@P("the city") String city) {
            cities.add(city);
            return city.equals("Paris") ? "21" : "9";
        }
    }

    private final FakeOpenAi server = kit.upstream();

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void plainAnswer(WireApi wire) {
        server.enqueue(reply(wire, Turn.text("Bonjour", " !"), false));
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(TestModels.chat(server, wire).build()).build();

        assertThat(assistant.chat("Say hello in French")).isEqualTo("Bonjour !");

        FakeOpenAi.Recorded request = server.request(0);
        assertThat(request.path()).isEqualTo("/v1" + wire.path());
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TestModels.KEY);
        assertThat(userTexts(wire, request.json())).containsExactly("Say hello in French");
        assertThat(request.json()).doesNotContainKey("stream");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamingTokenStream(WireApi wire) throws Exception {
        server.enqueue(reply(wire, Turn.text("Once", " upon", " a time"), true));
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(TestModels.streaming(server, wire).build()).build();

        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        assistant.chat("Tell a story")
                .onPartialResponse(partials::add)
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();

        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertThat(partials).containsExactly("Once", " upon", " a time");
        assertThat(response.aiMessage().text()).isEqualTo("Once upon a time");
        assertThat(response.metadata().tokenUsage().inputTokenCount()).isEqualTo(21);
        assertThat(server.body(0)).containsEntry("stream", true);
        if (wire == WireApi.CHAT_COMPLETIONS) {
            assertThat(server.body(0)).containsEntry("stream_options", Map.of("include_usage", true));
        }
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void toolsWithTwoParallelCalls(WireApi wire) {
        server.enqueue(
                reply(wire, Turn.calls().call("call_P", "temperature", "{\"city\":", "\"Paris\"}")
                        .call("call_O", "temperature", "{\"city\":\"Oslo\"}"), false),
                reply(wire, Turn.text("Paris 21°C, Oslo 9°C"), false));
        WeatherTools tools = new WeatherTools();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(TestModels.chat(server, wire).build())
                .tools(tools).build();

        assertThat(assistant.chat("Weather in Paris and Oslo?")).isEqualTo("Paris 21°C, Oslo 9°C");

        assertThat(tools.cities).containsExactly("Paris", "Oslo");
        assertToolDeclared(wire, server.body(0));
        assertToolRoundTrip(wire, server.body(1));
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void streamingToolsWithTwoParallelCalls(WireApi wire) throws Exception {
        server.enqueue(
                reply(wire, Turn.calls().call("call_P", "temperature", "{\"city\":", "\"Paris\"}")
                        .call("call_O", "temperature", "{\"ci", "ty\":\"Oslo\"}").interleaved(), true),
                reply(wire, Turn.text("Paris 21°C, ", "Oslo 9°C"), true));
        WeatherTools tools = new WeatherTools();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(TestModels.streaming(server, wire).build()).tools(tools).build();

        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        assistant.chat("Weather in Paris and Oslo?")
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();

        assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Paris 21°C, Oslo 9°C");
        assertThat(tools.cities).containsExactly("Paris", "Oslo");
        assertToolRoundTrip(wire, server.body(1));
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    @SuppressWarnings("unchecked")
    void structuredOutputReturnType(WireApi wire) {
        server.enqueue(reply(wire, Turn.text("{\"name\":\"Ada\",", "\"age\":36}"), false));
        Extractor extractor = AiServices.builder(Extractor.class).chatModel(TestModels.chat(server, wire).build()).build();

        assertThat(extractor.extract("Ada Lovelace was 36")).isEqualTo(new Person("Ada", 36));

        Map<String, Object> body = server.body(0);
        Map<String, Object> format = wire == WireApi.CHAT_COMPLETIONS
                ? (Map<String, Object>) body.get("response_format")
                : (Map<String, Object>) ((Map<String, Object>) body.get("text")).get("format");
        assertThat(format).containsEntry("type", "json_schema");
        Map<String, Object> schema = wire == WireApi.CHAT_COMPLETIONS
                ? (Map<String, Object>) ((Map<String, Object>) format.get("json_schema")).get("schema")
                : (Map<String, Object>) format.get("schema");
        assertThat((Map<String, Object>) schema.get("properties")).containsOnlyKeys("name", "age");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void chatMemoryAcrossTurns(WireApi wire) {
        server.enqueue(reply(wire, Turn.text("Nice to meet you, Grace."), false), reply(wire, Turn.text("You are Grace."), false));
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(TestModels.chat(server, wire).build())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10)).build();

        assistant.chat("I am Grace");
        assertThat(assistant.chat("Who am I?")).isEqualTo("You are Grace.");

        Map<String, Object> second = server.body(1);
        assertThat(userTexts(wire, second)).containsExactly("I am Grace", "Who am I?");
        assertThat(assistantTexts(wire, second)).containsExactly("Nice to meet you, Grace.");
    }

    // ---- what the bodies must hold, per wire

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(WireApi wire, Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get(wire == WireApi.CHAT_COMPLETIONS ? "messages" : "input");
    }

    static List<Object> userTexts(WireApi wire, Map<String, Object> body) {
        return entries(wire, body).stream().filter(e -> "user".equals(e.get("role"))).map(e -> e.get("content")).toList();
    }

    static List<Object> assistantTexts(WireApi wire, Map<String, Object> body) {
        return entries(wire, body).stream().filter(e -> "assistant".equals(e.get("role")) && e.get("content") != null)
                .map(e -> e.get("content")).toList();
    }

    @SuppressWarnings("unchecked")
    private static void assertToolDeclared(WireApi wire, Map<String, Object> body) {
        Map<String, Object> tool = ((List<Map<String, Object>>) body.get("tools")).get(0);
        assertThat(tool).containsEntry("type", "function");
        Map<String, Object> function = wire == WireApi.CHAT_COMPLETIONS ? (Map<String, Object>) tool.get("function") : tool;
        assertThat(function).containsEntry("name", "temperature")
                .containsEntry("description", "Current temperature in a city, in Celsius");
        assertThat((Map<String, Object>) function.get("parameters")).containsEntry("type", "object");
        if (wire == WireApi.RESPONSES) {
            // Absent strict means strict on Responses: a non-strict LangChain4j tool must say so.
            assertThat(function).containsEntry("strict", false);
        } else {
            assertThat(function).doesNotContainKey("strict");
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertToolRoundTrip(WireApi wire, Map<String, Object> body) {
        List<Map<String, Object>> entries = entries(wire, body);
        if (wire == WireApi.CHAT_COMPLETIONS) {
            Map<String, Object> assistant = entries.get(1);
            List<Map<String, Object>> calls = (List<Map<String, Object>>) assistant.get("tool_calls");
            assertThat(calls).extracting(c -> c.get("id")).containsExactly("call_P", "call_O");
            assertThat(calls).extracting(c -> ((Map<String, Object>) c.get("function")).get("arguments"))
                    .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Oslo\"}");
            assertThat(entries.subList(2, 4)).extracting(e -> e.get("role"), e -> e.get("tool_call_id"), e -> e.get("content"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("tool", "call_P", "21"),
                            org.assertj.core.groups.Tuple.tuple("tool", "call_O", "9"));
        } else {
            assertThat(entries).extracting(e -> e.get("type"))
                    .containsExactly("message", "function_call", "function_call", "function_call_output", "function_call_output");
            assertThat(entries.subList(1, 3)).extracting(e -> e.get("call_id"), e -> e.get("arguments"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("call_P", "{\"city\":\"Paris\"}"),
                            org.assertj.core.groups.Tuple.tuple("call_O", "{\"city\":\"Oslo\"}"));
            assertThat(entries.subList(3, 5)).extracting(e -> e.get("call_id"), e -> e.get("output"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("call_P", "21"),
                            org.assertj.core.groups.Tuple.tuple("call_O", "9"));
        }
    }
}
