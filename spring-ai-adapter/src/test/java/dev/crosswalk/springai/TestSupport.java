package dev.crosswalk.springai;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.translator.WireApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.crosswalk.testkit.Reply;
import dev.crosswalk.springai.Fixtures.Call;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/** Model set-up against a {@link FakeOpenAi}, and scripts that answer in the chosen wire's protocol. */
final class TestSupport {

    static final String API_KEY = "sk-test-0123456789abcdefSECRET";

    private TestSupport() {
    }

    static CrosswalkApi.Builder api(FakeOpenAi upstream) {
        return CrosswalkApi.builder().baseUrl(upstream.origin()).apiKey(API_KEY)
                .retry(2, Duration.ofMillis(10), 2.0, Duration.ofMillis(50));
    }

    static CrosswalkChatModel model(FakeOpenAi upstream, WireApi wire) {
        return CrosswalkChatModel.builder().api(api(upstream).build())
                .options(CrosswalkChatOptions.builder().wireApi(wire).model("gpt-test").temperature(0.3).build())
                .build();
    }

    static String path(WireApi wire) {
        return wire == WireApi.RESPONSES ? FakeOpenAi.RESPONSES : FakeOpenAi.CHAT;
    }

    static void text(FakeOpenAi upstream, WireApi wire, String text) {
        upstream.enqueue(path(wire), Reply.json(200, wire == WireApi.RESPONSES ? Fixtures.responsesText(text)
                : Fixtures.chatCompletion(text)));
    }

    static void toolCalls(FakeOpenAi upstream, WireApi wire, Call... calls) {
        upstream.enqueue(path(wire), Reply.json(200, wire == WireApi.RESPONSES ? Fixtures.responsesToolCalls(calls)
                : Fixtures.chatToolCalls(calls)));
    }

    static void textStream(FakeOpenAi upstream, WireApi wire, String... pieces) {
        upstream.enqueue(path(wire), Reply.sse(wire == WireApi.RESPONSES ? Fixtures.responsesStream(pieces)
                : Fixtures.chatStream(pieces)));
    }

    static void toolCallStream(FakeOpenAi upstream, WireApi wire, Call a, Call b) {
        upstream.enqueue(path(wire), Reply.sse(wire == WireApi.RESPONSES
                ? new Fixtures.ResponsesStream("resp_tools_1").call("fc_1", a).call("fc_2", b).completed()
                : Fixtures.chatStreamToolCalls(a, b)));
    }

    /** The text of a Chat message or Responses input message, whether its content is a string or parts. */
    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> message) {
        Object content = message.get("content");
        if (content instanceof String s) {
            return s;
        }
        StringBuilder text = new StringBuilder();
        for (Object part : (List<Object>) content) {
            Object t = ((Map<String, Object>) part).get("text");
            text.append(t == null ? "" : t);
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** {@code @Tool} methods, as an application writes them; records every call. */
    public static class WeatherTools {
        final List<String> cities = Collections.synchronizedList(new ArrayList<>());

        @Tool(description = "The current weather in a city")
        public String weather(@ToolParam(description = "The city's name") String city) {
            cities.add(city);
            return city + ": 18 degrees, sunny";
        }
    }
}
