package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public value types: merging of parameters, usage arithmetic, metadata, and what toString may show. */
class ParametersAndTypesTest {

    @Test
    void overrideWithTakesEverySetFieldOfTheOtherAndKeepsTheRest() {
        CrosswalkChatRequestParameters defaults = CrosswalkChatRequestParameters.builder().wireApi(WireApi.CHAT_COMPLETIONS)
                .modelName("m1").temperature(0.3).reasoningEffort("low").store(false).include(List.of("a")).build();
        CrosswalkChatRequestParameters request = CrosswalkChatRequestParameters.builder().wireApi(WireApi.RESPONSES)
                .temperature(0.9).previousResponseId("resp_1").strictTools(true).build();

        CrosswalkChatRequestParameters merged = defaults.overrideWith(request);

        assertThat(merged.wireApi()).isEqualTo(WireApi.RESPONSES);
        assertThat(merged.modelName()).isEqualTo("m1");
        assertThat(merged.temperature()).isEqualTo(0.9);
        assertThat(merged.reasoningEffort()).isEqualTo("low");
        assertThat(merged.previousResponseId()).isEqualTo("resp_1");
        assertThat(merged.strictTools()).isTrue();
        assertThat(merged.include()).containsExactly("a");
        assertThat(request.defaultedBy(defaults)).isEqualTo(merged);
    }

    @Test
    void commonParametersMergeIntoOursWithoutLosingOurFields() {
        CrosswalkChatRequestParameters ours = CrosswalkChatRequestParameters.builder().wireApi(WireApi.RESPONSES)
                .reasoningSummary("auto").maxOutputTokens(100).build();
        ChatRequestParameters common = DefaultChatRequestParameters.builder().maxOutputTokens(50).topP(0.5).build();

        // What ChatModel.chat does: defaults.overrideWith(request parameters)
        CrosswalkChatRequestParameters merged = ours.overrideWith(common);
        assertThat(merged.maxOutputTokens()).isEqualTo(50);
        assertThat(merged.topP()).isEqualTo(0.5);
        assertThat(merged.reasoningSummary()).isEqualTo("auto");
        assertThat(merged.wireApi()).isEqualTo(WireApi.RESPONSES);

        // ... and the other way round, as LangChain4j merges when ours is the more specific type
        ChatRequestParameters delegated = common.overrideWith(ours);
        assertThat(delegated).isInstanceOf(CrosswalkChatRequestParameters.class);
        assertThat(((CrosswalkChatRequestParameters) delegated).reasoningSummary()).isEqualTo("auto");
        assertThat(delegated.maxOutputTokens()).isEqualTo(100);
        assertThat(delegated.topP()).isEqualTo(0.5);
    }

    @Test
    void builderSettingsWinOverDefaultRequestParametersAndTheWireDefaultsToChat() {
        CrosswalkChatModel model = CrosswalkChatModel.builder().modelName("from-builder")
                .defaultRequestParameters(CrosswalkChatRequestParameters.builder().modelName("from-defaults").temperature(0.4).build())
                .build();

        CrosswalkChatRequestParameters defaults = model.defaultRequestParameters();
        assertThat(defaults.modelName()).isEqualTo("from-builder");
        assertThat(defaults.temperature()).isEqualTo(0.4);
        assertThat(defaults.wireApi()).isEqualTo(WireApi.CHAT_COMPLETIONS);
        assertThat(model.supportedCapabilities()).contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(CrosswalkStreamingChatModel.builder().modelName("m").build().supportedCapabilities())
                .contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Test
    void tokenUsageAddsCountsAndDetails() {
        CrosswalkTokenUsage a = new CrosswalkTokenUsage(10, 5, 15, 2, 1);
        CrosswalkTokenUsage b = new CrosswalkTokenUsage(20, 7, 27, null, 3);

        assertThat(a.add(b)).isEqualTo(new CrosswalkTokenUsage(30, 12, 42, 2, 4));
        assertThat(a.add(new TokenUsage(1, 1, 2))).isEqualTo(new CrosswalkTokenUsage(11, 6, 17, 2, 1));
        assertThat(TokenUsage.sum(new TokenUsage(1, 1, 2), a)).isEqualTo(new CrosswalkTokenUsage(11, 6, 17, 2, 1));
    }

    @Test
    void metadataRoundTripsThroughToBuilder() {
        CrosswalkChatResponseMetadata metadata = CrosswalkChatResponseMetadata.builder().id("resp_1").modelName("m")
                .tokenUsage(new CrosswalkTokenUsage(1, 2, 3, 0, 0)).finishReason(FinishReason.STOP).wireApi(WireApi.RESPONSES)
                .created(5L).serviceTier("default").warnings(List.of("$.x: dropped")).build();

        assertThat(metadata.toBuilder().build()).isEqualTo(metadata);
        assertThat(metadata.toBuilder().tokenUsage(new TokenUsage(1, 2, 3)).build().tokenUsage())
                .isEqualTo(new CrosswalkTokenUsage(1, 2, 3, null, null));
    }

    @Test
    void theKeyIsNeverInToStringNorInRedactedText() {
        RequestHeaders headers = new RequestHeaders(TestModels.KEY, "org", null, () -> Map.of("X-Api-Key", "other-secret"));

        assertThat(headers.toString()).doesNotContain(TestModels.KEY).contains("***");
        assertThat(headers.redact("echo " + TestModels.KEY + " back")).isEqualTo("echo *** back");
        assertThat(headers.mask("X-Api-Key", "other-secret")).isEqualTo("***");
        assertThat(headers.forRequest(true)).containsEntry("Accept", "text/event-stream").containsEntry("X-Api-Key", "other-secret");
        assertThat(CrosswalkChatModel.builder().apiKey(TestModels.KEY).modelName("m").build().toString()).doesNotContain(TestModels.KEY);
    }
}
