package dev.crosswalk.langchain4j;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.translator.WireApi;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Models pointed at the fake endpoint, and a handler that records every callback. */
final class TestModels {
    static final String KEY = "sk-test-SECRET-abcdef123456";

    private TestModels() {
    }

    static CrosswalkChatModel.Builder chat(FakeOpenAi server, WireApi wire) {
        return CrosswalkChatModel.builder().baseUrl(server.baseUrl()).apiKey(KEY).wireApi(wire)
                .modelName("gpt-test-2026").maxRetries(0).timeout(Duration.ofSeconds(5));
    }

    static CrosswalkStreamingChatModel.Builder streaming(FakeOpenAi server, WireApi wire) {
        return CrosswalkStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey(KEY).wireApi(wire)
                .modelName("gpt-test-2026").maxRetries(0).timeout(Duration.ofSeconds(5));
    }

    /** Records every callback, in order, and the one terminal outcome. */
    static final class RecordingHandler implements StreamingChatResponseHandler {
        final List<String> partials = new CopyOnWriteArrayList<>();
        final List<String> thinking = new CopyOnWriteArrayList<>();
        final List<PartialToolCall> partialCalls = new CopyOnWriteArrayList<>();
        final List<CompleteToolCall> completeCalls = new CopyOnWriteArrayList<>();
        final List<String> order = new CopyOnWriteArrayList<>();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger completions = new AtomicInteger();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        Consumer<PartialResponseContext> onPartial = context -> { };

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            partials.add(partialResponse.text());
            order.add("text");
            onPartial.accept(context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            thinking.add(partialThinking.text());
            order.add("thinking");
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            partialCalls.add(partialToolCall);
            order.add("partialCall");
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            completeCalls.add(completeToolCall);
            order.add("completeCall");
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            completions.incrementAndGet();
            order.add("complete");
            done.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            errors.incrementAndGet();
            order.add("error");
            done.completeExceptionally(error);
        }

        ChatResponse await() throws Exception {
            return done.get(10, TimeUnit.SECONDS);
        }

        Throwable awaitError() throws Exception {
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            }
            throw new AssertionError("expected an error, got a response");
        }
    }
}
