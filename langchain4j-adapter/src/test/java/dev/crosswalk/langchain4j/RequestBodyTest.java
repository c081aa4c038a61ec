package dev.crosswalk.langchain4j;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import static dev.crosswalk.langchain4j.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each setting puts on the wire, read back from the bodies and headers the fake endpoint recorded. */
class RequestBodyTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private final FakeOpenAi server = kit.upstream();

    private static ChatRequest hello() {
        return ChatRequest.builder().messages(UserMessage.from("hello")).build();
    }

    @Test
    void headersCarryCredentialsOrganisationProjectAndCustomHeaders() {
        server.enqueue(reply(WireApi.CHAT_COMPLETIONS, Turn.text("ok"), false));

        TestModels.chat(server, WireApi.CHAT_COMPLETIONS).organizationId("org-1").projectId("proj-2")
                .customHeaders(Map.of("X-Tenant", "blue")).build().chat(hello());

        FakeOpenAi.Recorded r = server.request(0);
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + TestModels.KEY);
        assertThat(r.header("OpenAI-Organization")).isEqualTo("org-1");
        assertThat(r.header("OpenAI-Project")).isEqualTo("proj-2");
        assertThat(r.header("X-Tenant")).isEqualTo("blue");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void responsesOnlySettingsGoOnTheResponsesWire() {
        server.enqueue(reply(WireApi.RESPONSES, Turn.text("ok"), false));

        TestModels.chat(server, WireApi.RESPONSES).reasoningEffort("low").reasoningSummary("auto").store(true)
                .previousResponseId("resp_prev").include(List.of("reasoning.encrypted_content"))
                .serviceTier("flex").promptCacheKey("tenant-7").parallelToolCalls(false).build().chat(hello());

        Map<String, Object> body = server.body(0);
        assertThat(body).containsEntry("reasoning", Map.of("effort", "low", "summary", "auto"))
                .containsEntry("store", true)
                .containsEntry("previous_response_id", "resp_prev")
                .containsEntry("include", List.of("reasoning.encrypted_content"))
                .containsEntry("service_tier", "flex")
                .containsEntry("prompt_cache_key", "tenant-7")
                .containsEntry("parallel_tool_calls", false);
        assertThat((List<Object>) body.get("input")).hasSize(1);
    }

    @Test
    void chatWireCarriesItsSettingsAndWarnsAboutSummaries() {
        server.enqueue(reply(WireApi.CHAT_COMPLETIONS, Turn.text("ok"), false));

        ChatResponse response = TestModels.chat(server, WireApi.CHAT_COMPLETIONS).reasoningEffort("high").reasoningSummary("auto")
                .stopSequences(List.of("END")).store(false).serviceTier("priority").build().chat(hello());

        assertThat(server.body(0)).containsEntry("reasoning_effort", "high").containsEntry("stop", List.of("END"))
                .containsEntry("store", false).containsEntry("service_tier", "priority")
                .doesNotContainKeys("reasoning", "reasoning_summary");
        assertThat(((CrosswalkChatResponseMetadata) response.metadata()).warnings())
                .containsExactly("reasoningSummary: Chat Completions returns no reasoning summaries");
    }

    @Test
    @SuppressWarnings("unchecked")
    void strictToolsAndStrictSchemasOnBothWires() {
        ToolSpecification tool = ToolSpecification.builder().name("find")
                .parameters(JsonObjectSchema.builder().addStringProperty("q").addIntegerProperty("limit").required("q").build()).build();
        for (WireApi wire : WireApi.values()) {
            server.enqueue(reply(wire, Turn.text("ok"), false));
            TestModels.chat(server, wire).strictTools(true).build()
                    .chat(ChatRequest.builder().messages(UserMessage.from("x")).toolSpecifications(tool).build());
            Map<String, Object> declared = ((List<Map<String, Object>>) server.last().json().get("tools")).get(0);
            Map<String, Object> function = wire == WireApi.CHAT_COMPLETIONS ? (Map<String, Object>) declared.get("function") : declared;
            assertThat(function).as(wire.name()).containsEntry("strict", true);
            Map<String, Object> parameters = (Map<String, Object>) function.get("parameters");
            // Strict mode: every property required, optional ones nullable, no additional properties.
            assertThat(parameters).containsEntry("required", List.of("q", "limit")).containsEntry("additionalProperties", false);
            assertThat(((Map<String, Object>) parameters.get("properties")).get("limit")).isEqualTo(Map.of("type", List.of("integer", "null")));
        }
    }

    @Test
    void perRequestParametersChooseTheWireAndOverrideDefaults() {
        server.enqueue(reply(WireApi.RESPONSES, Turn.text("ok"), false));
        CrosswalkChatModel model = TestModels.chat(server, WireApi.CHAT_COMPLETIONS).temperature(0.1).build();

        model.chat(ChatRequest.builder().messages(UserMessage.from("x"))
                .parameters(CrosswalkChatRequestParameters.builder().wireApi(WireApi.RESPONSES).topP(0.5).build()).build());

        assertThat(server.request(0).path()).isEqualTo("/v1/responses");
        // The kit reads decimals exactly as written (BigDecimal): compare their values.
        assertThat(((Number) server.body(0).get("temperature")).doubleValue()).isEqualTo(0.1);
        assertThat(((Number) server.body(0).get("top_p")).doubleValue()).isEqualTo(0.5);
    }

    @Test
    void plainLangChain4jParametersAreFoldedIntoTheDefaults() {
        server.enqueue(reply(WireApi.RESPONSES, Turn.text("ok"), false));
        CrosswalkChatModel model = TestModels.chat(server, WireApi.RESPONSES).reasoningEffort("minimal").build();

        model.chat(ChatRequest.builder().messages(UserMessage.from("x"))
                .parameters(DefaultChatRequestParameters.builder().maxOutputTokens(64).build()).build());

        assertThat(server.body(0)).containsEntry("max_output_tokens", 64).containsEntry("reasoning", Map.of("effort", "minimal"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void toolResultsWithImagesGoWhereTheWireAllows() {
        ToolExecutionResultMessage chart = ToolExecutionResultMessage.builder().id("call_c").toolName("chart")
                .contents(List.of(TextContent.from("the chart:"),
                        ImageContent.from(Image.builder().base64Data("iVBORw0KGgo=").mimeType("image/png").build(), ImageContent.DetailLevel.LOW)))
                .build();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("plot it"),
                AiMessage.from(List.of(dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("call_c").name("chart").arguments("{}").build())),
                chart).build();
        server.enqueue(reply(WireApi.RESPONSES, Turn.text("A rising line."), false));

        TestModels.chat(server, WireApi.RESPONSES).build().chat(request);

        Map<String, Object> output = ((List<Map<String, Object>>) server.body(0).get("input")).get(2);
        assertThat(output).containsEntry("type", "function_call_output").containsEntry("call_id", "call_c");
        assertThat((List<Object>) output.get("output")).containsExactly(
                Map.of("type", "input_text", "text", "the chart:"),
                Map.of("type", "input_image", "image_url", "data:image/png;base64,iVBORw0KGgo=", "detail", "low"));

        Throwable onChat = catchThrowable(() -> TestModels.chat(server, WireApi.CHAT_COMPLETIONS).build().chat(request));
        assertThat(onChat).isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("text only");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void thinkingIsSentBackOnlyWhenAskedAndEncryptedReasoningAlwaysOnResponses() {
        AiMessage earlier = AiMessage.builder().text("4").thinking("2+2 is 4").build();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("2+2?"), earlier, UserMessage.from("and 3+3?")).build();
        server.enqueue(reply(WireApi.CHAT_COMPLETIONS, Turn.text("6"), false), reply(WireApi.CHAT_COMPLETIONS, Turn.text("6"), false),
                reply(WireApi.RESPONSES, Turn.text("6"), false));

        TestModels.chat(server, WireApi.CHAT_COMPLETIONS).build().chat(request);
        TestModels.chat(server, WireApi.CHAT_COMPLETIONS).sendThinking(true).build().chat(request);
        TestModels.chat(server, WireApi.RESPONSES).sendThinking(true).build().chat(request);

        assertThat(AiServicesEndToEndTest.entries(WireApi.CHAT_COMPLETIONS, server.body(0)).get(1)).doesNotContainKey("reasoning_content");
        assertThat(AiServicesEndToEndTest.entries(WireApi.CHAT_COMPLETIONS, server.body(1)).get(1)).containsEntry("reasoning_content", "2+2 is 4");
        assertThat(AiServicesEndToEndTest.entries(WireApi.RESPONSES, server.body(2)).get(1)).isEqualTo(Map.of("type", "reasoning",
                "summary", List.of(), "content", List.of(Map.of("type", "reasoning_text", "text", "2+2 is 4"))));
    }

    @Test
    void encryptedReasoningRoundTripsOnResponses() {
        server.enqueue(reply(WireApi.RESPONSES, Turn.text("first").reasoning("thought").encrypted("gAAA-1"), false),
                reply(WireApi.RESPONSES, Turn.text("second"), false));
        CrosswalkChatModel model = TestModels.chat(server, WireApi.RESPONSES).include(List.of("reasoning.encrypted_content")).build();

        AiMessage first = model.chat(ChatRequest.builder().messages(UserMessage.from("one")).build()).aiMessage();
        model.chat(ChatRequest.builder().messages(UserMessage.from("one"), first, UserMessage.from("two")).build());

        assertThat(first.thinking()).as("returnThinking is off").isNull();
        assertThat(AiServicesEndToEndTest.entries(WireApi.RESPONSES, server.body(1)).get(1))
                .isEqualTo(Map.of("type", "reasoning", "summary", List.of(), "encrypted_content", "gAAA-1"));
    }

    @Test
    void requestLogsNeverShowTheKey() throws Exception {
        server.enqueue(reply(WireApi.CHAT_COMPLETIONS, Turn.text("ok"), false));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            TestModels.chat(server, WireApi.CHAT_COMPLETIONS).logRequests(true).logResponses(true).build().chat(hello());
        } finally {
            System.setErr(original);
        }
        String logged = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(logged).contains("HTTP request: POST").contains("Authorization: ***").contains("\"hello\"");
        assertThat(logged).doesNotContain(TestModels.KEY);
    }
}
