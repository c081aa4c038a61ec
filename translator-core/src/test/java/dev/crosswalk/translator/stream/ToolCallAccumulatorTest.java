package dev.crosswalk.translator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallAccumulatorTest {

    private static ChunkToolCall fragment(Integer index, String id, String name, String arguments) {
        return new ChunkToolCall(index, id, id == null ? null : "function", new ChunkFunction(name, arguments, Map.of()), Map.of());
    }

    @Test
    void indexedFragmentsInterleave() {
        ToolCallAccumulator calls = new ToolCallAccumulator();
        calls.add(fragment(0, "call_a", "f", "{\"x\""));
        calls.add(fragment(1, "call_b", "g", "{"));
        calls.add(fragment(0, "", null, ":1}"));
        calls.add(fragment(1, null, "", "}"));
        assertThat(calls.calls()).extracting(ToolCallAccumulator.Call::id, ToolCallAccumulator.Call::name, ToolCallAccumulator.Call::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call_a", "f", "{\"x\":1}"),
                        org.assertj.core.groups.Tuple.tuple("call_b", "g", "{}"));
    }

    @Test
    void withoutIndexAFragmentFollowsTheLastCallUnlessItBringsANewId() {
        ToolCallAccumulator calls = new ToolCallAccumulator();
        calls.add(fragment(null, "call_a", "f", "{\"x\":"));
        calls.add(fragment(null, null, null, "1}"));
        calls.add(fragment(null, "call_a", null, ""));
        calls.add(fragment(null, "call_b", "g", "{}"));
        assertThat(calls.calls()).hasSize(2);
        assertThat(calls.calls().get(0).arguments()).isEqualTo("{\"x\":1}");
        assertThat(calls.calls().get(1).index()).isEqualTo(1);
        assertThat(calls.calls().get(1).name()).isEqualTo("g");
    }

    @Test
    void aCustomToolCallsInputIsItsArguments() {
        ToolCallAccumulator calls = new ToolCallAccumulator();
        calls.add(new ChunkToolCall(0, "call_c", "custom", null, Map.of("custom", Map.of("name", "apply_patch", "input", "*** Begin"))));
        calls.add(new ChunkToolCall(0, null, null, null, Map.of("custom", Map.of("input", " Patch"))));
        assertThat(calls.calls()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("custom");
            assertThat(c.name()).isEqualTo("apply_patch");
            assertThat(c.arguments()).isEqualTo("*** Begin Patch");
        });
    }
}
