package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;

import static dev.crosswalk.springai.TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's portable options ({@link ChatOptions}, {@link ToolCallingChatOptions},
 * {@link StructuredOutputChatOptions}) given to {@code ChatClient} from their own builders reach the wire, merged
 * with the model's defaults by one rule.
 */
class PortableOptionsTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"temperature\":{\"type\":\"integer\"}},\"required\":[\"city\",\"temperature\"],"
            + "\"additionalProperties\":false}";

    private final FakeOpenAi upstream = kit.upstream();

    /** The schema the request carried: {@code response_format.json_schema} or {@code text.format}. */
    private static Map<String, Object> sentFormat(WireApi wire, Map<String, Object> body) {
        if (wire == WireApi.CHAT_COMPLETIONS) {
            Map<String, Object> responseFormat = map(body.get("response_format"));
            assertThat(responseFormat).containsEntry("type", "json_schema");
            return map(responseFormat.get("json_schema"));
        }
        Map<String, Object> format = map(map(body.get("text")).get("format"));
        assertThat(format).containsEntry("type", "json_schema");
        return format;
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void aPortableOutputSchemaIsStreamedAsNativeStructuredOutput(WireApi wire) {
        TestSupport.textStream(upstream, wire, "{\"city\":\"Paris\",", "\"temperature\":18}");
        ChatClient client = ChatClient.create(TestSupport.model(upstream, wire));

        List<String> pieces = client.prompt("Weather in Paris?")
                .options(StructuredOutputChatOptions.builder().outputSchema(SCHEMA).temperature(0.1))
                .stream().content().collectList().block();

        assertThat(String.join("", pieces)).isEqualTo("{\"city\":\"Paris\",\"temperature\":18}");
        Map<String, Object> body = upstream.last().json();
        assertThat(body).containsEntry("stream", true);
        assertThat(body.get("temperature")).hasToString("0.1");
        Map<String, Object> format = sentFormat(wire, body);
        assertThat(format).containsEntry("strict", true);
        assertThat(map(map(format.get("schema")).get("properties"))).containsOnlyKeys("city", "temperature");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    @SuppressWarnings("unchecked")
    void aPortableOutputSchemaIsCalledAsNativeStructuredOutput(WireApi wire) {
        TestSupport.text(upstream, wire, "{\"city\":\"Paris\",\"temperature\":18}");
        ChatClient client = ChatClient.create(TestSupport.model(upstream, wire));

        client.prompt("Weather in Paris?")
                .options(StructuredOutputChatOptions.builder().outputSchema(SCHEMA))
                .call().content();

        assertThat((List<Object>) map(sentFormat(wire, upstream.last().json()).get("schema")).get("required"))
                .containsExactly("city", "temperature");
    }

    @Test
    void combineWithReadsEveryPortableInterfaceFromAnyBuilder() {
        var tools = ToolCallbacks.from(new TestSupport.WeatherTools());
        CrosswalkChatOptions defaults = CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).model("m")
                .stopSequences(List.of("STOP")).toolContext(Map.of("tenant", "t1")).reasoningEffort("low").build();

        CrosswalkChatOptions combined = defaults.mutate()
                .combineWith(ToolCallingChatOptions.builder().model("other").topP(0.5).toolCallbacks(tools)
                        .toolContext(Map.of("user", "u1")).stopSequences(List.of("END")))
                .combineWith(StructuredOutputChatOptions.builder().outputSchema(SCHEMA).maxTokens(64))
                .build();

        assertThat(combined.getModel()).isEqualTo("other");
        assertThat(combined.getTopP()).isEqualTo(0.5);
        assertThat(combined.getMaxTokens()).isEqualTo(64);
        assertThat(combined.getToolCallbacks()).containsExactly(tools);
        assertThat(combined.getToolContext()).containsOnly(Map.entry("tenant", "t1"), Map.entry("user", "u1"));
        assertThat(combined.getStopSequences()).as("a list that is set replaces").containsExactly("END");
        assertThat(combined.getOutputSchema()).isEqualTo(SCHEMA);
        assertThat(combined.getWireApi()).isEqualTo(WireApi.RESPONSES);
        assertThat(combined.getReasoningEffort()).isEqualTo("low");
    }

    @Test
    void oneMergeRuleForBuildersAndForACallsOptions() {
        CrosswalkChatOptions defaults = CrosswalkChatOptions.builder().model("m").stopSequences(List.of("A"))
                .include(List.of("x")).metadata(Map.of("a", "1")).build();
        CrosswalkChatOptions call = CrosswalkChatOptions.builder().stopSequences(List.of("B"))
                .include(List.of("y")).metadata(Map.of("b", "2")).build();

        CrosswalkChatOptions viaBuilder = defaults.mutate().combineWith(call.mutate()).build();
        CrosswalkChatOptions viaModel = CrosswalkChatOptions.overlay(defaults, call);
        CrosswalkChatOptions twice = defaults.mutate().combineWith(call.mutate()).combineWith(call.mutate()).build();

        assertThat(viaBuilder).isEqualTo(viaModel).isEqualTo(twice);
        assertThat(viaBuilder.getStopSequences()).containsExactly("B");
        assertThat(viaBuilder.getInclude()).containsExactly("y");
        assertThat(viaBuilder.getMetadata()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(defaults.mutate().combineWith(ChatOptions.builder().stopSequences(List.of())).build()
                .getStopSequences()).as("an empty list is not set").containsExactly("A");
    }

    @Test
    void foreignOptionsOnAPromptKeepTheirSchema() {
        CrosswalkChatModel model = TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS);

        CrosswalkChatOptions resolved = model.resolve(
                StructuredOutputChatOptions.builder().outputSchema(SCHEMA).model("x").build());

        assertThat(resolved.getOutputSchema()).isEqualTo(SCHEMA);
        assertThat(resolved.getModel()).isEqualTo("x");
        assertThat(resolved.getTemperature()).as("from the defaults").isEqualTo(0.3);
    }
}
