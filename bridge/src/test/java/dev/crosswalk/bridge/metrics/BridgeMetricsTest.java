package dev.crosswalk.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tag values from client text stay bounded and never carry a key. */
class BridgeMetricsTest {

    @Test
    void modelNamesAreKeptOnlyWhenTheyLookLikeModelNamesAndUnderTheCap() {
        try (BridgeMetrics metrics = BridgeMetrics.create()) {
            assertThat(metrics.model("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
            assertThat(metrics.model("Qwen/Qwen3-Coder-30B-A3B-Instruct")).isEqualTo("Qwen/Qwen3-Coder-30B-A3B-Instruct");
            assertThat(metrics.model("qwen3-coder:30b")).isEqualTo("qwen3-coder:30b");
            assertThat(metrics.model(null)).isEqualTo("-");
            assertThat(metrics.model("two words")).isEqualTo("other");
            assertThat(metrics.model("line\nbreak")).isEqualTo("other");
            assertThat(metrics.model("sk-proj-" + "a1B2c3D4e5F6g7H8i9J0".repeat(3))).isEqualTo("other");
            for (int i = 0; i < BridgeMetrics.MAX_MODELS; i++) {
                metrics.model("m-" + i);
            }
            assertThat(metrics.model("one-too-many")).isEqualTo("other");
            assertThat(metrics.model("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
        }
    }

    @Test
    void fieldPathsLoseTheirIndexes() {
        try (BridgeMetrics metrics = BridgeMetrics.create()) {
            assertThat(metrics.field("$.input[3].content[12].foo")).isEqualTo("$.input[].content[].foo");
            assertThat(metrics.field("$.metadata.sk-proj-" + "a1B2c3D4e5F6g7H8i9J0".repeat(3))).isEqualTo("other");
            assertThat(metrics.field(null)).isEqualTo("-");
        }
    }
}
