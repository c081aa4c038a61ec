package dev.crosswalk.translator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The oracle itself, Responses side: valid documents pass, each kind of defect is reported with its path. */
class OpenAiOracleResponsesTest {

    static final String RESPONSES_REQUEST = """
            {
              "model": "gpt-4.1",
              "instructions": "You are a helpful assistant.",
              "input": [
                {"type": "message", "role": "user",
                 "content": [{"type": "input_text", "text": "What's the weather in Paris?"}]},
                {"type": "function_call", "call_id": "call_1", "name": "get_weather",
                 "arguments": "{\\"city\\":\\"Paris\\"}"},
                {"type": "function_call_output", "call_id": "call_1", "output": "{\\"temp\\":21}"}
              ],
              "tools": [{"type": "function", "name": "get_weather", "description": "Current weather for a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                               "required": ["city"], "additionalProperties": false},
                "strict": true}],
              "tool_choice": "auto",
              "parallel_tool_calls": true,
              "text": {"format": {"type": "json_schema", "name": "weather", "strict": true,
                "schema": {"type": "object", "properties": {"answer": {"type": "string"}},
                           "required": ["answer"], "additionalProperties": false}}},
              "temperature": 0.2,
              "max_output_tokens": 512,
              "store": false,
              "metadata": {"trace": "abc"},
              "stream": true
            }
            """;

    /** Every property the SDK's Response requires is present (access_programs included, see the quirk test). */
    static final String RESPONSE = """
            {
              "id": "resp_123",
              "object": "response",
              "created_at": 1741476542,
              "status": "completed",
              "access_programs": null,
              "error": null,
              "incomplete_details": null,
              "instructions": null,
              "max_output_tokens": null,
              "model": "gpt-4.1-2025-04-14",
              "output": [
                {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
                 "content": [{"type": "output_text", "text": "Let me check.", "annotations": [], "logprobs": []}]},
                {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
                 "arguments": "{\\"city\\":\\"Paris\\"}", "status": "completed"}
              ],
              "parallel_tool_calls": true,
              "previous_response_id": null,
              "reasoning": {"effort": null, "summary": null},
              "temperature": 1.0,
              "text": {"format": {"type": "text"}},
              "tool_choice": "auto",
              "tools": [],
              "top_p": 1.0,
              "truncation": "disabled",
              "usage": {
                "input_tokens": 36,
                "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                "output_tokens": 87,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": 123
              },
              "user": null,
              "metadata": {}
            }
            """;

    static final String RESPONSE_IN_PROGRESS = JsonEdit.put(JsonEdit.put(JsonEdit.put(RESPONSE,
            "", "status", "\"in_progress\""), "", "output", "[]"), "", "usage", "null");

    static final String CREATED = "{\"type\": \"response.created\", \"sequence_number\": 0, \"response\": "
            + RESPONSE_IN_PROGRESS + "}";

    static final String OUTPUT_TEXT_DELTA = """
            {"type": "response.output_text.delta", "sequence_number": 4, "item_id": "msg_1",
             "output_index": 0, "content_index": 0, "delta": "Let me", "logprobs": []}
            """;

    static final String FUNCTION_CALL_ARGUMENTS_DONE = """
            {"type": "response.function_call_arguments.done", "sequence_number": 10, "item_id": "fc_1",
             "output_index": 1, "name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}
            """;

    static final String COMPLETED = "{\"type\": \"response.completed\", \"sequence_number\": 12, \"response\": "
            + RESPONSE + "}";

    // ---------------------------------------------------------------------------------------------------------------
    // Request

    @Test
    void validResponsesRequestPasses() {
        ResponseCreateParams.Body body = OpenAiOracle.responsesRequest(RESPONSES_REQUEST);

        assertThat(body.input().orElseThrow().asResponse()).hasSize(3);
        assertThat(body.tools().orElseThrow().get(0).asFunction().strict()).contains(true);
    }

    @Test
    void responsesRequestWithUnknownNestedPropertyIsRejectedWithItsPath() {
        String json = JsonEdit.put(RESPONSES_REQUEST, "/input/2", "is_error", "false");
        String edited = JsonEdit.put(json, "/text/format", "description_md", "\"x\"");

        assertThatThrownBy(() -> OpenAiOracle.responsesRequest(edited))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.input[2].is_error: unknown property")
                .hasMessageContaining("$.text.format.description_md: unknown property");
    }

