package dev.crosswalk.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test fresh {@link FakeOpenAi} upstreams and, after the test, checks every stream they served
 * ({@link StreamChecks#served}), every stream the test registered as emitted by the code under test
 * ({@link #emittedChat}, {@link #emittedResponses}), and that no script failed to be written. A test that
 * passed on a broken fixture, or whose component emitted a broken stream it did not look at, fails here.
 *
 * <pre>{@code
 * @RegisterExtension
 * final FakeOpenAiExtension kit = new FakeOpenAiExtension();
 *
 * @Test
 * void streams() {
 *     FakeOpenAi upstream = kit.upstream();            // or kit.strictUpstream()
 *     upstream.enqueue(Reply.chatStream(chunks));
 *     String body = callTheBridge(upstream.baseUrl());
 *     kit.emittedResponses(body);                       // checked after the test
 * }
 * }</pre>
 *
 * Also usable as {@code @ExtendWith(FakeOpenAiExtension.class)} with a {@code FakeOpenAi} test method parameter.
 */
public final class FakeOpenAiExtension implements ParameterResolver, AfterEachCallback {
    private final List<FakeOpenAi> upstreams = new ArrayList<>();
    private final List<Consumer<String>> emitted = new ArrayList<>();

    /** A new default-profile upstream, closed and checked after the test. */
    public synchronized FakeOpenAi upstream() {
        return track(FakeOpenAi.start());
    }

    /** A new strict third-party upstream ({@link FakeOpenAi.Profile#STRICT_THIRD_PARTY}). */
    public synchronized FakeOpenAi strictUpstream() {
        return track(FakeOpenAi.start(FakeOpenAi.Profile.STRICT_THIRD_PARTY));
    }

    /** Registers a Chat SSE body the code under test emitted; it is checked after the test. */
    public synchronized void emittedChat(String sseBody, boolean includeUsage) {
        emitted.add(ctx -> StreamChecks.chat(sseBody, includeUsage, ctx));
    }

    /** Registers a Responses SSE body the code under test emitted; it is checked after the test. */
    public synchronized void emittedResponses(String sseBody) {
        emitted.add(ctx -> StreamChecks.responses(sseBody, ctx));
    }

    private FakeOpenAi track(FakeOpenAi upstream) {
        upstreams.add(upstream);
        return upstream;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeOpenAi.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return upstream();
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        String ctx = context.getDisplayName();
        List<FakeOpenAi> all = List.copyOf(upstreams);
        List<Consumer<String>> checks = List.copyOf(emitted);
        upstreams.clear();
        emitted.clear();
        AssertionError failure = null;
        for (FakeOpenAi upstream : all) {
            upstream.close();
            if (!upstream.failures().isEmpty()) {
                failure = add(failure, new AssertionError(ctx + ": the fake upstream failed to write a script",
                        upstream.failures().get(0)));
            }
            for (FakeOpenAi.Served s : upstream.served()) {
                try {
                    StreamChecks.served(s, ctx);
                } catch (AssertionError e) {
                    failure = add(failure, e);
                }
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            try {
                checks.get(i).accept(ctx + " (emitted stream " + i + ")");
            } catch (AssertionError e) {
                failure = add(failure, e);
            }
        }
        if (failure != null && context.getExecutionException().isEmpty()) {
            throw failure;
        }
    }

    private static AssertionError add(AssertionError first, AssertionError next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
