package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.ReadmeSnippets;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import static dev.crosswalk.langchain4j.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every snippet of the README's LangChain4j section lives here, between {@code tag::} and {@code end::} comments,
 * compiled and run (models built as shown; calls made against a local endpoint); the README must show each one
 * exactly (see {@link #readmeShowsTheSnippets}).
 */
class ReadmeSnippetsTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private static final String SECTION = "## Quick start: LangChain4j";
    private static final String PREFIX = "langchain4j/";

    private final FakeOpenAi server = kit.upstream();

    static final class WeatherTools {
        @Tool("Current temperature in a city, in Celsius")
        int temperature(String city) {
            return 18;
        }
    }

    @Test
    void models() {
        // tag::models[]
        // A Chat Completions endpoint (OpenAI, DeepSeek, vLLM, Ollama, a gateway ...)
        ChatModel chat = CrosswalkChatModel.builder()
                .baseUrl("https://api.deepseek.com/v1")
                .apiKey(System.getenv("DEEPSEEK_API_KEY"))
                .wireApi(WireApi.CHAT_COMPLETIONS)          // POST {baseUrl}/chat/completions (the default)
                .modelName("deepseek-chat")
                .build();

        // A Responses endpoint (OpenAI's *-pro and *-codex models are Responses-only)
        StreamingChatModel responses = CrosswalkStreamingChatModel.builder()
                .baseUrl("https://api.openai.com/v1")
                .apiKey(System.getenv("OPENAI_API_KEY"))
                .wireApi(WireApi.RESPONSES)                 // POST {baseUrl}/responses
                .modelName("gpt-5-mini")
                .reasoningEffort("low")
                .reasoningSummary("auto")
                .returnThinking(true)                       // reasoning -> AiMessage.thinking() and onPartialThinking
                .build();
        // end::models[]

        assertThat(chat.defaultRequestParameters().modelName()).isEqualTo("deepseek-chat");
        assertThat(((CrosswalkChatRequestParameters) responses.defaultRequestParameters()).wireApi())
                .isEqualTo(WireApi.RESPONSES);
        assertThat(((CrosswalkChatRequestParameters) responses.defaultRequestParameters()).reasoningSummary())
                .isEqualTo("auto");
    }

    @Test
    void aiServices() throws Exception {
        ChatModel chat = TestModels.chat(server, WireApi.CHAT_COMPLETIONS).build();
        StreamingChatModel responses = TestModels.streaming(server, WireApi.RESPONSES).build();

        // tag::ai-services[]
        interface Assistant {
            String chat(String message);
            TokenStream stream(String message);
        }

        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(chat)
                .streamingChatModel(responses)
                .tools(new WeatherTools())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(20))
                .build();
        // end::ai-services[]

        server.enqueue(reply(WireApi.CHAT_COMPLETIONS, Turn.text("Bonjour", " !"), false),
                reply(WireApi.RESPONSES, Turn.text("Once", " upon", " a time"), true));
        assertThat(assistant.chat("Say hello in French")).isEqualTo("Bonjour !");
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        assistant.stream("Tell a story").onPartialResponse(p -> { }).onCompleteResponse(done::complete)
                .onError(done::completeExceptionally).start();
        assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Once upon a time");
        assertThat(server.request(0).path()).isEqualTo("/v1/chat/completions");
        assertThat(server.request(1).path()).isEqualTo("/v1/responses");
        assertThat(server.body(0)).containsKey("tools");
    }

    @Test
    void previousResponseId() {
        ChatModel chat = TestModels.chat(server, WireApi.CHAT_COMPLETIONS).build();
        server.enqueue(reply(WireApi.RESPONSES, Turn.text("Hello Ada."), false),
                reply(WireApi.RESPONSES, Turn.text("Ada."), false));

        // tag::previous-response-id[]
        ChatResponse first = chat.chat(ChatRequest.builder()
                .messages(UserMessage.from("My name is Ada."))
                .parameters(CrosswalkChatRequestParameters.builder()
                        .wireApi(WireApi.RESPONSES)
                        .store(true)                                 // so that the next turn can chain on it
                        .build())
                .build());
        ChatResponse r = chat.chat(ChatRequest.builder()
                .messages(UserMessage.from("What is my name?"))
                .parameters(CrosswalkChatRequestParameters.builder()
                        .wireApi(WireApi.RESPONSES)
                        .previousResponseId(first.metadata().id())   // resp_... on the Responses wire
                        .build())
                .build());
        CrosswalkChatResponseMetadata metadata = (CrosswalkChatResponseMetadata) r.metadata();
        metadata.tokenUsage().cachedInputTokens();   // also reasoningTokens()
        metadata.warnings();                         // what the translation dropped, "path: reason"
        // end::previous-response-id[]

        assertThat(r.aiMessage().text()).isEqualTo("Ada.");
        assertThat(server.body(0)).containsEntry("store", true);
        assertThat(server.body(1)).containsEntry("previous_response_id", "resp_0a1b2c");
        assertThat(metadata.tokenUsage().cachedInputTokens()).isNotNull();
    }

    // ---------------------------------------------------------------- the README shows exactly these snippets

    @Test
    void readmeShowsTheSnippets() throws IOException {
        ReadmeSnippets.check(Path.of("..", "README.md"), SECTION, PREFIX, ReadmeSnippets.testSource(getClass()),
                ReadmeSnippets.regionsOf(getClass()));
    }
}
