package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The alias rewrite of a passed-through answer (bridge {@code http.ModelRewrite}, issue 16): what an aliased route
 * adds to every byte of every answer, against two baselines over the same bytes in the same run. In the benchmarks
 * module but in the bridge's package, because the rewrite is the bridge's own (package-private) code, measured as the
 * bridge runs it, not a copy of it.
 *
 * <p>Each invocation passes one whole answer, split into the buffers a socket hands over (one per SSE event, as the
 * load run's paced upstream sends them), through:
 * <ul>
 *   <li>{@code rewrite}: {@code ModelRewrite.feed} on each buffer (a fresh rewrite per answer, as per request);</li>
 *   <li>{@code redactor}: the stream redactor's check on each buffer ({@code Redactor.Stream.passesUnchanged}, else
 *       {@code feed}), which every passed-through byte pays, aliased or not — the baseline the rewrite is compared to;</li>
 *   <li>{@code copy}: a plain copy of each buffer (what {@code ByteBufUtil.getBytes} does per buffer before either);</li>
 *   <li>{@code rewriteAndRedactor}: both, in the bridge's order — the aliased pass-through's byte path.</li>
 * </ul>
 * Scores are ns per answer; {@link #bytes} (printed at setup) turns them into ns per byte.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ModelRewriteBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ModelRewriteBenchmark {
    /** The upstream model the route renames; the answers carry it, the client gets {@link #ALIAS}. */
    static final String UPSTREAM_MODEL = "gpt-4o-mini-2024-07-18";
    static final String ALIAS = "gpt-4o-mini";
    private static final String KEY = "sk-load-test-0000";

    /** {@code chat}: a Chat Completions stream (44 chunks); {@code responses}: a Responses stream (48 events). */
    @Param({"chat", "responses"})
    public String stream;

    private List<byte[]> buffers;
    int bytes;
    private Redactor redactor;

    @Setup
    public void setup() {
        buffers = stream.equals("chat") ? chatStream(40) : responsesStream(40);
        bytes = buffers.stream().mapToInt(b -> b.length).sum();
        redactor = Redactor.of(KEY);
        // The rows must measure the rewrite doing its work: every model value renamed, nothing else touched.
        ModelRewrite rewrite = ModelRewrite.of(ALIAS, true);
        StringBuilder in = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (byte[] b : buffers) {
            in.append(new String(b, StandardCharsets.UTF_8));
            out.append(new String(rewrite.feed(b), StandardCharsets.UTF_8));
        }
        String expected = in.toString().replace("\"model\":\"" + UPSTREAM_MODEL + "\"", "\"model\":\"" + ALIAS + "\"");
        if (expected.equals(in.toString()) || !expected.equals(out.toString())) {
            throw new IllegalStateException("the rewrite did not rename exactly the model values of the " + stream + " stream");
        }
        System.out.printf("%n%s stream: %d buffers, %d bytes%n", stream, buffers.size(), bytes);
    }

    @Benchmark
    public void copy(Blackhole bh) {
        for (byte[] b : buffers) {
            bh.consume(b.clone());
        }
    }

    @Benchmark
    public void redactor(Blackhole bh) {
        Redactor.Stream clean = redactor.stream(true);
        for (byte[] b : buffers) {
            bh.consume(clean.passesUnchanged(b, 0, b.length) ? b : clean.feed(b));
        }
        bh.consume(clean.finish());
    }

    @Benchmark
    public void rewrite(Blackhole bh) {
        ModelRewrite rewrite = ModelRewrite.of(ALIAS, true);
        for (byte[] b : buffers) {
            bh.consume(rewrite.feed(b));
        }
        bh.consume(rewrite.replaced());
    }

    @Benchmark
    public void rewriteAndRedactor(Blackhole bh) {
        ModelRewrite rewrite = ModelRewrite.of(ALIAS, true);
        Redactor.Stream clean = redactor.stream(true);
        for (byte[] b : buffers) {
            byte[] out = rewrite.feed(b);
            bh.consume(clean.passesUnchanged(out, 0, out.length) ? out : clean.feed(out));
        }
        bh.consume(clean.finish());
    }

    /** A live-shaped Chat Completions stream, one buffer per event, as the load run's fake upstream sends it. */
    static List<byte[]> chatStream(int chunks) {
        String head = "{\"id\":\"chatcmpl-load1\",\"object\":\"chat.completion.chunk\",\"created\":1764800000,\"model\":\"" + UPSTREAM_MODEL
                + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_load0000\",\"choices\":[";
        List<String> data = new ArrayList<>();
        data.add(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,"
                + "\"finish_reason\":null}],\"usage\":null}");
        for (int i = 0; i < chunks; i++) {
            data.add(head + "{\"index\":0,\"delta\":{\"content\":\"" + word(i) + "\"},\"logprobs\":null,\"finish_reason\":null}],"
                    + "\"usage\":null}");
        }
        data.add(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}");
        data.add(head + "],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":" + chunks + ",\"total_tokens\":" + (31 + chunks)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}");
        data.add("[DONE]");
        List<byte[]> out = new ArrayList<>();
        for (String d : data) {
            out.add(("data: " + d + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * A live-shaped Responses stream: the snapshots ({@code response.created}, {@code .in_progress}, {@code .completed})
     * carry {@code response.model}, the rest do not.
     */
    static List<byte[]> responsesStream(int deltas) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < deltas; i++) {
            text.append(word(i));
        }
        String id = "resp_68a1b2c3d4e5f60718293a4b5c6d7e8f";
        String item = "msg_68a1b2c3d4e5f60718293a4b5c6d7e90";
        List<String[]> events = new ArrayList<>();
        events.add(new String[] {"response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + snapshot(id, "in_progress", "[]", "null") + "}"});
        events.add(new String[] {"response.in_progress", "{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":" + snapshot(id, "in_progress", "[]", "null") + "}"});
        events.add(new String[] {"response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,"
                + "\"item\":{\"id\":\"" + item + "\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}"});
        events.add(new String[] {"response.content_part.added", "{\"type\":\"response.content_part.added\",\"sequence_number\":3,\"item_id\":\""
                + item + "\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}"});
        int seq = 4;
        for (int i = 0; i < deltas; i++) {
            events.add(new String[] {"response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":" + seq++
                    + ",\"item_id\":\"" + item + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + word(i) + "\",\"logprobs\":[],"
                    + "\"obfuscation\":\"x1Yz\"}"});
        }
        String message = "{\"id\":\"" + item + "\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\","
                + "\"annotations\":[],\"logprobs\":[],\"text\":\"" + text + "\"}],\"role\":\"assistant\"}";
        events.add(new String[] {"response.output_text.done", "{\"type\":\"response.output_text.done\",\"sequence_number\":" + seq++
                + ",\"item_id\":\"" + item + "\",\"output_index\":0,\"content_index\":0,\"text\":\"" + text + "\",\"logprobs\":[]}"});
        events.add(new String[] {"response.content_part.done", "{\"type\":\"response.content_part.done\",\"sequence_number\":" + seq++
                + ",\"item_id\":\"" + item + "\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"annotations\":[],"
                + "\"logprobs\":[],\"text\":\"" + text + "\"}}"});
        events.add(new String[] {"response.output_item.done", "{\"type\":\"response.output_item.done\",\"sequence_number\":" + seq++
                + ",\"output_index\":0,\"item\":" + message + "}"});
        events.add(new String[] {"response.completed", "{\"type\":\"response.completed\",\"sequence_number\":" + seq
                + ",\"response\":" + snapshot(id, "completed", "[" + message + "]", "{\"input_tokens\":31,\"input_tokens_details\":"
                + "{\"cached_tokens\":0},\"output_tokens\":" + deltas + ",\"output_tokens_details\":{\"reasoning_tokens\":0},"
                + "\"total_tokens\":" + (31 + deltas) + "}") + "}"});
        List<byte[]> out = new ArrayList<>();
        for (String[] e : events) {
            out.add(("event: " + e[0] + "\ndata: " + e[1] + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String snapshot(String id, String status, String output, String usage) {
        return "{\"id\":\"" + id + "\",\"object\":\"response\",\"created_at\":1764800000,\"status\":\"" + status + "\","
                + "\"background\":false,\"error\":null,\"incomplete_details\":null,\"instructions\":\"You are a concise assistant.\","
                + "\"max_output_tokens\":null,\"max_tool_calls\":null,\"model\":\"" + UPSTREAM_MODEL + "\",\"output\":" + output + ","
                + "\"parallel_tool_calls\":true,\"previous_response_id\":null,\"prompt_cache_key\":null,\"reasoning\":{\"effort\":null,"
                + "\"summary\":null},\"safety_identifier\":null,\"service_tier\":\"default\",\"store\":true,\"temperature\":0.7,"
                + "\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"},\"tool_choice\":\"auto\",\"tools\":[],"
                + "\"top_logprobs\":0,\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":" + usage + ",\"user\":null,\"metadata\":{}}";
    }

    private static String word(int i) {
        String[] words = {"A", " crosswalk", " gives", " people", " on", " foot", " a", " marked,", " predictable", " place"};
        return words[i % words.length];
    }
}
