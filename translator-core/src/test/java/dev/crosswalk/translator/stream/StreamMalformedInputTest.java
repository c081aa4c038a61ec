package dev.crosswalk.translator.stream;

import static dev.crosswalk.translator.stream.StreamTestKit.CODECS;
import static dev.crosswalk.translator.stream.StreamTestKit.JACKSON2;
import static dev.crosswalk.translator.stream.StreamTestKit.JACKSON3;
import static dev.crosswalk.translator.stream.StreamTestKit.chatJsonToResponses;
import static dev.crosswalk.translator.stream.StreamTestKit.map;
import static dev.crosswalk.translator.stream.StreamTestKit.options;
import static dev.crosswalk.translator.stream.StreamTestKit.recorded;
import static dev.crosswalk.translator.stream.StreamTestKit.responsesJsonToChat;
import static dev.crosswalk.translator.stream.StreamTrapsTest.ROLE;
import static dev.crosswalk.translator.stream.StreamTrapsTest.USAGE;
import static dev.crosswalk.translator.stream.StreamTrapsTest.finish;
import static dev.crosswalk.translator.stream.StreamTrapsTest.text;
import static dev.crosswalk.translator.stream.StreamTrapsTest.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crosswalk.testkit.ChatStreamChecker.Assembled;
import dev.crosswalk.testkit.ChatStreamChecker;
import dev.crosswalk.testkit.ResponsesStreamChecker.Result;
import dev.crosswalk.testkit.ResponsesStreamChecker;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.error.CrosswalkException;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.oracle.OpenAiOracle;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.responses.events.UnknownEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseReader;
import dev.crosswalk.translator.stream.StreamTestKit.ChatRun;
import dev.crosswalk.translator.stream.StreamTestKit.ResponsesRun;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken upstream streams: each ends in a clear typed error or the protocol's own error events (error +
 * response.failed, or an error payload + [DONE]); never an exception of another kind, never a hang, never a
 * "completed". The small SSE drivers below do what a server does: read SSE, read each payload with the codec, feed
 * the translator, and turn a {@link CrosswalkException} into {@code onError}.
 */
class StreamMalformedInputTest {
    static final Duration NO_HANG = Duration.ofSeconds(10);
    static final ResponsesRequest REQUEST = ResponsesRequest.builder().model("gpt-trap").build();

    /** SSE bytes of a Chat upstream → Responses events. */
    static ResponsesRun chatSse(TranslatorOptions options, InputStream in) {
        return assertTimeoutPreemptively(NO_HANG, () -> {
            ChatToResponsesStream stream = new ChatToResponsesStream(options, REQUEST);
            List<ResponseStreamEvent> events = new ArrayList<>();
            try (SseReader reader = new SseReader(in)) {
                for (SseEvent e = reader.next(); e != null && !stream.finished(); e = reader.next()) {
                    if (e.isDone()) {
                        break;
                    }
                    events.addAll(stream.onChunk(options.codec().read(e.data(), ChatCompletionChunk.class)));
                }
                events.addAll(stream.onEnd());
            } catch (CrosswalkException e) {
                events.addAll(stream.onError(new OpenAiError("the upstream stream is malformed: " + e.getMessage(),
                        "server_error", null, "upstream_protocol_error")));
            }
            return StreamTestKit.wire(options.codec(), stream, events);
        });
    }

    /** SSE bytes of a Responses upstream → Chat payloads. */
    static ChatRun responsesSse(TranslatorOptions options, boolean includeUsage, InputStream in) {
        return assertTimeoutPreemptively(NO_HANG, () -> {
            List<ResponseStreamEvent> ignored = new ArrayList<>();
            ResponsesToChatStream stream = new ResponsesToChatStream(options, includeUsage, ignored::add);
            List<ChatStreamOutput> outputs = new ArrayList<>();
            try (SseReader reader = new SseReader(in)) {
                for (SseEvent e = reader.next(); e != null && !stream.finished(); e = reader.next()) {
                    if (e.isDone()) {
                        break;
                    }
                    outputs.addAll(stream.onEvent(options.codec().read(e.data(), ResponseStreamEvent.class)));
                }
                outputs.addAll(stream.onEnd());
            } catch (CrosswalkException e) {
                outputs.addAll(stream.onError(new OpenAiError("the upstream stream is malformed: " + e.getMessage(),
                        "server_error", null, "upstream_protocol_error")));
            }
            return StreamTestKit.wire(options.codec(), stream, outputs, ignored);
        });
    }

