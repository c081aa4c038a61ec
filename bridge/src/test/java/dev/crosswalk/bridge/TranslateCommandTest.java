package dev.crosswalk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code translate} command as a user runs it: arguments, files, stdin, exit codes, stdout and stderr. */
class TranslateCommandTest {
    /** Every stream the command writes is held to the stream invariants after the test. */
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path tmp;

    @Test
    void translatesTheShippedChatRequestToResponses() {
        Run run = run("translate", "--from", "chat", "--kind", "request", EXAMPLES.resolve("chat-request.json").toString());

        assertThat(run.code).isZero();
        assertThat(run.err).isEmpty();
        JsonNode out = JSON.readTree(run.out);
        assertThat(out.path("input").isArray()).isTrue();
        assertThat(out.path("messages").isMissingNode()).isTrue();
        // the assistant's text comes before its two calls, each a function_call item with the Chat id as call_id
        assertThat(out.path("input").get(2).path("content").asString()).isEqualTo("Let me check both cities.");
        assertThat(out.path("input").get(3).path("type").asString()).isEqualTo("function_call");
        assertThat(out.path("input").get(3).path("call_id").asString()).isEqualTo("call_paris");
        assertThat(out.path("tools").get(0).path("strict").asBoolean(true)).isFalse();
        assertThat(out.path("store").asBoolean(true)).isFalse();
        assertThat(out.path("max_output_tokens").asInt()).isEqualTo(800);
    }

    @Test
    void translatesAResponsesRequestFromStdin() throws IOException {
        byte[] body = Files.readAllBytes(EXAMPLES.resolve("responses-request.json"));
        Run run = run(new ByteArrayInputStream(body), "translate", "--from", "responses", "-");

        assertThat(run.code).isZero();
        JsonNode out = JSON.readTree(run.out);
        assertThat(out.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(out.path("messages").get(0).path("content").asString()).isEqualTo("You are a concise travel assistant.");
        assertThat(out.path("max_completion_tokens").asInt()).isEqualTo(800);
        assertThat(out.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void untranslatableFieldsExitTwoWithAnOpenAiErrorListingEveryPath() throws Exception {
        Run run = run("translate", "--from", "chat", resource("untranslatable-chat-request.json"));

        assertThat(run.code).isEqualTo(2);
        assertThat(run.out).isEmpty();
        JsonNode error = JSON.readTree(run.err).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asString()).isEqualTo("n");
        assertThat(error.path("message").asString()).contains("$.n").contains("$.stop");
        assertThat(error.path("problems").findValuesAsString("path")).containsExactly("$.n", "$.stop");
    }

    @Test
    void lenientDropsWithAWarningPerPath() throws Exception {
        Run run = run("translate", "--from", "chat", "--lenient", resource("untranslatable-chat-request.json"));

        assertThat(run.code).isZero();
        assertThat(JSON.readTree(run.out).has("n")).isFalse();
        assertThat(run.err).contains("warning: dropped $.n").contains("warning: dropped $.stop");
    }

    @Test
    void previousResponseIdWithoutAStoreIsRejectedNotDropped() throws Exception {
        Run run = run("translate", "--from", "responses", resource("previous-response-request.json"));

        assertThat(run.code).isEqualTo(2);
        assertThat(JSON.readTree(run.err).path("error").path("param").asString()).isEqualTo("previous_response_id");
    }

    @Test
    void aFailedResponseExitsThreeWithItsError() throws Exception {
        Run run = run("translate", "--from", "responses", "--kind", "response", resource("failed-response.json"));

        assertThat(run.code).isEqualTo(3);
        JsonNode error = JSON.readTree(run.err).path("error");
        assertThat(error.path("message").asString()).isEqualTo("The model failed to generate a response.");
        assertThat(error.path("code").asString()).isEqualTo("server_error");
    }

    @Test
    void malformedJsonExitsOneNamingTheLine() throws IOException {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\n  \"model\": \"m\",\n  \"messages\": [ {\"role\": \"user\", \"content\": \"hi\" ]\n}");
        Run run = run("translate", "--from", "chat", file.toString());

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("line 3");
    }

    @Test
    void aWrongShapeExitsOneNamingThePath() throws IOException {
        Path file = tmp.resolve("wrong.json");
        Files.writeString(file, "{\"model\":\"m\",\"temperature\":\"hot\",\"messages\":[]}");
        Run run = run("translate", "--from", "chat", file.toString());

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("$.temperature");
    }

    @Test
    void responseTranslationTakesEchoFieldsFromTheRequestInEitherProtocol() {
        Run run = run("translate", "--from", "chat", "--kind", "response",
                "--request", EXAMPLES.resolve("chat-request.json").toString(), EXAMPLES.resolve("chat-completion.json").toString());

        assertThat(run.code).isZero();
        JsonNode response = JSON.readTree(run.out);
        assertThat(response.path("object").asString()).isEqualTo("response");
        assertThat(response.path("tools").get(0).path("name").asString()).isEqualTo("get_weather");
        assertThat(response.path("max_output_tokens").asInt()).isEqualTo(800);
        assertThat(response.path("usage").path("input_tokens_details").path("cached_tokens").asInt()).isEqualTo(64);
        assertThat(response.path("output").get(0).path("content").get(0).path("text").asString()).isEqualTo("Paris is clear and 18 °C.");
    }

    @Test
    void responsesToChatReportsInstructionsAndMetadataOnlyWhenTheyAreNotTheRequestsEcho() throws IOException {
        String response = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1763800000,\"status\":\"%s\","
                + "\"model\":\"gpt-5\",\"instructions\":\"Be brief.\",\"metadata\":{\"team\":\"search\"},\"output\":%s}";
        String message = "[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\",\"annotations\":[]}]}]";
        Path body = tmp.resolve("resp.json");
        Files.writeString(body, response.formatted("completed", message));
        Path sse = tmp.resolve("resp.sse");
        Files.writeString(sse, "data: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                + response.formatted("in_progress", "[]") + "}\n\n"
                + "data: {\"type\":\"response.completed\",\"sequence_number\":1,\"response\":"
                + response.formatted("completed", message) + "}\n\n");
        Path echoed = tmp.resolve("echoed.json");
        Files.writeString(echoed, "{\"model\":\"gpt-5\",\"input\":\"hi\",\"instructions\":\"Be brief.\",\"metadata\":{\"team\":\"search\"}}");
        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"model\":\"gpt-5\",\"input\":\"hi\",\"metadata\":{\"team\":\"search\"}}");

