package dev.crosswalk.starter.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.crosswalk.springai.CrosswalkChatModel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter alone is the whole setup: a Boot application whose only dependency is the starter, configured by
 * properties, answers through a fake upstream on loopback speaking either protocol.
 */
class StarterApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Received(String path, String authorization, JsonNode body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer upstream;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/v1/chat/completions", exchange -> {
            record(exchange);
            reply(exchange, """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1741476542,"model":"fake-chat-model",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Paris"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}""");
        });
        upstream.createContext("/v1/responses", exchange -> {
            record(exchange);
            reply(exchange, """
                    {"id":"resp_1","object":"response","created_at":1741476542,"status":"completed",
                     "model":"fake-responses-model","output":[{"type":"message","id":"msg_1","status":"completed",
                     "role":"assistant","content":[{"type":"output_text","text":"Lyon","annotations":[]}]}],
                     "usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":1,
                     "output_tokens_details":{"reasoning_tokens":0},"total_tokens":13}}""");
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void chatCompletionsEndpoint() {
        try (ConfigurableApplicationContext context = start("spring.ai.crosswalk.chat.model=fake-chat-model")) {
            assertThat(context.getBean(ChatModel.class)).isInstanceOf(CrosswalkChatModel.class);

            String answer = context.getBean(ChatClient.class).prompt("Capital of France?").call().content();

            assertThat(answer).isEqualTo("Paris");
            Received request = single();
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.authorization()).isEqualTo("Bearer starter-test-key");
            assertThat(request.body().get("model").asString()).isEqualTo("fake-chat-model");
            JsonNode messages = request.body().get("messages");
            assertThat(messages.get(0).get("role").asString()).isEqualTo("system");
            assertThat(messages.get(0).get("content").asString()).isEqualTo("Answer in one word.");
            assertThat(messages.get(1).get("role").asString()).isEqualTo("user");
            assertThat(messages.get(1).get("content").asString()).isEqualTo("Capital of France?");
        }
    }

    @Test
    void responsesEndpoint() {
        try (ConfigurableApplicationContext context = start("spring.ai.crosswalk.chat.model=fake-responses-model",
                "spring.ai.crosswalk.chat.wire-api=responses")) {
            String answer = context.getBean(ChatClient.class).prompt("Third city of France?").call().content();

            assertThat(answer).isEqualTo("Lyon");
            Received request = single();
            assertThat(request.path()).isEqualTo("/v1/responses");
            assertThat(request.authorization()).isEqualTo("Bearer starter-test-key");
            assertThat(request.body().get("model").asString()).isEqualTo("fake-responses-model");
            assertThat(request.body().has("messages")).isFalse();
            assertThat(request.body().get("input").toString())
                    .contains("Third city of France?")
                    .contains("Answer in one word.");
        }
    }

    private ConfigurableApplicationContext start(String... properties) {
        String baseUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
        return new SpringApplicationBuilder(StarterApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.ai.model.chat", "crosswalk",
                        "spring.ai.crosswalk.base-url", baseUrl,
                        "spring.ai.crosswalk.api-key", "starter-test-key",
                        "spring.main.banner-mode", "off"))
                .run(argsOf(properties));
    }

    private static String[] argsOf(String... properties) {
        String[] args = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            args[i] = "--" + properties[i];
        }
        return args;
    }

    private Received single() {
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private void record(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(body)));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
