package dev.crosswalk.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.List;

/**
 * A model's resolved settings, shared by the blocking and the streaming model.
 *
 * @param defaults the default request parameters, wire API always set
 * @param transport HTTP to the endpoint
 * @param maxRetries retries of retriable failures
 * @param returnThinking put reasoning into {@code AiMessage.thinking()}
 * @param sendThinking send earlier turns' thinking back
 * @param listeners the chat model listeners
 */
record ModelConfig(
        CrosswalkChatRequestParameters defaults,
        HttpTransport transport,
        int maxRetries,
        boolean returnThinking,
        boolean sendThinking,
        List<ChatModelListener> listeners) {

    ModelConfig {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
    }

    /** The request's parameters as Crosswalk parameters, whatever type LangChain4j handed over. */
    CrosswalkChatRequestParameters parameters(ChatRequestParameters given) {
        if (given instanceof CrosswalkChatRequestParameters p && p.wireApi() != null) {
            return p;
        }
        return defaults.overrideWith(given);
    }

    /** A mapper for one request's wire. */
    WireMapper mapper(CrosswalkChatRequestParameters parameters) {
        return new WireMapper(parameters.wireApi(), returnThinking, sendThinking);
    }
}
