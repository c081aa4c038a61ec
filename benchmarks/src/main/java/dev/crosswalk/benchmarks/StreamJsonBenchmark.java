package dev.crosswalk.benchmarks;

import com.openai.core.ObjectMappers;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.json.jackson2.Jackson2Codec;
import dev.crosswalk.translator.json.jackson3.Jackson3Codec;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a bridge does per stream event: the upstream's JSON payload (a {@code String}, as the SSE parser hands it
 * over) in, the translated events' JSON as UTF-8 bytes out (the SSE {@code data:} payloads, written into one reused
 * buffer). Each invocation translates a whole stream; {@link OperationsPerInvocation} divides by its number of
 * input events, so the score is ns per input event and {@code gc.alloc.rate.norm} bytes per input event.
 *
 * <p>Three ways through the same streams, and two baselines on the same payloads:
 * <ul>
 *   <li>{@code crosswalk*}: the codec as shipped (stream fast path on);</li>
 *   <li>{@code token*}: the bridge's path since the token path: the payload's bytes in, Chat text chunks straight to
 *       their delta event's bytes ({@code ChatToResponsesStream.onTextChunk}), the rest through the codec;</li>
 *   <li>{@code databind*}: the same codec with the fast path off, everything through Jackson's data binder (the
 *       path before this work);</li>
 *   <li>{@code floor*}: the same Jackson major parsing each payload into a tree and writing it back as bytes — the
 *       cost of merely re-serialising the input ({@code floor*Bytes}: parsed from its UTF-8 bytes, the token path's
 *       input);</li>
 *   <li>{@code sdk*}: the official openai-java SDK reading each payload into its typed model and writing it back.</li>
 * </ul>
 * The records-in/records-out figure of the same translation is {@link StreamTranslationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamJsonBenchmark {
    static final int TEXT_CHUNKS = StreamTranslationBenchmark.TEXT_CHUNKS;
    static final int TOOL_CHUNKS = StreamTranslationBenchmark.TOOL_CHUNKS;
    static final int TEXT_EVENTS = StreamTranslationBenchmark.TEXT_EVENTS;
    static final int TOOL_EVENTS = StreamTranslationBenchmark.TOOL_EVENTS;

    @Param({"jackson2", "jackson3"})
    public String codec;

    private Translator fast;
    private Translator databind;
    private List<String> textChunks;
    private List<String> toolChunks;
    private List<byte[]> textChunkBytes;
    private List<byte[]> toolChunkBytes;
    private List<String> textEvents;
    private List<String> toolEvents;
    private List<byte[]> textEventBytes;
    private List<byte[]> toolEventBytes;
    private com.fasterxml.jackson.databind.ObjectMapper jackson2;
    private tools.jackson.databind.json.JsonMapper jackson3;
    private com.fasterxml.jackson.databind.json.JsonMapper sdk;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

    @Setup
    public void setUp() {
        boolean j2 = "jackson2".equals(codec);
        JsonCodec fastCodec = j2 ? new Jackson2Codec(true) : new Jackson3Codec(true);
        JsonCodec slowCodec = j2 ? new Jackson2Codec(false) : new Jackson3Codec(false);
        fast = Fixtures.translator(fastCodec);
        databind = Fixtures.translator(slowCodec);
        textChunks = json(slowCodec, Fixtures.textStream(), TEXT_CHUNKS);
        toolChunks = json(slowCodec, Fixtures.toolStream(), TOOL_CHUNKS);
        textChunkBytes = textChunks.stream().map(j -> j.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        toolChunkBytes = toolChunks.stream().map(j -> j.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        textEvents = json(slowCodec, Fixtures.events(Fixtures.textStream()), TEXT_EVENTS);
        toolEvents = json(slowCodec, Fixtures.events(Fixtures.toolStream()), TOOL_EVENTS);
        textEventBytes = textEvents.stream().map(j -> j.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        toolEventBytes = toolEvents.stream().map(j -> j.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        jackson2 = new com.fasterxml.jackson.databind.ObjectMapper();
        jackson3 = tools.jackson.databind.json.JsonMapper.builder().build();
        sdk = ObjectMappers.jsonMapper();
    }

    private static List<String> json(JsonCodec codec, List<?> values, int expected) {
        if (values.size() != expected) {
            throw new IllegalStateException("fixture has " + values.size() + " events, the benchmark divides by " + expected);
        }
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(codec.write(v)));
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void crosswalkChatToResponsesText(Blackhole bh) {
        chatToResponses(fast, textChunks, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_CHUNKS)
    public void crosswalkChatToResponsesTools(Blackhole bh) {
        chatToResponses(fast, toolChunks, bh);
    }

    /** The bridge's path since the token path: the payload's bytes (as {@code SseParser.ofBytes} hands them over) in. */
    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void tokenChatToResponsesText(Blackhole bh) {
        tokenChatToResponses(fast, textChunkBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_CHUNKS)
    public void tokenChatToResponsesTools(Blackhole bh) {
        tokenChatToResponses(fast, toolChunkBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_EVENTS)
    public void tokenResponsesToChatText(Blackhole bh) {
        tokenResponsesToChat(fast, textEventBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_EVENTS)
    public void tokenResponsesToChatTools(Blackhole bh) {
        tokenResponsesToChat(fast, toolEventBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_EVENTS)
    public void floorResponsesTextBytes(Blackhole bh) throws Exception {
        floorBytes(textEventBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_EVENTS)
    public void floorResponsesToolsBytes(Blackhole bh) throws Exception {
        floorBytes(toolEventBytes, bh);
    }

    /** The floor of the token path's input: the same payloads parsed from their bytes. */
    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void floorChatTextBytes(Blackhole bh) throws Exception {
        floorBytes(textChunkBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_CHUNKS)
    public void floorChatToolsBytes(Blackhole bh) throws Exception {
        floorBytes(toolChunkBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_EVENTS)
    public void crosswalkResponsesToChatText(Blackhole bh) {
        responsesToChat(fast, textEvents, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_EVENTS)
    public void crosswalkResponsesToChatTools(Blackhole bh) {
        responsesToChat(fast, toolEvents, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void databindChatToResponsesText(Blackhole bh) {
        chatToResponses(databind, textChunks, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_EVENTS)
    public void databindResponsesToChatText(Blackhole bh) {
        responsesToChat(databind, textEvents, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void floorChatText(Blackhole bh) throws Exception {
        floor(textChunks, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_CHUNKS)
    public void floorChatTools(Blackhole bh) throws Exception {
        floor(toolChunks, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_EVENTS)
    public void floorResponsesText(Blackhole bh) throws Exception {
        floor(textEvents, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_EVENTS)
    public void floorResponsesTools(Blackhole bh) throws Exception {
        floor(toolEvents, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void sdkChatText(Blackhole bh) throws Exception {
        for (String json : textChunks) {
            bh.consume(sdk.writeValueAsBytes(sdk.readValue(json, com.openai.models.chat.completions.ChatCompletionChunk.class)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_EVENTS)
    public void sdkResponsesText(Blackhole bh) throws Exception {
        for (String json : textEvents) {
            bh.consume(sdk.writeValueAsBytes(sdk.readValue(json, com.openai.models.responses.ResponseStreamEvent.class)));
        }
    }

    private void chatToResponses(Translator translator, List<String> chunks, Blackhole bh) {
        JsonCodec json = translator.options().codec();
        ChatToResponsesStream stream = translator.streamToResponses(null);
        for (String chunk : chunks) {
            for (ResponseStreamEvent e : stream.onChunk(json.read(chunk, ChatCompletionChunk.class))) {
                write(json, e, bh);
            }
        }
        for (ResponseStreamEvent e : stream.onEnd()) {
            write(json, e, bh);
        }
    }

    private void tokenChatToResponses(Translator translator, List<byte[]> chunks, Blackhole bh) {
        JsonCodec json = translator.options().codec();
        ChatToResponsesStream stream = translator.streamToResponses(null);
        for (byte[] chunk : chunks) {
            out.reset();
            if (stream.onTextChunk(chunk, 0, chunk.length, out)) {
                bh.consume(out.size());
                continue;
            }
            for (ResponseStreamEvent e : stream.onChunk(json.read(chunk, ChatCompletionChunk.class))) {
                write(json, e, bh);
            }
        }
        for (ResponseStreamEvent e : stream.onEnd()) {
            write(json, e, bh);
        }
    }

    private void tokenResponsesToChat(Translator translator, List<byte[]> events, Blackhole bh) {
        JsonCodec json = translator.options().codec();
        ResponsesToChatStream stream = translator.streamToChat(true, e -> { });
        for (byte[] event : events) {
            out.reset();
            if (stream.onTextEvent(event, 0, event.length, out)) {
                bh.consume(out.size());
                continue;
            }
            for (ChatStreamOutput o : stream.onEvent(json.read(event, ResponseStreamEvent.class))) {
                if (o instanceof ChatStreamOutput.Chunk c) {
                    write(json, c.chunk(), bh);
                }
            }
        }
        bh.consume(stream.onEnd());
    }

    private void floorBytes(List<byte[]> payloads, Blackhole bh) throws Exception {
        boolean j2 = "jackson2".equals(codec);
        for (byte[] json : payloads) {
            out.reset();
            if (j2) {
                jackson2.writeValue(out, jackson2.readTree(json));
            } else {
                jackson3.writeValue(out, jackson3.readTree(json));
            }
            bh.consume(out.size());
        }
    }

    private void responsesToChat(Translator translator, List<String> events, Blackhole bh) {
        JsonCodec json = translator.options().codec();
        ResponsesToChatStream stream = translator.streamToChat(true, e -> { });
        for (String event : events) {
            for (ChatStreamOutput o : stream.onEvent(json.read(event, ResponseStreamEvent.class))) {
                if (o instanceof ChatStreamOutput.Chunk c) {
                    write(json, c.chunk(), bh);
                }
            }
        }
        bh.consume(stream.onEnd());
    }

    /** Into one reused buffer, as the bridge writes into its network buffer. */
    private void write(JsonCodec json, Object value, Blackhole bh) {
        out.reset();
        json.writeTo(value, out);
        bh.consume(out.size());
    }

    private void floor(List<String> payloads, Blackhole bh) throws Exception {
        boolean j2 = "jackson2".equals(codec);
        for (String json : payloads) {
            out.reset();
            if (j2) {
                jackson2.writeValue(out, jackson2.readTree(json));
            } else {
                jackson3.writeValue(out, jackson3.readTree(json));
            }
            bh.consume(out.size());
        }
    }
}
