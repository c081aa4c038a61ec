package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Set;

/**
 * A LangChain4j {@link StreamingChatModel} for any OpenAI-style endpoint, over Chat Completions chunks or Responses
 * events ({@link WireApi}). Text goes to {@code onPartialResponse}, reasoning (with {@code returnThinking}) to
 * {@code onPartialThinking}, argument fragments to {@code onPartialToolCall}, each finished call to
 * {@code onCompleteToolCall}, and the whole answer to {@code onCompleteResponse}; a failure reaches
 * {@code onError} exactly once. Cancelling through the handle in any callback's context closes the HTTP stream.
 *
 * <pre>{@code
 * StreamingChatModel model = CrosswalkStreamingChatModel.builder()
 *         .baseUrl("https://gateway.example/v1")
 *         .apiKey(key)
 *         .wireApi(WireApi.CHAT_COMPLETIONS)
 *         .modelName("deepseek-reasoner")
 *         .returnThinking(true)
 *         .build();
 *
 * model.chat("Why is the sky blue?", new StreamingChatResponseHandler() {
 *     public void onPartialResponse(String text) { ui.append(text); }
 *     public void onCompleteResponse(ChatResponse response) { done.complete(response); }
 *     public void onError(Throwable error) { done.completeExceptionally(error); }
 * });
 * }</pre>
 */
public class CrosswalkStreamingChatModel implements StreamingChatModel {

    private final ModelConfig config;

    private CrosswalkStreamingChatModel(Builder builder) {
        this.config = builder.config();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        HttpTransport transport = config.transport();
        WireMapper mapper;
        WireRequest wire;
        try {
            CrosswalkChatRequestParameters parameters = config.parameters(chatRequest.parameters());
            mapper = config.mapper(parameters);
            wire = mapper.request(chatRequest, parameters, true);
        } catch (RuntimeException e) {
            // Streaming reports every failure through the handler, a request that cannot be sent included.
            handler.onError(Errors.map(e, transport.headers()));
            return;
        }
        HttpRequest request = transport.request(wire.wire(), wire.body(), true);
        new StreamSession(transport, request, mapper, wire.warnings(), wire.sent(), handler, config.maxRetries()).start();
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

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** Builds a {@link CrosswalkStreamingChatModel}; see {@link CrosswalkModelBuilder} for the settings. */
    public static class Builder extends CrosswalkModelBuilder<Builder> {
        public CrosswalkStreamingChatModel build() {
            return new CrosswalkStreamingChatModel(this);
        }
    }
}
