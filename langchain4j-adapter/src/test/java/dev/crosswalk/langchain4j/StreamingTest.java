package dev.crosswalk.langchain4j;

import dev.crosswalk.testkit.FakeOpenAi;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import static dev.crosswalk.langchain4j.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.Reply;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The streaming handler contract (docs/architecture.md §9), over each wire. */
class StreamingTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    private final FakeOpenAi server = kit.upstream();

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text))
                .toolSpecifications(ToolSpecification.builder().name("lookup").description("Looks up").build())
                .build();
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void textThinkingAndToolCallsReachTheirCallbacks(WireApi wire) throws Exception {
        Turn turn = Turn.text("Let me ", "check.").reasoning("The user ", "wants data.")
                .call("call_A", "lookup", "{\"q\":", "\"a\"}")
                .call("call_B", "lookup", "{\"q\":\"b\"}");
        server.enqueue(reply(wire, turn, true));
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();

        TestModels.streaming(server, wire).returnThinking(true).build().chat(ask("Find a and b"), handler);
        ChatResponse response = handler.await();

        assertThat(handler.partials).containsExactly("Let me ", "check.");
        assertThat(handler.thinking).containsExactly("The user ", "wants data.");
        assertThat(handler.partialCalls).extracting(c -> c.index(), c -> c.id(), c -> c.name(), c -> c.partialArguments())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "call_A", "lookup", "{\"q\":"),
                        org.assertj.core.groups.Tuple.tuple(0, "call_A", "lookup", "\"a\"}"),
                        org.assertj.core.groups.Tuple.tuple(1, "call_B", "lookup", "{\"q\":\"b\"}"));
        assertThat(handler.completeCalls).extracting(c -> c.index(), c -> c.toolExecutionRequest())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, request("call_A", "{\"q\":\"a\"}")),
                        org.assertj.core.groups.Tuple.tuple(1, request("call_B", "{\"q\":\"b\"}")));
        assertThat(handler.order).endsWith("completeCall", "completeCall", "complete");
        assertThat(handler.errors).hasValue(0);

        assertThat(response.aiMessage().text()).isEqualTo("Let me check.");
        assertThat(response.aiMessage().thinking()).isEqualTo("The user wants data.");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(request("call_A", "{\"q\":\"a\"}"), request("call_B", "{\"q\":\"b\"}"));
        CrosswalkChatResponseMetadata metadata = (CrosswalkChatResponseMetadata) response.metadata();
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(metadata.tokenUsage()).isEqualTo(new CrosswalkTokenUsage(21, 9, 30, 4, 5));
        assertThat(metadata.modelName()).isEqualTo("gpt-test-2026");
        assertThat(metadata.wireApi()).isEqualTo(wire);
        assertThat(metadata.id()).isEqualTo(wire == WireApi.RESPONSES ? "resp_stream01" : "chatcmpl-Bx7");
    }

    private static ToolExecutionRequest request(String id, String arguments) {
        return ToolExecutionRequest.builder().id(id).name("lookup").arguments(arguments).build();
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void thinkingStaysOutUnlessAskedFor(WireApi wire) throws Exception {
        server.enqueue(reply(wire, Turn.text("42").reasoning("deep thought"), true));
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();

        TestModels.streaming(server, wire).build().chat(ask("?"), handler);

        assertThat(handler.await().aiMessage().thinking()).isNull();
        assertThat(handler.thinking).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void interleavedParallelCallsAreKeptApart(WireApi wire) throws Exception {
        server.enqueue(reply(wire, Turn.calls().call("c1", "lookup", "{\"q\":", "\"x\"}").call("c2", "lookup", "{\"q\":", "\"y\"}").interleaved(), true));
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();

        TestModels.streaming(server, wire).build().chat(ask("x and y"), handler);

        assertThat(handler.await().aiMessage().toolExecutionRequests())
                .containsExactly(request("c1", "{\"q\":\"x\"}"), request("c2", "{\"q\":\"y\"}"));
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void lengthLimitIsReportedAsLength(WireApi wire) throws Exception {
        server.enqueue(reply(wire, Turn.text("Trunc").finish("length"), true));
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();

        TestModels.streaming(server, wire).build().chat(ask("long"), handler);

        ChatResponse response = handler.await();
        assertThat(response.metadata().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.aiMessage().text()).isEqualTo("Trunc");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void refusalIsContentFiltered(WireApi wire) throws Exception {
        server.enqueue(reply(wire, Turn.calls().refusal("I can't help with that."), true));
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();

        TestModels.streaming(server, wire).build().chat(ask("bad"), handler);

        assertThat(handler.awaitError()).isInstanceOf(ContentFilteredException.class).hasMessageContaining("I can't help with that.");
        assertThat(handler.errors).hasValue(1);
        assertThat(handler.completions).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void cancellingFromACallbackClosesTheHttpStream(WireApi wire) throws Exception {
        List<String> events = wire == WireApi.CHAT_COMPLETIONS
                ? Fixtures.slice(Fixtures.chatStream(Turn.text("first")), 0, 2)
                : Fixtures.slice(Fixtures.responsesStream(Turn.text("first")), 0, 5);
        String more = wire == WireApi.CHAT_COMPLETIONS
                ? Fixtures.chatStream(Turn.text("more")).get(1)
                : Fixtures.responsesStream(Turn.text("more")).get(4);
        server.enqueue(Reply.sse(events).thenTrickle(i -> more));
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();
        handler.onPartial = context -> context.streamingHandle().cancel();

        TestModels.streaming(server, wire).build().chat(ask("go on forever"), handler);

        assertThat(server.awaitClientGone(10, TimeUnit.SECONDS)).as("the server saw the client close the stream").isTrue();
        assertThat(handler.partials).containsExactly("first");
        assertThat(handler.order).containsExactly("text");
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void aThrowingCallbackEndsTheStreamWithOneError(WireApi wire) throws Exception {
        server.enqueue(reply(wire, Turn.text("a", "b", "c"), true));
        TestModels.RecordingHandler handler = new TestModels.RecordingHandler();
        IllegalStateException boom = new IllegalStateException("handler bug");
        handler.onPartial = context -> {
            throw boom;
        };

        TestModels.streaming(server, wire).build().chat(ask("?"), handler);

        assertThat(handler.awaitError()).isSameAs(boom);
        Thread.sleep(200);
        assertThat(handler.order).containsExactly("text", "error");
    }

    @org.junit.jupiter.api.Test
    void instructionsTheServerSetAreReportedLikeABlockingCallReportsThem() throws Exception {
        // Not in the request sent (LangChain4j has no instructions parameter): a server-rendered prompt, reported.
        List<String> events = Fixtures.responsesStream(Turn.text("Hi")).stream()
                .map(e -> e.replace("\"instructions\":null", "\"instructions\":\"Rendered from a prompt template.\"")).toList();
        assertThat(String.join("", events)).contains("Rendered from a prompt template.");
        server.enqueue(Reply.sse(events));
        server.enqueue(reply(WireApi.RESPONSES, Turn.text("Hi"), true));

        TestModels.RecordingHandler changed = new TestModels.RecordingHandler();
        TestModels.streaming(server, WireApi.RESPONSES).build().chat(ask("?"), changed);
        assertThat(((CrosswalkChatResponseMetadata) changed.await().metadata()).warnings())
                .anySatisfy(w -> assertThat(w).startsWith("$.instructions"));
        TestModels.RecordingHandler echoed = new TestModels.RecordingHandler();
        TestModels.streaming(server, WireApi.RESPONSES).build().chat(ask("?"), echoed);
        assertThat(((CrosswalkChatResponseMetadata) echoed.await().metadata()).warnings())
                .noneSatisfy(w -> assertThat(w).startsWith("$.instructions"))
                .noneSatisfy(w -> assertThat(w).startsWith("$.metadata"));
    }
}