    @Test
    void responsesRequestChatStyleNestedFunctionToolIsRejected() {
        String json = JsonEdit.put(RESPONSES_REQUEST, "/tools/0", "function", "{\"name\": \"get_weather\"}");

        assertThatThrownBy(() -> OpenAiOracle.responsesRequest(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.tools[0].function: unknown property");
    }

    @Test
    void responsesRequestFunctionCallWithoutCallIdIsRejected() {
        String json = JsonEdit.remove(RESPONSES_REQUEST, "/input/1", "call_id");

        assertThatThrownBy(() -> OpenAiOracle.responsesRequest(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.input[1].call_id: required property is missing");
    }

    @Test
    void responsesRequestWithUnknownInputItemTypeIsRejected() {
        String json = JsonEdit.put(RESPONSES_REQUEST, "/input/2", "type", "\"tool_result\"");

        assertThatThrownBy(() -> OpenAiOracle.responsesRequest(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.input[2]: matches no variant the SDK knows for ResponseInputItem");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Response

    @Test
    void validResponsePasses() {
        Response response = OpenAiOracle.response(RESPONSE);

        assertThat(response.output()).hasSize(2);
        assertThat(response.output().get(1).asFunctionCall().callId()).isEqualTo("call_1");
        assertThat(response.usage().orElseThrow().inputTokensDetails().cacheWriteTokens()).isZero();
    }

    @Test
    void responseWithUnknownNestedPropertiesIsRejectedWithTheirPaths() {
        String json = JsonEdit.put(RESPONSE, "/output/1", "extra_field", "1");
        json = JsonEdit.put(json, "/output/0/content/0", "foo", "\"x\"");
        json = JsonEdit.put(json, "/usage/output_tokens_details", "audio_tokens", "0");
        String edited = json;

        assertThatThrownBy(() -> OpenAiOracle.response(edited))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.output[1].extra_field: unknown property")
                .hasMessageContaining("$.output[0].content[0].foo: unknown property")
                .hasMessageContaining("$.usage.output_tokens_details.audio_tokens: unknown property");
    }

    @ParameterizedTest
    @ValueSource(strings = {"error", "incomplete_details", "instructions", "metadata", "temperature", "top_p",
            "tool_choice", "tools", "parallel_tool_calls", "output", "model", "created_at", "id"})
    void responseMissingARequiredPropertyIsRejected(String property) {
        String json = JsonEdit.remove(RESPONSE, "", property);

        assertThatThrownBy(() -> OpenAiOracle.response(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$." + property + ": required property is missing");
    }

    @Test
    void responseWithoutCacheWriteTokensIsRejected() {
        String json = JsonEdit.remove(RESPONSE, "/usage/input_tokens_details", "cache_write_tokens");

        assertThatThrownBy(() -> OpenAiOracle.response(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.usage.input_tokens_details.cache_write_tokens: required property is missing")
                .hasMessageContaining("SDK validate(): `cache_write_tokens` is not set");
    }

    @Test
    void sdkQuirkResponseRequiresAccessPrograms() {
        String json = JsonEdit.remove(RESPONSE, "", "access_programs");

        assertThatThrownBy(() -> OpenAiOracle.response(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.access_programs: required property is missing")
                .hasMessageContaining("SDK validate(): passed");
    }

    @Test
    void liveOnlyStoreIsAllowedAsABooleanOnly() {
        OpenAiOracle.response(JsonEdit.put(RESPONSE, "", "store", "true"));

        assertThatThrownBy(() -> OpenAiOracle.response(JsonEdit.put(RESPONSE, "", "store", "\"yes\"")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("`store` must be a boolean");
    }

    @Test
    void aPropertyOutsideTheAllowListIsStillUnknown() {
        String json = JsonEdit.put(RESPONSE, "", "stored", "true");

        assertThatThrownBy(() -> OpenAiOracle.response(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.stored: unknown property (not in the SDK's Response)");
    }

    @Test
    void responseWithWrongObjectConstantIsRejected() {
        String json = JsonEdit.put(RESPONSE, "", "object", "\"chat.completion\"");

        assertThatThrownBy(() -> OpenAiOracle.response(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SDK validate(): 'object_' is invalid");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stream events

    @Test
    void validStreamEventsPass() {
        assertThat(OpenAiOracle.responseStreamEvent(CREATED).isCreated()).isTrue();
        assertThat(OpenAiOracle.responseStreamEvent(OUTPUT_TEXT_DELTA).isOutputTextDelta()).isTrue();
        assertThat(OpenAiOracle.responseStreamEvent(FUNCTION_CALL_ARGUMENTS_DONE).isFunctionCallArgumentsDone()).isTrue();
        ResponseStreamEvent completed = OpenAiOracle.responseStreamEvent(COMPLETED);
        assertThat(completed.asCompleted().response().id()).isEqualTo("resp_123");
    }

    @Test
    void unknownStreamEventTypeIsRejected() {
        String json = "{\"type\": \"response.teleport.done\", \"sequence_number\": 5}";

        assertThatThrownBy(() -> OpenAiOracle.responseStreamEvent(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$: matches no variant the SDK knows for ResponseStreamEvent")
                .hasMessageContaining("SDK validate(): Unknown ResponseStreamEvent");
    }

    @Test
    void outputTextDeltaWithoutLogprobsIsRejected() {
        String json = JsonEdit.remove(OUTPUT_TEXT_DELTA, "", "logprobs");

        assertThatThrownBy(() -> OpenAiOracle.responseStreamEvent(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.logprobs: required property is missing");
    }

    @Test
    void unknownPropertyInsideTheEventsResponseIsRejectedWithItsPath() {
        String json = JsonEdit.put(COMPLETED, "/response/output/0", "text", "\"Let me check.\"");

        assertThatThrownBy(() -> OpenAiOracle.responseStreamEvent(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.response.output[0].text: unknown property");
    }

    @Test
    void functionCallArgumentsDoneNameMustBeAString() {
        String json = JsonEdit.put(FUNCTION_CALL_ARGUMENTS_DONE, "", "name", "42");

        assertThatThrownBy(() -> OpenAiOracle.responseStreamEvent(json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.name: `name` must be a string");
    }

    @Test
    void accumulatorReturnsTheTerminalResponse() {
        Response response = OpenAiOracle.accumulateResponseEvents(stream());

        assertThat(response.id()).isEqualTo("resp_123");
        List<ResponseOutputItem> output = response.output();
        assertThat(output).hasSize(2);
        ResponseFunctionToolCall call = output.get(1).asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void accumulatorWithoutTerminalEventIsRejected() {
        List<String> events = stream().subList(0, stream().size() - 1);

        assertThatThrownBy(() -> OpenAiOracle.accumulateResponseEvents(events))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("produced no response");
    }

    @Test
    void accumulatorNamesTheOffendingEvent() {
        List<String> events = new java.util.ArrayList<>(stream());
        events.set(1, JsonEdit.put(events.get(1), "", "obfuscation", "\"abc\""));

        assertThatThrownBy(() -> OpenAiOracle.accumulateResponseEvents(events))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("event[1]: ")
                .hasMessageContaining("$.obfuscation: unknown property");
    }

    /** A complete stream: created, message text, a function call, completed. */
    static List<String> stream() {
        return List.of(
                CREATED,
                """
                {"type": "response.output_item.added", "sequence_number": 1, "output_index": 0,
                 "item": {"type": "message", "id": "msg_1", "status": "in_progress", "role": "assistant", "content": []}}
                """,
                """
                {"type": "response.content_part.added", "sequence_number": 2, "item_id": "msg_1", "output_index": 0,
                 "content_index": 0, "part": {"type": "output_text", "text": "", "annotations": [], "logprobs": []}}
                """,
                JsonEdit.put(OUTPUT_TEXT_DELTA, "", "sequence_number", "3"),
                """
                {"type": "response.output_text.delta", "sequence_number": 4, "item_id": "msg_1",
                 "output_index": 0, "content_index": 0, "delta": " check.", "logprobs": []}
                """,
                """
                {"type": "response.output_text.done", "sequence_number": 5, "item_id": "msg_1", "output_index": 0,
                 "content_index": 0, "text": "Let me check.", "logprobs": []}
                """,
                """
                {"type": "response.content_part.done", "sequence_number": 6, "item_id": "msg_1", "output_index": 0,
                 "content_index": 0,
                 "part": {"type": "output_text", "text": "Let me check.", "annotations": [], "logprobs": []}}
                """,
                """
                {"type": "response.output_item.done", "sequence_number": 7, "output_index": 0,
                 "item": {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
                          "content": [{"type": "output_text", "text": "Let me check.", "annotations": [],
                                       "logprobs": []}]}}
                """,
                """
                {"type": "response.output_item.added", "sequence_number": 8, "output_index": 1,
                 "item": {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
                          "arguments": "", "status": "in_progress"}}
                """,
                """
                {"type": "response.function_call_arguments.delta", "sequence_number": 9, "item_id": "fc_1",
                 "output_index": 1, "delta": "{\\"city\\":\\"Paris\\"}"}
                """,
                FUNCTION_CALL_ARGUMENTS_DONE,
                """
                {"type": "response.output_item.done", "sequence_number": 11, "output_index": 1,
                 "item": {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
                          "arguments": "{\\"city\\":\\"Paris\\"}", "status": "completed"}}
                """,
                COMPLETED);
    }
}
