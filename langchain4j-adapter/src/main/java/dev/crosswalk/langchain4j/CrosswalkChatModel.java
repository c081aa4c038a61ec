package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Set;

/**
 * A LangChain4j {@link ChatModel} for any OpenAI-style endpoint, whichever protocol it speaks: Chat Completions or
 * Responses ({@link WireApi}). Built like LangChain4j's {@code OpenAiChatModel}; tools, structured output, memory
 * and listeners work the same over both wires.
 *
 * <pre>{@code
 * ChatModel model = CrosswalkChatModel.builder()
 *         .baseUrl("https://api.openai.com/v1")
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .wireApi(WireApi.RESPONSES)
 *         .modelName("gpt-5-mini")
 *         .build();
 *
 * String answer = model.chat("Say hello");
 * }</pre>
 *
 * <p>Failures are {@code dev.langchain4j.exception} types (authentication, model not found, rate limit, invalid
 * request, internal server, timeout, content filtered, unsupported feature for fields the wire cannot carry);
 * rate limits, 5xx and timeouts are retried {@code maxRetries} times.
 */
public class CrosswalkChatModel implements ChatModel {

    private final ModelConfig config;

    private CrosswalkChatModel(Builder builder) {
        this.config = builder.config();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        CrosswalkChatRequestParameters parameters = config.parameters(chatRequest.parameters());
        WireMapper mapper = config.mapper(parameters);
        WireRequest wire = mapper.request(chatRequest, parameters, false);
        HttpTransport transport = config.transport();
        HttpRequest request = transport.request(wire.wire(), wire.body(), false);
        return Retries.call(() -> mapper.answer(transport.execute(request), wire), config.maxRetries(), transport.headers());
    }

    @Override
    public CrosswalkChatRequestParameters defaultRequestParameters() {
        return config.defaults();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return config.listeners();
    }

    /** {@link ModelProvider#OTHER}: the endpoint may be OpenAI, a gateway or a self-hosted server. */
    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /** Structured output with a JSON schema: {@code response_format} on Chat, {@code text.format} on Responses. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** Builds a {@link CrosswalkChatModel}; see {@link CrosswalkModelBuilder} for the settings. */
    public static class Builder extends CrosswalkModelBuilder<Builder> {
        public CrosswalkChatModel build() {
            return new CrosswalkChatModel(this);
        }
    }
}
