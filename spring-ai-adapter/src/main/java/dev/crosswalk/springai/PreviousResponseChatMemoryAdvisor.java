package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.ai.chat.client.ChatClientMessageAggregator;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.api.BaseAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.MemoryAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;

/**
 * Chat memory for the Responses wire that does not resend the conversation: each turn is stored upstream
 * ({@code store: true}) and the next one chains on it with {@code previous_response_id}, sending only its new
 * messages. The {@link ChatMemory} still records every turn, so that when the upstream has forgotten a response
 * (it answers {@code previous_response_not_found}: expired, deleted, another project's or another bridge's) the
 * turn is sent again with the whole history, and the chain starts over from its answer. A drop-in for Spring AI's
 * {@code MessageChatMemoryAdvisor}, with the same conversation id and order.
 *
 * <pre>{@code
 * ChatMemory memory = MessageWindowChatMemory.builder().build();
 * ChatClient chatClient = ChatClient.builder(crosswalkChatModel)          // on the Responses wire
 *         .defaultAdvisors(PreviousResponseChatMemoryAdvisor.builder(memory).build())
 *         .build();
 * chatClient.prompt("My name is Ada.")
 *         .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "user-42"))
 *         .call().content();
 * }</pre>
 *
 * <p>On the Chat Completions wire, or with another model's options, there is nothing to chain on: the advisor sends
 * the whole history, as {@code MessageChatMemoryAdvisor} does. System messages are sent with every turn (Responses
 * does not carry {@code instructions} over from a previous response) and are not kept in memory. The response id
 * lives in the memory, on each assistant message, under {@link #RESPONSE_ID}: a {@link ChatMemory} whose repository
 * keeps message metadata chains across application instances; one that drops it makes every turn a full-history
 * turn, which is slower but still correct.
 */
public final class PreviousResponseChatMemoryAdvisor implements CallAdvisor, StreamAdvisor, MemoryAdvisor {

    /** Metadata key, on an assistant message in memory, of the id of the stored response it came from. */
    public static final String RESPONSE_ID = "crosswalkResponseId";

    /** The error code of OpenAI's 400 answer to an unknown {@code previous_response_id}. */
    static final String PREVIOUS_RESPONSE_NOT_FOUND = "previous_response_not_found";

    private static final Logger log = LoggerFactory.getLogger(PreviousResponseChatMemoryAdvisor.class);

    private final ChatMemory chatMemory;
    private final @Nullable String defaultConversationId;
    private final int order;
    private final Scheduler scheduler;

    private PreviousResponseChatMemoryAdvisor(Builder b) {
        this.chatMemory = b.chatMemory;
        this.defaultConversationId = b.defaultConversationId;
        this.order = b.order;
        this.scheduler = b.scheduler;
    }

    /** A builder over {@code chatMemory}, which keeps each conversation's messages and its last response id. */
    public static Builder builder(ChatMemory chatMemory) {
        return new Builder(chatMemory);
    }

