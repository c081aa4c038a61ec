package dev.crosswalk.springai;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crosswalk.translator.error.UntranslatableException;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;

import static dev.crosswalk.springai.TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Options: their Spring AI contract, how they reach each wire, and the one policy for what a wire cannot carry. */
class OptionsTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private final FakeOpenAi upstream = kit.upstream();

    @Test
    void mutateCopiesEveryFieldAndCombineWithTakesWhatTheOtherSet() {
        CrosswalkChatOptions full = CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).model("m")
                .temperature(0.1).topP(0.9).maxTokens(100).toolChoice("required").parallelToolCalls(false)
                .outputSchema("{\"type\":\"object\"}").reasoningEffort("low").reasoningSummary("auto")
                .verbosity("low").store(true).previousResponseId("resp_1").include(List.of("x"))
                .metadata(Map.of("a", "1")).user("u").serviceTier("flex").promptCacheKey("k")
                .extraBody(Map.of("top_k", 5)).toolContext(Map.of("tenant", "t1")).build();

        assertThat(full.mutate().build()).isEqualTo(full).hasSameHashCodeAs(full);
        assertThat(full.getOutputSchema()).isEqualTo("{\"type\":\"object\"}");

        CrosswalkChatOptions combined = full.mutate()
                .combineWith(CrosswalkChatOptions.builder().model("other").metadata(Map.of("b", "2")))
                .combineWith(ChatOptions.builder().temperature(0.7))
                .build();
        assertThat(combined.getModel()).isEqualTo("other");
        assertThat(combined.getTemperature()).isEqualTo(0.7);
        assertThat(combined.getMetadata()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(combined.getWireApi()).isEqualTo(WireApi.RESPONSES);
        assertThat(combined.getPreviousResponseId()).isEqualTo("resp_1");
        assertThat(full.getModel()).as("options are immutable").isEqualTo("m");
    }

    @Test
    void toStringNamesNoToolContextValues() {
        CrosswalkChatOptions options = CrosswalkChatOptions.builder().toolContext(Map.of("token", "s3cr3t")).build();
        assertThat(options.toString()).contains("token").doesNotContain("s3cr3t");
    }

    @Test
    void foreignOptionsAreFoldedIntoTheDefaults() {
        CrosswalkChatModel model = CrosswalkChatModel.builder().api(TestSupport.api(upstream).build())
                .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).model("default-model")
                        .temperature(0.2).reasoningEffort("high").build())
                .build();
        ToolCallback[] tools = ToolCallbacks.from(new TestSupport.WeatherTools());
        ToolCallingChatOptions foreign = ToolCallingChatOptions.builder().temperature(0.9).maxTokens(500)
                .toolCallbacks(tools).build();

        CrosswalkChatOptions resolved = model.resolve(foreign);

        assertThat(resolved.getWireApi()).isEqualTo(WireApi.RESPONSES);
        assertThat(resolved.getModel()).isEqualTo("default-model");
        assertThat(resolved.getTemperature()).isEqualTo(0.9);
        assertThat(resolved.getMaxTokens()).isEqualTo(500);
        assertThat(resolved.getReasoningEffort()).isEqualTo("high");
        assertThat(resolved.getToolCallbacks()).hasSize(1);
        assertThat(model.resolve(resolved)).as("resolving twice changes nothing").isEqualTo(resolved);

        TestSupport.text(upstream, WireApi.RESPONSES, "ok");
        model.call(new Prompt("Hi", ChatOptions.builder().model("foreign-model").topP(0.5).build()));
        Map<String, Object> body = upstream.last().json();
        assertThat(upstream.last().path()).isEqualTo(FakeOpenAi.RESPONSES);
        assertThat(body).containsEntry("model", "foreign-model");
        assertThat(body.get("top_p")).hasToString("0.5");
        assertThat(body.get("temperature")).hasToString("0.2");
        assertThat(map(body.get("reasoning"))).containsEntry("effort", "high");
    }

    @Test
    void wireApiCanBeOverriddenPerCall() {
        TestSupport.text(upstream, WireApi.RESPONSES, "from responses");
        ChatClient client = ChatClient.create(TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS));

        String answer = client.prompt("Hi").options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES))
                .call().content();

        assertThat(answer).isEqualTo("from responses");
        assertThat(upstream.last().path()).isEqualTo(FakeOpenAi.RESPONSES);
    }

    @Test
    void everyOptionReachesTheChatWire() {
        TestSupport.text(upstream, WireApi.CHAT_COMPLETIONS, "ok");
        CrosswalkChatModel model = TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS);

        model.call(new Prompt("Hi", CrosswalkChatOptions.builder().topP(0.8).maxTokens(64)
                .stopSequences(List.of("END")).frequencyPenalty(0.5).presencePenalty(0.25).toolChoice("none")
                .parallelToolCalls(false).responseFormat(CrosswalkChatOptions.ResponseFormat.jsonObject())
                .reasoningEffort("low").verbosity("high").store(true).metadata(Map.of("team", "search"))
                .user("user-42").serviceTier("flex").promptCacheKey("cache-1")
                .extraBody(Map.of("top_k", 20, "max_tokens", 128)).build()));

        Map<String, Object> body = upstream.last().json();
        assertThat(body).containsEntry("stop", "END").containsEntry("tool_choice", "none")
                .containsEntry("parallel_tool_calls", false).containsEntry("reasoning_effort", "low")
                .containsEntry("verbosity", "high").containsEntry("store", true).containsEntry("user", "user-42")
                .containsEntry("service_tier", "flex").containsEntry("prompt_cache_key", "cache-1")
                .containsEntry("top_k", 20)
                // extra_body is laid over everything else, so it can also replace a mapped field
                .containsEntry("max_tokens", 128);
        assertThat(body.get("frequency_penalty")).hasToString("0.5");
        assertThat(body.get("presence_penalty")).hasToString("0.25");
        assertThat(map(body.get("response_format"))).containsEntry("type", "json_object");
        assertThat(map(body.get("metadata"))).containsEntry("team", "search");
        assertThat(body.get("temperature")).as("model default kept").hasToString("0.3");
    }

    @Test
    void responsesOnlyOptionsReachTheResponsesWire() {
        TestSupport.text(upstream, WireApi.RESPONSES, "ok");
        CrosswalkChatModel model = TestSupport.model(upstream, WireApi.RESPONSES);

        model.call(new Prompt("Hi", CrosswalkChatOptions.builder().maxTokens(64).reasoningEffort("medium")
                .reasoningSummary("detailed").previousResponseId("resp_prev_1")
                .include(List.of("reasoning.encrypted_content")).store(true).verbosity("low").toolChoice("weather")
                .build()));

        Map<String, Object> body = upstream.last().json();
        assertThat(body).containsEntry("max_output_tokens", 64).containsEntry("previous_response_id", "resp_prev_1")
                .containsEntry("include", List.of("reasoning.encrypted_content")).containsEntry("store", true);
        assertThat(map(body.get("reasoning"))).containsEntry("effort", "medium").containsEntry("summary", "detailed");
        assertThat(map(body.get("text"))).containsEntry("verbosity", "low");
        assertThat(map(body.get("tool_choice"))).containsEntry("type", "function").containsEntry("name", "weather");
    }

    @Test
    void optionsAWireCannotCarryAreRejectedBeforeAnythingIsSent() {
        CrosswalkChatModel responses = TestSupport.model(upstream, WireApi.RESPONSES);
        UntranslatableException e = catchThrowableOfType(UntranslatableException.class,
                () -> responses.call(new Prompt("Hi", CrosswalkChatOptions.builder().topK(5)
                        .stopSequences(List.of("END")).presencePenalty(0.1).build())));
        assertThat(e.problems()).extracting(p -> p.path()).containsExactly("topK", "stopSequences",
                "presencePenalty");

        CrosswalkChatModel chat = TestSupport.model(upstream, WireApi.CHAT_COMPLETIONS);
        UntranslatableException e2 = catchThrowableOfType(UntranslatableException.class,
                () -> chat.stream(new Prompt("Hi", CrosswalkChatOptions.builder().reasoningSummary("auto")
                        .previousResponseId("resp_1").build())).blockLast());
        assertThat(e2.problems()).extracting(p -> p.path()).containsExactly("reasoningSummary", "previousResponseId");

        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void aLenientModelLeavesThemOutAndCalls() {
        TestSupport.text(upstream, WireApi.RESPONSES, "ok");
        CrosswalkChatModel model = CrosswalkChatModel.builder().api(TestSupport.api(upstream).build())
                .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).build()).lenient(true).build();

        String answer = model.call(new Prompt("Hi", CrosswalkChatOptions.builder().topK(5)
                .stopSequences(List.of("END")).frequencyPenalty(0.3).temperature(0.4).build()))
                .getResult().getOutput().getText();

        assertThat(answer).isEqualTo("ok");
        Map<String, Object> body = upstream.last().json();
        assertThat(body).doesNotContainKeys("stop", "top_k", "frequency_penalty");
        assertThat(body.get("temperature")).hasToString("0.4");
    }
}
