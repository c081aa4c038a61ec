package dev.crosswalk.translator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle itself, Chat Completions side: valid documents pass, each kind of defect is reported with its path. */
class OpenAiOracleChatTest {

    static final String CHAT_REQUEST = """
            {
              "model": "gpt-4o",
              "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": [{"type": "text", "text": "What's the weather in Paris?"}]},
                {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_1", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
                {"role": "tool", "tool_call_id": "call_1", "content": "{\\"temp\\":21}"}
              ],
              "tools": [{"type": "function", "function": {
                "name": "get_weather", "description": "Current weather for a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                               "required": ["city"], "additionalProperties": false},
                "strict": true}}],
              "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
              "parallel_tool_calls": true,
              "response_format": {"type": "json_schema", "json_schema": {
                "name": "weather", "strict": true,
                "schema": {"type": "object", "properties": {"answer": {"type": "string"}},
                           "required": ["answer"], "additionalProperties": false}}},
              "temperature": 0.2,
              "max_completion_tokens": 512,
              "metadata": {"trace": "abc"},
              "stream": true,
              "stream_options": {"include_usage": true},
              "user": "user-1"
            }
            """;

    static final String CHAT_COMPLETION = """
            {
              "id": "chatcmpl-123",
              "object": "chat.completion",
              "created": 1741569952,
              "model": "gpt-4o-2024-08-06",
              "choices": [{
                "index": 0,
                "message": {
                  "role": "assistant", "content": null, "refusal": null, "annotations": [],
                  "tool_calls": [
                    {"id": "call_a", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                    {"id": "call_b", "type": "function",
                     "function": {"name": "get_time", "arguments": "{\\"tz\\":\\"CET\\"}"}}]
                },
                "logprobs": null,
                "finish_reason": "tool_calls"
              }],
              "usage": {
                "prompt_tokens": 82, "completion_tokens": 17, "total_tokens": 99,
                "prompt_tokens_details": {"cached_tokens": 64, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "service_tier": "default",
              "system_fingerprint": "fp_44709d6fcb"
            }
            """;

    static final String CHUNK = """
            {"id": "chatcmpl-123", "object": "chat.completion.chunk", "created": 1741569952,
             "model": "gpt-4o-2024-08-06", "system_fingerprint": "fp_44709d6fcb",
             "choices": [{"index": 0,
               "delta": {"tool_calls": [{"index": 0, "id": "call_a", "type": "function",
                                         "function": {"name": "get_weather", "arguments": ""}}]},
               "logprobs": null, "finish_reason": null}]}
            """;

    // ---------------------------------------------------------------------------------------------------------------
    // Request

    @Test
    void validChatRequestPasses() {
        ChatCompletionCreateParams.Body body = OpenAiOracle.chatCompletionRequest(CHAT_REQUEST);

        assertThat(body.messages()).hasSize(4);
        assertThat(body.tools().orElseThrow()).hasSize(1);
        assertThat(body.responseFormat().orElseThrow().isJsonSchema()).isTrue();
    }

    @Test
    void chatRequestWithModelIdUnknownToTheSdkPasses() {
        String json = JsonEdit.put(CHAT_REQUEST, "", "model", "\"my-azure-deployment\"");

        ChatCompletionCreateParams.Body body = OpenAiOracle.chatCompletionRequest(json);

        assertThat(body.model().asString()).isEqualTo("my-azure-deployment");
    }

    @Test
    void arbitraryJsonInsideSchemasAndMetadataIsNotReported() {
        String json = JsonEdit.put(CHAT_REQUEST, "/tools/0/function/parameters", "x-vendor", "{\"deep\": [1, {\"a\": true}]}");
        json = JsonEdit.put(json, "/response_format/json_schema/schema", "$defs", "{\"Foo\": {\"type\": \"string\"}}");
        json = JsonEdit.put(json, "/metadata", "another", "\"value\"");

        OpenAiOracle.chatCompletionRequest(json);
    }

