package dev.crosswalk.benchmarks;

import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
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

/** Translating parsed records: requests of three sizes both ways, and a non-streaming response both ways. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestTranslationBenchmark {
    @Param({"small", "medium", "large"})
    public String size;

    private Translator translator;
    private ChatCompletionRequest chat;
    private ResponsesRequest responses;
    private ChatCompletion completion;
    private Response response;

    @Setup
    public void setUp() {
        translator = Fixtures.translator(JsonCodec.jackson3());
        chat = Fixtures.chatRequest(size);
        responses = translator.toResponses(chat).value();
        completion = Fixtures.chatCompletion();
        response = translator.toResponses(completion, responses).value();
    }

    @Benchmark
    public ResponsesRequest requestChatToResponses() {
        return translator.toResponses(chat).value();
    }

    @Benchmark
    public ChatCompletionRequest requestResponsesToChat() {
        return translator.toChat(responses).value();
    }

    /** Independent of {@link #size}: the same completion each time (JMH runs it once per size; compare any one). */
    @Benchmark
    public Response responseChatToResponses() {
        return translator.toResponses(completion, responses).value();
    }

    @Benchmark
    public ChatCompletion responseResponsesToChat() {
        return translator.toChat(response).value();
    }
}
