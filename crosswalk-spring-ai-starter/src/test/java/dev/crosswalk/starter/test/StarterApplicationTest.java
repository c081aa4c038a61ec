package dev.crosswalk.starter.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.springai.CrosswalkChatModel;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter alone is the whole setup: a Boot application whose only dependency is the starter, configured by
 * properties, answers through the testkit's fake upstream on loopback speaking either protocol.
 */
class StarterApplicationTest {

    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    private FakeOpenAi upstream;

    @BeforeEach
    void startUpstream() {
        upstream = kit.upstream();
        upstream.enqueue(FakeOpenAi.CHAT, Reply.json("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1741476542,"model":"fake-chat-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}"""));
        upstream.enqueue(FakeOpenAi.RESPONSES, Reply.json("""
                {"id":"resp_1","object":"response","created_at":1741476542,"status":"completed",
                 "model":"fake-responses-model","output":[{"type":"message","id":"msg_1","status":"completed",
                 "role":"assistant","content":[{"type":"output_text","text":"Lyon","annotations":[]}]}],
                 "usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":1,
                 "output_tokens_details":{"reasoning_tokens":0},"total_tokens":13}}"""));
    }

    @Test
    void chatCompletionsEndpoint() {
        try (ConfigurableApplicationContext context = start("spring.ai.crosswalk.chat.model=fake-chat-model")) {
            assertThat(context.getBean(ChatModel.class)).isInstanceOf(CrosswalkChatModel.class);

            String answer = context.getBean(ChatClient.class).prompt("Capital of France?").call().content();

            assertThat(answer).isEqualTo("Paris");
            FakeOpenAi.Recorded request = single();
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.header("Authorization")).isEqualTo("Bearer starter-test-key");
            assertThat(request.json()).containsEntry("model", "fake-chat-model");
            assertThat(request.json().get("messages")).isEqualTo(List.of(
                    Map.of("role", "system", "content", "Answer in one word."),
                    Map.of("role", "user", "content", "Capital of France?")));
        }
    }

    @Test
    void responsesEndpoint() {
        try (ConfigurableApplicationContext context = start("spring.ai.crosswalk.chat.model=fake-responses-model",
                "spring.ai.crosswalk.chat.wire-api=responses")) {
            String answer = context.getBean(ChatClient.class).prompt("Third city of France?").call().content();

            assertThat(answer).isEqualTo("Lyon");
            FakeOpenAi.Recorded request = single();
            assertThat(request.path()).isEqualTo("/v1/responses");
            assertThat(request.header("Authorization")).isEqualTo("Bearer starter-test-key");
            assertThat(request.json()).containsEntry("model", "fake-responses-model").doesNotContainKey("messages");
            assertThat(String.valueOf(request.json().get("input")))
                    .contains("Third city of France?")
                    .contains("Answer in one word.");
        }
    }

    private ConfigurableApplicationContext start(String... properties) {
        String baseUrl = upstream.origin();
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

    private FakeOpenAi.Recorded single() {
        assertThat(upstream.requests()).hasSize(1);
        return upstream.request(0);
    }
}