    @Test
    void chatRequestWithUnknownNestedPropertyIsRejectedWithItsPath() {
        String json = JsonEdit.put(CHAT_REQUEST, "/messages/1/content/0", "cache_control", "{\"type\": \"ephemeral\"}");
        String edited = JsonEdit.put(json, "/tools/0/function", "strictness", "1");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletionRequest(edited))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.messages[1].content[0].cache_control: unknown property")
                .hasMessageContaining("$.tools[0].function.strictness: unknown property");
    }

    @Test
    void chatRequestWithoutMessagesIsRejected() {
        String json = JsonEdit.remove(CHAT_REQUEST, "", "messages");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletionRequest(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.messages: required property is missing")
                .hasMessageContaining("SDK validate(): `messages` is not set");
    }

    @Test
    void chatRequestWithUnknownModelIdAndNoMessagesIsStillReportedAsAnAssertion() {
        String json = JsonEdit.remove(JsonEdit.put(CHAT_REQUEST, "", "model", "\"my-azure-deployment\""), "", "messages");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletionRequest(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.messages: required property is missing");
    }

    @Test
    void chatRequestWithUnknownMessageRoleIsRejected() {
        String json = JsonEdit.put(CHAT_REQUEST, "/messages/1", "role", "\"robot\"");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletionRequest(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.messages[1]: matches no variant the SDK knows for ChatCompletionMessageParam");
    }

    @Test
    void chatRequestStreamFlagMustBeBoolean() {
        String json = JsonEdit.put(CHAT_REQUEST, "", "stream", "\"yes\"");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletionRequest(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.stream: `stream` must be a boolean");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Response

    @Test
    void validChatCompletionPasses() {
        ChatCompletion completion = OpenAiOracle.chatCompletion(CHAT_COMPLETION);

        assertThat(completion.choices().get(0).message().toolCalls().orElseThrow()).hasSize(2);
        assertThat(completion.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(64L);
    }

    @Test
    void chatCompletionWithUnknownNestedPropertyIsRejectedWithItsPath() {
        String json = JsonEdit.put(CHAT_COMPLETION, "/choices/0/message/tool_calls/1/function", "bogus", "true");
        String edited = JsonEdit.put(json, "/usage", "input_tokens_details", "{\"cached_tokens\": 0}");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletion(edited))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.choices[0].message.tool_calls[1].function.bogus: unknown property")
                .hasMessageContaining("$.usage.input_tokens_details: unknown property")
                .hasMessageContaining("SDK validate(): passed");
    }

    @Test
    void chatCompletionWithoutRequiredNullableFieldsIsRejectedAlthoughSdkValidatePasses() {
        String json = JsonEdit.remove(CHAT_COMPLETION, "/choices/0/message", "content");
        String json2 = JsonEdit.remove(json, "/choices/0", "logprobs");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletion(json2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.choices[0].message.content: required property is missing")
                .hasMessageContaining("$.choices[0].logprobs: required property is missing")
                .hasMessageContaining("SDK validate(): passed");
    }

    @Test
    void chatCompletionWithoutIdIsRejected() {
        String json = JsonEdit.remove(CHAT_COMPLETION, "", "id");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletion(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.id: required property is missing")
                .hasMessageContaining("SDK validate(): `id` is not set");
    }

    @Test
    void chatCompletionWithWrongTypesUnknownEnumAndNullIsRejectedAtEachPath() {
        String json = JsonEdit.put(CHAT_COMPLETION, "", "created", "\"yesterday\"");
        json = JsonEdit.put(json, "/choices/0", "finish_reason", "\"weird\"");
        json = JsonEdit.put(json, "/choices/0/message/tool_calls/0", "id", "null");
        String edited = json;

        assertThatThrownBy(() -> OpenAiOracle.chatCompletion(edited))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.created: value does not have the type the SDK expects (Long)")
                .hasMessageContaining("$.choices[0].finish_reason: SDK validate() of ChatCompletion.Choice.FinishReason"
                        + " fails: Unknown FinishReason: weird")
                .hasMessageContaining("$.choices[0].message.tool_calls[0].id: null is not allowed here");
    }

    @Test
    void chatCompletionWithWrongObjectConstantIsRejected() {
        String json = JsonEdit.put(CHAT_COMPLETION, "", "object", "\"chat.completion.chunk\"");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletion(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SDK validate(): 'object_' is invalid");
    }

    @Test
    void problemsInListsEveryProblemOfAnAlreadyParsedValue() throws Exception {
        String json = JsonEdit.put(CHAT_COMPLETION, "/choices/0/message", "reasoning_content", "\"x\"");
        json = JsonEdit.remove(json, "/choices/0/message", "refusal");
        ChatCompletion parsed = com.openai.core.ObjectMappers.jsonMapper().readValue(json, ChatCompletion.class);

        assertThat(OpenAiOracle.problemsIn(parsed)).containsExactly(
                "$.choices[0].message.refusal: required property is missing (the SDK's ChatCompletionMessage"
                        + " requires it; write null when there is no value)",
                "$.choices[0].message.reasoning_content: unknown property (not in the SDK's ChatCompletionMessage),"
                        + " got \"x\"");
        assertThat(OpenAiOracle.problemsIn(OpenAiOracle.chatCompletion(CHAT_COMPLETION))).isEmpty();
    }

    @Test
    void unparseableJsonIsRejected() {
        assertThatThrownBy(() -> OpenAiOracle.chatCompletion("{\"id\": "))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cannot parse");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stream

    @Test
    void validChunkWithToolCallDeltaPasses() {
        ChatCompletionChunk chunk = OpenAiOracle.chatCompletionChunk(CHUNK);

        assertThat(chunk.choices().get(0).delta().toolCalls().orElseThrow().get(0).id()).contains("call_a");
    }

    @Test
    void chunkWithUnknownPropertyInToolCallDeltaIsRejectedWithItsPath() {
        String json = JsonEdit.put(CHUNK, "/choices/0/delta/tool_calls/0/function", "extra", "\"x\"");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletionChunk(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.choices[0].delta.tool_calls[0].function.extra: unknown property");
    }

    @Test
    void chunkWithoutToolCallIndexIsRejected() {
        String json = JsonEdit.remove(CHUNK, "/choices/0/delta/tool_calls/0", "index");

        assertThatThrownBy(() -> OpenAiOracle.chatCompletionChunk(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.choices[0].delta.tool_calls[0].index: required property is missing");
    }

    @Test
    void accumulatorReassemblesTwoInterleavedParallelToolCalls() {
        ChatCompletion completion = OpenAiOracle.accumulateChatChunks(parallelToolCallChunks());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        ChatCompletionMessageFunctionToolCall first = calls.get(0).asFunction();
        ChatCompletionMessageFunctionToolCall second = calls.get(1).asFunction();
        assertThat(first.id()).isEqualTo("call_a");
        assertThat(first.function().name()).isEqualTo("get_weather");
        assertThat(first.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(second.id()).isEqualTo("call_b");
        assertThat(second.function().name()).isEqualTo("get_time");
        assertThat(second.function().arguments()).isEqualTo("{\"tz\":\"CET\"}");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(99L);
    }

    @Test
    void accumulatorNamesTheOffendingChunk() {
        List<String> chunks = new java.util.ArrayList<>(parallelToolCallChunks());
        chunks.set(3, JsonEdit.put(chunks.get(3), "/choices/0/delta", "reasoning_content", "\"hmm\""));

        assertThatThrownBy(() -> OpenAiOracle.accumulateChatChunks(chunks))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("chunk[3]: ")
                .hasMessageContaining("$.choices[0].delta.reasoning_content: unknown property");
    }

    @Test
    void accumulatorWithoutFinishReasonProducesNoCompletion() {
        List<String> chunks = parallelToolCallChunks().subList(0, 6);

        assertThatThrownBy(() -> OpenAiOracle.accumulateChatChunks(chunks))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("produced no chat completion");
    }

    /** Two parallel tool calls whose argument fragments arrive interleaved, then finish_reason, then usage. */
    static List<String> parallelToolCallChunks() {
        return List.of(
                chunk("{\"role\": \"assistant\", \"content\": null, \"refusal\": null}", "null"),
                chunk(toolDelta(0, "\"id\": \"call_a\", \"type\": \"function\",", "\"name\": \"get_weather\", \"arguments\": \"\""), "null"),
                chunk(toolDelta(1, "\"id\": \"call_b\", \"type\": \"function\",", "\"name\": \"get_time\", \"arguments\": \"\""), "null"),
                chunk(toolDelta(0, "", "\"arguments\": \"{\\\"city\\\":\""), "null"),
                chunk(toolDelta(1, "", "\"arguments\": \"{\\\"tz\\\":\""), "null"),
                chunk(toolDelta(0, "", "\"arguments\": \"\\\"Paris\\\"}\""), "null"),
                chunk(toolDelta(1, "", "\"arguments\": \"\\\"CET\\\"}\""), "null"),
                chunk("{}", "\"tool_calls\""),
                """
                {"id": "chatcmpl-123", "object": "chat.completion.chunk", "created": 1741569952,
                 "model": "gpt-4o-2024-08-06", "choices": [],
                 "usage": {"prompt_tokens": 82, "completion_tokens": 17, "total_tokens": 99}}
                """);
    }

    private static String toolDelta(int index, String head, String function) {
        return "{\"tool_calls\": [{\"index\": " + index + ", " + head + " \"function\": {" + function + "}}]}";
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\": \"chatcmpl-123\", \"object\": \"chat.completion.chunk\", \"created\": 1741569952,"
                + " \"model\": \"gpt-4o-2024-08-06\", \"choices\": [{\"index\": 0, \"delta\": " + delta
                + ", \"logprobs\": null, \"finish_reason\": " + finishReason + "}]}";
    }
}
