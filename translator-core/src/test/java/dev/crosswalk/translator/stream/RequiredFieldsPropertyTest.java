package dev.crosswalk.translator.stream;

import static dev.crosswalk.translator.stream.StreamTestKit.CODECS;
import static dev.crosswalk.translator.stream.StreamTestKit.chatJsonToResponses;
import static dev.crosswalk.translator.stream.StreamTestKit.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: every Response snapshot a translated stream emits ({@code response.created}, {@code in_progress},
 * {@code completed}, {@code incomplete}, {@code failed}) has every key the Open Responses {@code ResponseResource}
 * schema requires, with a non-null value where the schema does not allow null — whatever the request left out,
 * whether the stream finishes or is cut. The key list is written from the specification, not from the code; the
 * SDK-side check of the same events is {@code StreamOracleTest} (with the oracle's documented allow-list).
 */
class RequiredFieldsPropertyTest {
    static final int SEEDS = 200;

    /** ResponseResource's required keys (Open Responses specification). */
    static final Set<String> REQUIRED = Set.of("id", "object", "created_at", "completed_at", "status", "incomplete_details",
            "model", "previous_response_id", "instructions", "output", "error", "tools", "tool_choice", "truncation",
            "parallel_tool_calls", "text", "top_p", "presence_penalty", "frequency_penalty", "top_logprobs", "temperature",
            "reasoning", "usage", "max_output_tokens", "max_tool_calls", "store", "background", "service_tier", "metadata",
            "safety_identifier", "prompt_cache_key");
    /** Those of them whose schema type does not include null. */
    static final Set<String> NOT_NULL = Set.of("id", "object", "created_at", "status", "model", "output", "tools", "tool_choice",
            "truncation", "parallel_tool_calls", "text", "top_p", "presence_penalty", "frequency_penalty", "top_logprobs",
            "temperature", "store", "background", "service_tier");

    @Test
    void everyResponseSnapshotHasEveryRequiredKey() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            TurnGenerator.Turn t = TurnGenerator.turn(seed, r);
            TurnGenerator.ChatRendering cr = TurnGenerator.chatChunks(t, r);
            ResponsesRequest request = randomRequest(t.model(), r);
            int cut = r.nextBoolean() ? cr.chunks().size() : r.nextInt(cr.finishIndex() + 1);
            for (JsonCodec codec : CODECS) {
                List<String> chunks = new ArrayList<>();
                cr.chunks().subList(0, cut).forEach(c -> chunks.add(codec.write(c)));
                StreamTestKit.ResponsesRun run = chatJsonToResponses(options(codec, r.nextBoolean()), request, chunks, true);
                String ctx = "seed " + seed + " cut=" + cut + " request=" + codec.write(request) + " codec=" + codec.name();
                assertThat(run.trees()).as(ctx).isNotEmpty();
                for (Map<String, Object> event : run.trees()) {
                    if (event.get("response") instanceof Map<?, ?> response) {
                        check(ctx + " " + event.get("type"), response);
                    }
                }
            }
        }
    }

    private static void check(String ctx, Map<?, ?> response) {
        for (String key : REQUIRED) {
            assertThat(response.containsKey(key)).as(ctx + ": required key " + key).isTrue();
        }
        for (String key : NOT_NULL) {
            assertThat(response.get(key)).as(ctx + ": " + key).isNotNull();
        }
        assertThat(response.get("truncation")).as(ctx).isIn("auto", "disabled");
    }

    /** A request that sets a random subset of the echoed fields (most requests set few). */
    private static ResponsesRequest randomRequest(String model, Random r) {
        ResponsesRequest.Builder b = ResponsesRequest.builder().model(model);
        if (r.nextInt(4) == 0) {
            b.temperature(r.nextDouble() * 2);
        }
        if (r.nextInt(4) == 0) {
            b.topP(r.nextDouble());
        }
        if (r.nextInt(4) == 0) {
            b.store(r.nextBoolean());
        }
        if (r.nextInt(4) == 0) {
            b.truncation(r.nextBoolean() ? "auto" : "disabled");
        }
        if (r.nextInt(4) == 0) {
            b.instructions("Be brief.");
        }
        if (r.nextInt(4) == 0) {
            b.maxOutputTokens(16 + r.nextInt(1000));
        }
        if (r.nextInt(4) == 0) {
            b.promptCacheKey("pck-" + r.nextInt(100));
        }
        return r.nextInt(8) == 0 ? null : b.build();
    }
}