    static InputStream sse(String... dataLines) {
        StringBuilder b = new StringBuilder();
        for (String d : dataLines) {
            b.append("data: ").append(d).append("\n\n");
        }
        return new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    static InputStream responsesSseOf(List<String> eventJsons) {
        StringBuilder b = new StringBuilder();
        for (String json : eventJsons) {
            String type = json.startsWith("{\"type\":\"") ? json.substring(9, json.indexOf('"', 9)) : "response.output_text.delta";
            b.append("event: ").append(type).append("\ndata: ").append(json).append("\n\n");
        }
        return new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A failed Responses stream: the checker's rules, then error + response.failed, never a success. */
    static Result assertFailed(ResponsesRun run, String ctx) {
        Result r = ResponsesStreamChecker.check(run.trees(), ctx);
        assertThat(r.terminalType()).as(ctx).isEqualTo("response.failed");
        assertThat(run.types()).as(ctx).doesNotContain("response.completed", "response.incomplete");
        assertThat(run.stream().failed()).as(ctx).isTrue();
        com.openai.models.responses.Response sdk = accumulate(run);
        assertThat(sdk.status().orElseThrow().asString()).as(ctx).isEqualTo("failed");
        return r;
    }

    static com.openai.models.responses.Response accumulate(ResponsesRun run) {
        return OpenAiOracle.accumulateResponseEvents(StreamTestKit.oracleReadable(run.json()));
    }

    static Map<String, Object> errorEvent(ResponsesRun run) {
        return run.trees().get(run.trees().size() - 2);
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class ChatUpstream {

        @ParameterizedTest
        @ValueSource(strings = {"{\"id\":\"chatcmpl-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"oo", "{bad json}",
                "{\"choices\":5}", "{\"choices\":[{\"delta\":\"x\"}]}", "42", "[]"})
        void malformedJsonInDataIsATypedErrorThenAFailedStream(String data) {
            for (JsonCodec codec : CODECS) {
                String ctx = codec.name() + " " + data;
                assertThatThrownBy(() -> codec.read(data, ChatCompletionChunk.class)).as(ctx)
                        .isInstanceOf(MalformedJsonException.class)
                        .satisfies(e -> assertThat(((MalformedJsonException) e).path()).startsWith("$"))
                        .hasMessageContaining("line 1");
                ResponsesRun run = chatSse(options(codec), sse(ROLE, text("Hi"), data, finish("stop"), "[DONE]"));
                assertFailed(run, ctx);
                assertThat((String) errorEvent(run).get("message")).as(ctx).contains("malformed");
                assertThat(errorEvent(run).get("code")).as(ctx).isEqualTo("upstream_protocol_error");
            }
        }

        /** {@code data: null} reads as no chunk at all: a protocol error, not a NullPointerException. */
        @Test
        void nullPayload() {
            for (JsonCodec codec : CODECS) {
                ResponsesRun run = chatSse(options(codec), sse(ROLE, text("Hi"), "null", finish("stop"), "[DONE]"));
                assertFailed(run, codec.name() + " data: null");
            }
        }

        /** A Chat server that fails mid-stream sends {@code data: {"error": …}}: its message must reach the client. */
        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void errorPayloadMidStream(boolean afterFinishReason) {
            String error = "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\","
                    + "\"param\":null,\"code\":\"overloaded\"}}";
            for (JsonCodec codec : CODECS) {
                String ctx = codec.name() + " afterFinish=" + afterFinishReason;
                List<String> chunks = afterFinishReason ? List.of(ROLE, text("Hi"), finish("stop"), error)
                        : List.of(ROLE, text("Hi"), error, text(" there"), finish("stop"));
                ResponsesRun run = chatSse(options(codec), sse(chunks.toArray(String[]::new)));
                Result r = assertFailed(run, ctx);
                assertThat(errorEvent(run).get("message")).as(ctx).isEqualTo("The server had an error while processing your request.");
                assertThat(errorEvent(run).get("code")).as(ctx).isEqualTo("overloaded");
                assertThat(map(r.response().get("error")).get("message")).as(ctx)
                        .isEqualTo("The server had an error while processing your request.");
            }
        }

        /** EOF (or [DONE]) before any finish_reason, recorded: never completed. */
        @Test
        void endWithoutFinishReason() {
            ResponsesRun run = chatJsonToResponses(options(JACKSON3), REQUEST, recorded("cstream-03-no-finish-reason.invalid.jsonl"), true);
            assertFailed(run, "cstream-03");
            assertThat(errorEvent(run).get("code")).isEqualTo("stream_incomplete");
        }

        /** Content after finish_reason, recorded: the stream fails at once and sends nothing more. */
        @Test
        void contentAfterFinishReason() {
            List<String> chunks = recorded("cstream-10-content-after-finish.invalid.jsonl");
            ResponsesRun run = chatJsonToResponses(options(JACKSON2), REQUEST, chunks, true);
            assertFailed(run, "cstream-10");
            assertThat((String) errorEvent(run).get("message")).contains("after finish_reason");
            assertThat(run.stream().onChunk(JACKSON2.read(chunks.get(0), ChatCompletionChunk.class))).isEmpty();
            assertThat(run.stream().onEnd()).isEmpty();
        }

        /** A repeated finish chunk and a late usage chunk are not content: one terminal event, usage kept. */
        @Test
        void repeatedFinishChunkIsHarmless() {
            ResponsesRun run = chatJsonToResponses(options(JACKSON2), REQUEST,
                    List.of(ROLE, text("Hi"), finish("stop"), finish("stop"), usageChunk(USAGE)), true);
            Result r = ResponsesStreamChecker.check(run.trees(), "repeated finish");
            assertThat(r.terminalType()).isEqualTo("response.completed");
            assertThat(r.text()).isEqualTo("Hi");
            assertThat(map(r.response().get("usage")).get("input_tokens")).isEqualTo(120);
        }

        /** n > 1 upstream (recorded): untranslatable, reported as a failure naming {@code n}, never merged. */
        @Test
        void severalChoices() {
            ResponsesRun run = chatJsonToResponses(options(JACKSON2), REQUEST, recorded("chatstream-06-n-3.untranslatable.jsonl"), true);
            assertFailed(run, "n=3");
            assertThat(errorEvent(run).get("param")).isEqualTo("n");
        }

        /** Invalid UTF-8 inside a data line: the SSE reader's typed error, then the protocol's error events. */
        @Test
        void invalidUtf8() {
            byte[] head = ("data: " + ROLE + "\n\ndata: ").getBytes(StandardCharsets.UTF_8);
            byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n', '\n'};
            byte[] wire = new byte[head.length + bad.length];
            System.arraycopy(head, 0, wire, 0, head.length);
            System.arraycopy(bad, 0, wire, head.length, bad.length);
            ResponsesRun run = chatSse(options(JACKSON3), new ByteArrayInputStream(wire));
            assertFailed(run, "invalid UTF-8");
        }

        /** The connection drops inside an event (no blank line, no [DONE]): the stream ends, failed, at once. */
        @Test
        void connectionDropsMidEvent() {
            String wire = "data: " + ROLE + "\n\ndata: " + text("Hel") + "\n\ndata: {\"id\":\"chatcmpl-trap\",\"choi";
            ResponsesRun run = chatSse(options(JACKSON2), new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
            assertFailed(run, "drop mid event");
        }

        /** The upstream fails before sending anything: started() stays false, so the server can answer with HTTP. */
        @Test
        void failureBeforeAnyChunk() {
            ChatToResponsesStream stream = new ChatToResponsesStream(options(JACKSON2), REQUEST);
            assertThat(stream.started()).isFalse();
            List<ResponseStreamEvent> events = stream.onError(new OpenAiError("upstream 503", "server_error", null, null));
            assertThat(events).extracting(ResponseStreamEvent::type)
                    .containsExactly("response.created", "response.in_progress", "error", "response.failed");
            ResponsesRun run = StreamTestKit.wire(JACKSON2, stream, events);
            assertFailed(run, "before any chunk");
        }
    }

    @Nested
    class ResponsesUpstream {

        @ParameterizedTest
        @ValueSource(strings = {"{\"type\":\"response.output_text.delta\",\"delta\":", "{\"type\":\"response.output_text.delta\",\"delta\":{}}",
                "not json", "[]"})
        void malformedJsonInData(String data) {
            for (JsonCodec codec : CODECS) {
                String ctx = codec.name() + " " + data;
                assertThatThrownBy(() -> codec.read(data, ResponseStreamEvent.class)).as(ctx).isInstanceOf(MalformedJsonException.class);
                List<String> events = new ArrayList<>(recorded("respstream-01-text.jsonl").subList(0, 5));
                events.add(data);
                events.addAll(recorded("respstream-01-text.jsonl").subList(5, 17));
                ChatRun run = responsesSse(options(codec), true, responsesSseOf(events));
                Assembled a = ChatStreamChecker.check(run.payloads(), true, ctx);
                assertThat(a.error()).as(ctx).isNotNull();
                assertThat((String) a.error().get("message")).as(ctx).contains("malformed");
                assertThat(a.finishReason()).as(ctx).isNull();
            }
        }

        /** {@code data: null}: a protocol error, neither a NullPointerException nor a null handed to the listener. */
        @Test
        void nullPayload() {
            List<String> events = new ArrayList<>(recorded("respstream-01-text.jsonl").subList(0, 5));
            events.add("null");
            ChatRun run = responsesSse(options(JACKSON3), false, responsesSseOf(events));
            Assembled a = ChatStreamChecker.check(run.payloads(), false, "null");
            assertThat(a.error()).isNotNull();
            assertThat(run.ignored()).doesNotContainNull();
        }

        /** Unknown event types (recorded, plus a keep-alive) reach the ignored listener; the stream goes on. */
        @Test
        void unknownEventTypesAreReportedNotFatal() {
            List<String> events = new ArrayList<>(recorded("rstream-11-unknown-event-type.invalid.jsonl"));
            events.add(3, "{\"type\":\"keepalive\",\"sequence_number\":3}");
            ChatRun run = responsesJsonToChat(options(JACKSON2), false, events, true);
            Assembled a = ChatStreamChecker.check(run.payloads(), false, "unknown types");
            assertThat(a.error()).isNull();
            assertThat(a.finishReason()).isEqualTo("stop");
            assertThat(run.ignored()).extracting(ResponseStreamEvent::type).containsExactly("keepalive", "response.output_text.added");
            assertThat(run.ignored()).allMatch(e -> e instanceof UnknownEvent);
            assertThat(a.content()).endsWith(" How can I assist you today?");
        }

        /** An error event mid-stream: an error payload and [DONE]; nothing more afterwards. */
        @Test
        void errorEventMidStream() {
            List<String> events = new ArrayList<>(recorded("respstream-01-text.jsonl").subList(0, 7));
            events.add("{\"type\":\"error\",\"sequence_number\":7,\"code\":\"server_error\",\"message\":\"boom\",\"param\":null}");
            events.addAll(recorded("respstream-01-text.jsonl").subList(7, 17));
            ChatRun run = responsesJsonToChat(options(JACKSON2), true, events, true);
            Assembled a = ChatStreamChecker.check(run.payloads(), true, "error event");
            assertThat(a.error().get("message")).isEqualTo("boom");
            assertThat(a.error().get("code")).isEqualTo("server_error");
            assertThat(a.content()).isEqualTo("Hello! How");
            assertThat(a.finishReason()).isNull();
            assertThat(run.stream().started()).isTrue();
        }

        /** An error as the very first event: nothing was sent, so the server can still answer with an HTTP error. */
        @Test
        void errorEventFirst() {
            ResponsesToChatStream stream = new ResponsesToChatStream(options(JACKSON2), false, e -> { });
            List<ChatStreamOutput> out = stream.onEvent(JACKSON2.read(
                    "{\"type\":\"error\",\"sequence_number\":0,\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\",\"param\":null}",
                    ResponseStreamEvent.class));
            assertThat(stream.started()).isFalse();
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isInstanceOfSatisfying(ChatStreamOutput.Error.class,
                    e -> assertThat(e.error().message()).isEqualTo("slow down"));
            assertThat(out.get(1)).isInstanceOf(ChatStreamOutput.Done.class);
        }

        /** response.failed (recorded): the upstream's message, no finish_reason. */
        @Test
        void responseFailed() {
            ChatRun run = responsesJsonToChat(options(JACKSON3), true, recorded("respstream-09-failed.partial.jsonl"), true);
            Assembled a = ChatStreamChecker.check(run.payloads(), true, "failed");
            assertThat(a.error().get("message")).isEqualTo("The model failed to generate a response.");
            assertThat(a.error().get("code")).isEqualTo("server_error");
        }

        /** EOF without a terminal event (recorded): never a silent stop. */
        @Test
        void endWithoutTerminalEvent() {
            ChatRun run = responsesSse(options(JACKSON2), true, responsesSseOf(recorded("rstream-03-no-terminal-event.invalid.jsonl")));
            Assembled a = ChatStreamChecker.check(run.payloads(), true, "no terminal");
            assertThat(a.error()).isNotNull();
            assertThat(a.error().get("code")).isEqualTo("stream_incomplete");
            assertThat(a.finishReason()).isNull();
        }

        /** Events after response.completed change nothing: one finish_reason, one [DONE]. */
        @Test
        void eventsAfterCompletion() {
            List<String> events = new ArrayList<>(recorded("respstream-01-text.jsonl"));
            events.addAll(recorded("respstream-01-text.jsonl").subList(4, 17));
            ChatRun run = responsesJsonToChat(options(JACKSON2), false, events, true);
            Assembled a = ChatStreamChecker.check(run.payloads(), false, "after completion");
            assertThat(a.content()).isEqualTo("Hello! How can I assist you today?");
        }

        /** The connection drops inside an event: the stream ends at once with an error. */
        @Test
        void connectionDropsMidEvent() {
            String wire = "event: response.created\ndata: " + recorded("respstream-01-text.jsonl").get(0)
                    + "\n\nevent: response.output_text.delta\ndata: {\"type\":\"response.output_te";
            ChatRun run = responsesSse(options(JACKSON2), false, new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
            Assembled a = ChatStreamChecker.check(run.payloads(), false, "drop");
            assertThat(a.error()).isNotNull();
        }
    }
}
