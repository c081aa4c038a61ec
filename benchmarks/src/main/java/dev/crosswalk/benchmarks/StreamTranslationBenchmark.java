package dev.crosswalk.benchmarks;

import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stream translation per input event: each invocation translates a whole stream, and
 * {@link OperationsPerInvocation} divides by its exact length, so throughput reads as events per second and
 * {@code gc.alloc.rate.norm} as bytes per event. The baseline only hands each input to the blackhole.
 *
 * <p>Text stream: 2,000 deltas (+ role, finish and usage chunks). Tool stream: 8 parallel calls, 500 argument
 * fragments. The Responses inputs are what Crosswalk makes of those Chat streams.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamTranslationBenchmark {
    static final int TEXT_CHUNKS = 2003;
    static final int TOOL_CHUNKS = 511;
    static final int TEXT_EVENTS = 2008;
    static final int TOOL_EVENTS = 527;

    private Translator translator;
    private List<ChatCompletionChunk> textChunks;
    private List<ChatCompletionChunk> toolChunks;
    private List<ResponseStreamEvent> textEvents;
    private List<ResponseStreamEvent> toolEvents;

    @Setup
    public void setUp() {
        translator = Fixtures.translator(JsonCodec.jackson3());
        textChunks = Fixtures.textStream();
        toolChunks = Fixtures.toolStream();
        textEvents = Fixtures.events(textChunks);
        toolEvents = Fixtures.events(toolChunks);
        check(textChunks.size(), TEXT_CHUNKS, "text chunks");
        check(toolChunks.size(), TOOL_CHUNKS, "tool chunks");
        check(textEvents.size(), TEXT_EVENTS, "text events");
        check(toolEvents.size(), TOOL_EVENTS, "tool events");
    }

    /** The per-invocation counts must match the fixtures, or every figure would be silently off. */
    private static void check(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": fixture has " + actual + ", the benchmark divides by " + expected);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void chatToResponsesText(Blackhole bh) {
        chatToResponses(textChunks, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_CHUNKS)
    public void chatToResponsesTools(Blackhole bh) {
        chatToResponses(toolChunks, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_EVENTS)
    public void responsesToChatText(Blackhole bh) {
        responsesToChat(textEvents, bh);
    }

    @Benchmark
    @OperationsPerInvocation(TOOL_EVENTS)
    public void responsesToChatTools(Blackhole bh) {
        responsesToChat(toolEvents, bh);
    }

    /** The floor: touching every chunk once without translating it. */
    @Benchmark
    @OperationsPerInvocation(TEXT_CHUNKS)
    public void baselineIterate(Blackhole bh) {
        for (ChatCompletionChunk chunk : textChunks) {
            bh.consume(chunk);
        }
    }

    private void chatToResponses(List<ChatCompletionChunk> chunks, Blackhole bh) {
        ChatToResponsesStream stream = translator.streamToResponses(null);
        for (ChatCompletionChunk chunk : chunks) {
            bh.consume(stream.onChunk(chunk));
        }
        bh.consume(stream.onEnd());
    }

    private void responsesToChat(List<ResponseStreamEvent> events, Blackhole bh) {
        ResponsesToChatStream stream = translator.streamToChat(true, e -> { });
        for (ResponseStreamEvent event : events) {
            bh.consume(stream.onEvent(event));
        }
        bh.consume(stream.onEnd());
    }
}
