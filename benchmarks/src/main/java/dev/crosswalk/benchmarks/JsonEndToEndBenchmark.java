package dev.crosswalk.benchmarks;

import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.json.JsonCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON text in, JSON text out: parse, translate, write — beside two baselines on the same bytes:
 * the codec's Jackson parsing the document into a tree and writing it back unchanged (the floor for any
 * JSON-to-JSON translation), and the official openai-java SDK reading it into its typed request model and writing it
 * back (what a Java user would otherwise do).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonEndToEndBenchmark {
    @Param({"small", "medium", "large"})
    public String size;

    @Param({"jackson2", "jackson3"})
    public String codec;

    private Translator translator;
    private JsonCodec json;
    private String chatJson;
    private String responsesJson;
    private byte[] chatBytes;
    private byte[] responsesBytes;
    private ResponsesRequest echo;
    private String completionJson;
    private String responseJson;
    private String completionOutJson;
    private com.fasterxml.jackson.databind.ObjectMapper jackson2;
    private tools.jackson.databind.json.JsonMapper jackson3;
    private com.fasterxml.jackson.databind.json.JsonMapper sdk;

    @Setup
    public void setUp() {
        json = "jackson2".equals(codec) ? JsonCodec.jackson2() : JsonCodec.jackson3();
        translator = Fixtures.translator(json);
        chatJson = json.write(Fixtures.chatRequest(size));
        responsesJson = translator.requestToResponses(chatJson).value();
        chatBytes = chatJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        responsesBytes = responsesJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Replies: one completion (text, two calls, usage); the Responses object echoes the request of this size.
        echo = translator.responsesForm(responsesJson);
        completionJson = json.write(Fixtures.chatCompletion());
        responseJson = crosswalkCompletionToResponse();
        completionOutJson = crosswalkResponseToCompletion();
        jackson2 = new com.fasterxml.jackson.databind.ObjectMapper();
        jackson3 = tools.jackson.databind.json.JsonMapper.builder().build();
        sdk = ObjectMappers.jsonMapper();
    }

    @Benchmark
    public String crosswalkChatToResponses() {
        return translator.requestToResponses(chatJson).value();
    }

    @Benchmark
    public String crosswalkResponsesToChat() {
        return translator.requestToChat(responsesJson).value();
    }

    /** The request rows over UTF-8 bytes, as a server has them: bytes in, bytes out. */
    @Benchmark
    public byte[] crosswalkChatToResponsesBytes() {
        return translator.requestToResponses(chatBytes).value();
    }

    @Benchmark
    public byte[] crosswalkResponsesToChatBytes() {
        return translator.requestToChat(responsesBytes).value();
    }

    /** A Chat completion (JSON) → the Responses object (JSON) answering the request, as the bridge does it. */
    @Benchmark
    public String crosswalkCompletionToResponse() {
        return json.write(translator.toResponses(json.read(completionJson, ChatCompletion.class), echo).value());
    }

    /** A Responses object (JSON, echoing the request) → a Chat completion (JSON). */
    @Benchmark
    public String crosswalkResponseToCompletion() {
        return translator.responseToChat(responseJson).value();
    }

    /** Floor of a reply translation: re-serialising its input plus re-serialising a document the size of its output. */
    @Benchmark
    public int baselineReplyFloorCompletion() throws Exception {
        return identity(completionJson).length() + identity(responseJson).length();
    }

    /** Floor of the reverse reply translation. */
    @Benchmark
    public int baselineReplyFloorResponse() throws Exception {
        return identity(responseJson).length() + identity(completionOutJson).length();
    }

    /** Baseline (a): parse and write the Chat request unchanged with the same Jackson major. */
    @Benchmark
    public String baselineJacksonIdentityChat() throws Exception {
        return identity(chatJson);
    }

    /** Baseline (a) for the Responses request. */
    @Benchmark
    public String baselineJacksonIdentityResponses() throws Exception {
        return identity(responsesJson);
    }

    /** Baseline (a) over bytes: {@code readTree(byte[])} + {@code writeValueAsBytes}, the floor of the byte rows. */
    @Benchmark
    public byte[] baselineJacksonIdentityChatBytes() throws Exception {
        return identity(chatBytes);
    }

    /** Baseline (a) over bytes for the Responses request. */
    @Benchmark
    public byte[] baselineJacksonIdentityResponsesBytes() throws Exception {
        return identity(responsesBytes);
    }

    /** Baseline (b): the official SDK's typed Chat request model, read and written back (Jackson 2 inside). */
    @Benchmark
    public String baselineSdkChat() throws Exception {
        return sdk.writeValueAsString(sdk.readValue(chatJson, ChatCompletionCreateParams.Body.class));
    }

    /** Baseline (b) for the Responses request. */
    @Benchmark
    public String baselineSdkResponses() throws Exception {
        return sdk.writeValueAsString(sdk.readValue(responsesJson, ResponseCreateParams.Body.class));
    }

    private String identity(String json) throws Exception {
        return "jackson2".equals(codec)
                ? jackson2.writeValueAsString(jackson2.readTree(json))
                : jackson3.writeValueAsString(jackson3.readTree(json));
    }

    private byte[] identity(byte[] json) throws Exception {
        return "jackson2".equals(codec)
                ? jackson2.writeValueAsBytes(jackson2.readTree(json))
                : jackson3.writeValueAsBytes(jackson3.readTree(json));
    }
}
