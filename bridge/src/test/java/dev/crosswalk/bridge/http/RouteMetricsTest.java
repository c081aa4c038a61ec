package dev.crosswalk.bridge.http;

import static dev.crosswalk.bridge.http.RoutedBridges.eventually;
import static dev.crosswalk.bridge.http.RoutedBridges.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} after a known workload on a fresh bridge: request counts and histogram buckets by route,
 * upstream, protocol and status; token counters from the answers' usage; fallbacks, upstream errors, translation
 * problems; and no key in any of it.
 */
class RouteMetricsTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static FakeOpenAi chat;
    static FakeOpenAi responses;
    static BridgeServer bridge;
    static TestClient client;
    static String scrape;

    @BeforeAll
    static void workload() {
        chat = kit.chatModel();
        responses = kit.responsesModel();
        bridge = RoutedBridges.start("""
                upstreams:
                  - {name: chatty, url: %s, api: chat}
                  - {name: resp, url: %s, api: responses}
                  - {name: resp-lenient, url: %s, api: responses, translation: {lenient: true}}
                routes:
                  - {model: fast, upstream: chatty, upstreamModel: deepseek-chat}
                  - {model: "gpt-*", upstream: resp}
                  - {model: "lenient-*", upstream: resp-lenient}
                  - model: flaky
                    upstream: chatty
                    upstreamModel: fault-500
                    fallbacks: [{upstream: resp, upstreamModel: rescued}]
                """.formatted(chat.baseUrl(), responses.baseUrl(), responses.baseUrl()));
        client = TestClient.of(bridge, kit);
        // 2 Chat requests passed through to the Chat upstream: usage 10 in, 9 out each.
        for (int i = 0; i < 2; i++) {
            assertThat(client.post("/v1/chat/completions", RoutesTest.chatRequest("fast", false)).status()).isEqualTo(200);
        }
        // 3 Responses streams passed through to the Responses upstream: usage 12 in, 9 out each.
        for (int i = 0; i < 3; i++) {
            assertThat(client.stream("/v1/responses", RoutesTest.responsesRequest("gpt-4o", true)).status()).isEqualTo(200);
        }
        // 1 Chat request that falls back from the Chat upstream's 500 to the Responses upstream (translated).
        assertThat(client.post("/v1/chat/completions", RoutesTest.chatRequest("flaky", false)).status()).isEqualTo(200);
        // 1 Chat request with a field Responses has no room for, to the upstream whose translation is lenient: dropped
        // with a warning. The same field to the strict upstream is refused (n > 1 has no Responses form).
        Map<String, Object> warned = RoutesTest.chatRequest("lenient-x", false);
        warned.put("logit_bias", Map.of("1", 1));
        assertThat(client.post("/v1/chat/completions", warned).status()).isEqualTo(200);
        Map<String, Object> refused = RoutesTest.chatRequest("gpt-4o", false);
        refused.put("n", 3);
        assertThat(client.post("/v1/chat/completions", refused).status()).isEqualTo(400);
        // 1 unknown model.
        assertThat(client.post("/v1/chat/completions", RoutesTest.chatRequest("nope", false)).status()).isEqualTo(404);
        eventually(() -> {
            scrape = client.get("/metrics").body();
            assertThat(sample(scrape, "crosswalk_requests_seconds_count", Map.of("endpoint", "/v1/chat/completions"))).isEqualTo(6);
            assertThat(sample(scrape, "crosswalk_requests_seconds_count", Map.of("endpoint", "/v1/responses"))).isEqualTo(3);
            assertThat(sample(scrape, "crosswalk_streams_open", Map.of())).isZero();
        });
    }

    @AfterAll
    static void stop() {
        bridge.close();
        chat.close();
        responses.close();
    }

    @Test
    void requestsAreCountedByEndpointRouteUpstreamProtocolAndStatus() {
        assertThat(sample(scrape, "crosswalk_requests_seconds_count", Map.of("endpoint", "/v1/chat/completions", "route", "fast",
                "upstream", "chatty", "protocol", "chat>chat", "status", "200"))).isEqualTo(2);
        assertThat(sample(scrape, "crosswalk_requests_seconds_count", Map.of("endpoint", "/v1/responses", "route", "gpt-*",
                "upstream", "resp", "protocol", "responses>responses", "status", "200"))).isEqualTo(3);
        assertThat(sample(scrape, "crosswalk_requests_seconds_count", Map.of("route", "flaky", "upstream", "resp",
                "protocol", "chat>responses", "status", "200"))).isEqualTo(1);
        assertThat(sample(scrape, "crosswalk_requests_seconds_count", Map.of("route", "-", "status", "404"))).isEqualTo(1);
        assertThat(sample(scrape, "crosswalk_requests_seconds_count", Map.of("route", "gpt-*", "status", "400"))).isEqualTo(1);
    }

    @Test
    void durationsAndTimeToFirstByteAreHistograms() {
        Map<String, String> fast = Map.of("route", "fast", "status", "200");
        // Cumulative buckets: every request is below +Inf and below 300 s; the sum is positive.
        assertThat(sample(scrape, "crosswalk_requests_seconds_bucket", with(fast, "le", "+Inf"))).isEqualTo(2);
        assertThat(sample(scrape, "crosswalk_requests_seconds_bucket", with(fast, "le", "300.0"))).isEqualTo(2);
        assertThat(sample(scrape, "crosswalk_requests_seconds_bucket", with(fast, "le", "0.001")))
                .isLessThanOrEqualTo(sample(scrape, "crosswalk_requests_seconds_bucket", with(fast, "le", "0.5")));
        assertThat(sample(scrape, "crosswalk_requests_seconds_sum", fast)).isPositive();
        // The 3 streams and the refused request's error answer.
        assertThat(sample(scrape, "crosswalk_time_to_first_byte_seconds_count", Map.of("route", "gpt-*"))).isEqualTo(3 + 1);
        assertThat(sample(scrape, "crosswalk_time_to_first_byte_seconds_bucket", Map.of("route", "gpt-*", "le", "+Inf"))).isEqualTo(4);
    }

    @Test
    void tokensAreCountedByModelFromTheAnswersUsage() {
        assertThat(sample(scrape, "gen_ai_client_token_usage_sum", Map.of("gen_ai_request_model", "fast", "gen_ai_token_type", "input"))).isEqualTo(20);
        assertThat(sample(scrape, "gen_ai_client_token_usage_sum", Map.of("gen_ai_request_model", "fast", "gen_ai_token_type", "output"))).isEqualTo(18);
        assertThat(sample(scrape, "gen_ai_client_token_usage_count", Map.of("gen_ai_request_model", "fast", "gen_ai_token_type", "input"))).isEqualTo(2);
        assertThat(sample(scrape, "gen_ai_client_token_usage_sum", Map.of("gen_ai_request_model", "gpt-4o", "gen_ai_token_type", "input",
                "crosswalk_upstream", "resp"))).isEqualTo(3 * 12);
        assertThat(sample(scrape, "gen_ai_client_token_usage_sum", Map.of("gen_ai_request_model", "flaky", "gen_ai_token_type", "output"))).isEqualTo(9);
        assertThat(sample(scrape, "gen_ai_client_token_usage_bucket", Map.of("gen_ai_request_model", "fast", "gen_ai_token_type", "input",
                "le", "16.0"))).isEqualTo(2);
    }

    @Test
    void fallbacksUpstreamErrorsAndTranslationProblemsAreCounted() {
        assertThat(sample(scrape, "crosswalk_fallbacks_total", Map.of("route", "flaky", "from", "chatty", "to", "resp"))).isEqualTo(1);
        assertThat(sample(scrape, "crosswalk_upstream_errors_total", Map.of("upstream", "chatty", "kind", "status_500"))).isEqualTo(1);
        assertThat(sample(scrape, "crosswalk_upstream_errors_total", Map.of())).isEqualTo(1);
        assertThat(sample(scrape, "crosswalk_translation_problems_total", Map.of("kind", "rejection", "field", "$.n"))).isEqualTo(1);
        assertThat(sample(scrape, "crosswalk_translation_problems_total", Map.of("kind", "warning", "field", "$.logit_bias"))).isEqualTo(1);
    }

    @Test
    void theScrapeHoldsNoKeyNoBodyAndTheJvmsOwnMeters() {
        assertThat(scrape).doesNotContain("sk-client-test").doesNotContain("Hello").doesNotContain("Echo");
        assertThat(scrape).contains("jvm_memory_used_bytes").contains("# TYPE crosswalk_requests_seconds histogram");
        assertThat(sample(scrape, "crosswalk_store_entries", Map.of())).isZero();
    }

    @Test
    void metricsCanHaveTheirOwnPort() {
        try (BridgeServer separate = RoutedBridges.start("""
                upstreams: [{name: resp, url: %s, api: responses}]
                routes: [{model: "*", upstream: resp}]
                """.formatted(responses.baseUrl()), b -> b.metricsPort(0))) {
            assertThat(separate.metricsPort()).isNotEqualTo(separate.port());
            TestClient.Reply own = new TestClient("http://127.0.0.1:" + separate.metricsPort(), null).get("/metrics");
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.header("content-type")).startsWith("text/plain");
            assertThat(own.body()).contains("crosswalk_streams_open");
            assertThat(TestClient.of(separate, kit).get("/metrics").status()).isEqualTo(404);
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(labels);
        out.put(key, value);
        return out;
    }

}