        for (String kind : List.of("response", "stream")) {
            Run echo = run("translate", "--from", "responses", "--kind", kind, "--request", echoed.toString(),
                    (kind.equals("response") ? body : sse).toString());
            assertThat(echo.code).as(kind).isZero();
            assertThat(echo.err).as(kind).doesNotContain("$.instructions").doesNotContain("$.metadata");
            if (kind.equals("stream")) {
                kit.emittedChat(echo.out, false);
            }

            Run changed = run("translate", "--from", "responses", "--kind", kind, "--request", other.toString(),
                    (kind.equals("response") ? body : sse).toString());
            assertThat(changed.code).as(kind).isZero();
            assertThat(changed.err).as(kind).contains("warning: dropped $.instructions").doesNotContain("$.metadata");
            if (kind.equals("stream")) {
                kit.emittedChat(changed.out, false);
            }
        }
    }

    @Test
    void helpExplainsEveryOptionAndTheExitCodes() {
        Run run = run("translate", "--help");

        assertThat(run.code).isZero();
        assertThat(run.out).contains("--from", "--kind", "--request", "--lenient", "Exit codes", "64");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("translate", "--from", "chat", "--frobnicate").code).isEqualTo(64);
        assertThat(run("translate", "--from", "carrier-pigeon").code).isEqualTo(64);
    }

    @Test
    void translatesAChatStreamToResponsesEvents() {
        Run run = run("translate", "--from", "chat", "--kind", "stream", EXAMPLES.resolve("chat-stream.sse").toString());

        assertThat(run.code).isZero();
        assertThat(run.out).startsWith("event: response.created\ndata: {");
        assertThat(run.out).contains("event: response.function_call_arguments.done").doesNotContain("[DONE]");
        assertThat(run.out.strip()).contains("event: response.completed");
        kit.emittedResponses(run.out);
        // each event line matches the JSON type of its data line
        String[] lines = run.out.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("event: ")) {
                String type = lines[i].substring("event: ".length());
                assertThat(JSON.readTree(lines[i + 1].substring("data: ".length())).path("type").asString()).isEqualTo(type);
            }
        }
    }

    @Test
    void aTruncatedStreamStillGetsFailureEventsAndExitsThree() throws Exception {
        Run run = run("translate", "--from", "chat", "--kind", "stream", resource("truncated-chat-stream.sse"));

        assertThat(run.code).isEqualTo(3);
        assertThat(run.out).contains("event: error").contains("event: response.failed").doesNotContain("response.completed");
        // a broken input still gives a whole stream: error, then response.failed
        kit.emittedResponses(run.out);
    }

    @Test
    void aResponsesStreamBecomesChatChunksEndingInDone() throws IOException {
        Path sse = tmp.resolve("r.sse");
        Files.writeString(sse, """
                event: response.created
                data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1763800000,"status":"in_progress","model":"gpt-5","output":[]}}

                event: response.output_text.delta
                data: {"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hello","logprobs":[]}

                event: response.completed
                data: {"type":"response.completed","sequence_number":2,"response":{"id":"resp_1","object":"response","created_at":1763800000,"status":"completed","model":"gpt-5","output":[],"usage":{"input_tokens":5,"output_tokens":1,"total_tokens":6}}}

                """);
        Path request = tmp.resolve("req.json");
        Files.writeString(request, "{\"model\":\"gpt-5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        Run run = run("translate", "--from", "responses", "--kind", "stream", "--request", request.toString(), sse.toString());

        assertThat(run.code).isZero();
        String[] data = run.out.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toArray(String[]::new);
        assertThat(data[data.length - 1]).isEqualTo("[DONE]");
        assertThat(JSON.readTree(data[1]).path("choices").get(0).path("delta").path("content").asString()).isEqualTo("Hello");
        assertThat(JSON.readTree(data[2]).path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(JSON.readTree(data[3]).path("usage").path("total_tokens").asInt()).isEqualTo(6);
        kit.emittedChat(run.out, true);
    }

    @Test
    void streamsIncrementallyWithoutWaitingForTheEndOfInput() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
        Signal out = new Signal();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Main.run(stdin, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "translate", "--from", "chat", "--kind", "stream", "-"));

        feed.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
        // the text delta must be written while the input is still open
        assertThat(out.await("response.output_text.delta", Duration.ofSeconds(20))).isTrue();
        assertThat(code).isNotDone();

        feed.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        feed.close();
        assertThat(code.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("event: response.completed");
        kit.emittedResponses(out.toString());
    }

    private String resource(String name) throws URISyntaxException {
        return Path.of(getClass().getResource("/cli/" + name).toURI()).toString();
    }

    private static Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private static Run run(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(stdin, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }

    /** A writer that lets a test wait until some text has been written. */
    private static final class Signal extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            notifyAll();
        }

        synchronized boolean await(String needle, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (text.indexOf(needle) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