    @Override
    public String getName() {
        return "PreviousResponseChatMemoryAdvisor";
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        Turn turn = turn(request);
        ChatClientResponse response;
        if (turn.previousResponseId() != null) {
            try {
                response = chain.nextCall(turn.chained(request));
            } catch (RuntimeException e) {
                if (!isPreviousResponseNotFound(e)) {
                    throw e;
                }
                forgotten(turn);
                response = chain.copy(this).nextCall(turn.withHistory(request));
            }
        } else {
            response = chain.nextCall(turn.withHistory(request));
        }
        remember(turn, response.chatResponse());
        return response;
    }

    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        // Reading the memory may block (a JDBC repository): off the caller's thread, as Spring AI's advisors do.
        return Mono.fromCallable(() -> turn(request)).subscribeOn(scheduler).flatMapMany(turn -> {
            Flux<ChatClientResponse> responses;
            if (turn.previousResponseId() != null) {
                // A forgotten id fails the request before its first event: nothing has gone downstream yet.
                responses = chain.nextStream(turn.chained(request)).onErrorResume(
                        PreviousResponseChatMemoryAdvisor::isPreviousResponseNotFound, e -> {
                            forgotten(turn);
                            return chain.copy(this).nextStream(turn.withHistory(request));
                        });
            } else {
                responses = chain.nextStream(turn.withHistory(request));
            }
            return new ChatClientMessageAggregator().aggregateChatClientResponse(responses,
                    aggregated -> remember(turn, aggregated.chatResponse()));
        });
    }

    /** What this turn sends and what it will add to memory. */
    private Turn turn(ChatClientRequest request) {
        Object id = request.context().get(ChatMemory.CONVERSATION_ID);
        String conversationId = id != null ? id.toString() : defaultConversationId;
        // As Spring AI 2's memory advisors: a conversation must be named, never silently shared.
        Assert.state(conversationId != null, "conversationId cannot be null: set the " + ChatMemory.CONVERSATION_ID
                + " advisor parameter, or a default with the builder's conversationId(...)");
        List<Message> history = chatMemory.get(conversationId);
        ChatOptions options = request.prompt().getOptions();
        boolean chainable = options instanceof CrosswalkChatOptions own && own.getWireApi() == WireApi.RESPONSES;
        String previous = chainable ? lastResponseId(history) : null;
        List<Message> system = new ArrayList<>();
        List<Message> added = new ArrayList<>();
        for (Message m : request.prompt().getInstructions()) {
            (m instanceof SystemMessage ? system : added).add(m);
        }
        return new Turn(conversationId, history, system, added, chainable, previous);
    }

    /** The id on the last message of the history, if that is an assistant's answer that carries one. */
    private static @Nullable String lastResponseId(List<Message> history) {
        if (history.isEmpty() || !(history.get(history.size() - 1) instanceof AssistantMessage last)) {
            return null;
        }
        Object id = last.getMetadata().get(RESPONSE_ID);
        return id instanceof String s && !s.isBlank() ? s : null;
    }

    private void forgotten(Turn turn) {
        log.info("The upstream no longer has response {} of conversation {}: sending the turn with its history ({} "
                + "messages)", turn.previousResponseId(), turn.conversationId(), turn.history().size());
    }

    /** The turn's new messages and the answer, which carries the id the next turn chains on. */
    private void remember(Turn turn, @Nullable ChatResponse response) {
        if (response == null) {
            return;
        }
        List<Message> messages = new ArrayList<>(turn.added());
        String responseId = turn.chainable() && response.getMetadata() != null ? response.getMetadata().getId()
                : null;
        for (Generation generation : response.getResults()) {
            AssistantMessage answer = generation.getOutput();
            if (responseId != null && !responseId.isBlank()) {
                Map<String, Object> metadata = new LinkedHashMap<>(answer.getMetadata());
                metadata.put(RESPONSE_ID, responseId);
                answer = answer.mutate().properties(metadata).build();
            }
            messages.add(answer);
        }
        chatMemory.add(turn.conversationId(), messages);
    }

    /** OpenAI's 400 {@code previous_response_not_found}, or the 404 naming {@code previous_response_id} (bridge). */
    static boolean isPreviousResponseNotFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CrosswalkApiException e) {
                return PREVIOUS_RESPONSE_NOT_FOUND.equals(e.getErrorCode())
                        || e.getStatusCode().value() == 404 && "previous_response_id".equals(e.getErrorParam());
            }
        }
        return false;
    }

    /**
     * One turn: the conversation's history, the request's system messages and new messages, and the response to
     * chain on (none on the first turn, on another wire, or when the history does not end with a stored answer).
     */
    private record Turn(String conversationId, List<Message> history, List<Message> system, List<Message> added,
            boolean chainable, @Nullable String previousResponseId) {

        /** System messages and the new messages, chained on the previous response, which the upstream stores. */
        ChatClientRequest chained(ChatClientRequest request) {
            CrosswalkChatOptions options = ((CrosswalkChatOptions) request.prompt().getOptions()).mutate()
                    .previousResponseId(previousResponseId).store(true).build();
            return with(request, concat(system, added), options);
        }

        /** System messages, the whole history and the new messages; stored upstream when the next turn can chain. */
        ChatClientRequest withHistory(ChatClientRequest request) {
            ChatOptions options = request.prompt().getOptions();
            if (chainable) {
                options = ((CrosswalkChatOptions) options).mutate().previousResponseId(null).store(true).build();
            }
            return with(request, concat(concat(system, history), added), options);
        }

        private static ChatClientRequest with(ChatClientRequest request, List<Message> messages,
                @Nullable ChatOptions options) {
            Prompt prompt = request.prompt().mutate().messages(messages).chatOptions(options).build();
            return request.mutate().prompt(prompt).build();
        }

        private static List<Message> concat(List<Message> a, List<Message> b) {
            List<Message> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    /** Builds a {@link PreviousResponseChatMemoryAdvisor}. */
    public static final class Builder {
        private final ChatMemory chatMemory;
        private @Nullable String defaultConversationId;
        private int order = Advisor.DEFAULT_CHAT_MEMORY_PRECEDENCE_ORDER;
        private Scheduler scheduler = BaseAdvisor.DEFAULT_SCHEDULER;

        private Builder(ChatMemory chatMemory) {
            Assert.notNull(chatMemory, "chatMemory cannot be null");
            this.chatMemory = chatMemory;
        }

        /** The conversation of requests without a {@link ChatMemory#CONVERSATION_ID} parameter (default: none). */
        public Builder conversationId(String conversationId) {
            Assert.hasText(conversationId, "conversationId cannot be empty");
            this.defaultConversationId = conversationId;
            return this;
        }

        /** The advisor's order; default Spring AI's for memory advisors (before the tool-calling advisor). */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /** Where a stream reads the memory; default Spring AI's advisors' bounded-elastic scheduler. */
        public Builder scheduler(Scheduler scheduler) {
            Assert.notNull(scheduler, "scheduler cannot be null");
            this.scheduler = scheduler;
            return this;
        }

        public PreviousResponseChatMemoryAdvisor build() {
            return new PreviousResponseChatMemoryAdvisor(this);
        }
    }
}
