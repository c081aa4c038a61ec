package dev.crosswalk.testkit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Gives each test fresh {@link FakeOpenAi} upstreams and, after the test, checks every stream they served
 * ({@link StreamChecks#served}), every stream the test registered as emitted by the code under test
 * ({@link #emittedChat}, {@link #emittedResponses(String)}; WebSocket turns as event lists:
 * {@link #emittedResponses(List)}), and that no script failed to be written. A test that passed on a broken fixture,
 * or whose component emitted a broken stream it did not look at, fails here.
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
 * Registered on a {@code static} field, upstreams made in {@code @BeforeAll} serve the whole class: their streams are
 * still checked after each test (those served since the last check), and they are closed after all tests.
 * Also usable as {@code @ExtendWith(FakeOpenAiExtension.class)} with a {@code FakeOpenAi} test method parameter.
 */
public final class FakeOpenAiExtension
        implements ParameterResolver, BeforeAllCallback, TestInstancePreConstructCallback, BeforeEachCallback,
        AfterEachCallback, AfterAllCallback {
    private final List<FakeOpenAi> upstreams = new ArrayList<>();
    private final List<FakeOpenAi> classUpstreams = new ArrayList<>();
    private final Map<FakeOpenAi, int[]> checked = new IdentityHashMap<>();
    private final List<Consumer<String>> emitted = new ArrayList<>();
    private boolean classScope;

    /** A new default-profile upstream, closed and checked after the test. */
    public synchronized FakeOpenAi upstream() {
        return track(FakeOpenAi.start());
    }

    /** A new strict third-party upstream ({@link FakeOpenAi.Profile#STRICT_THIRD_PARTY}). */
    public synchronized FakeOpenAi strictUpstream() {
        return track(FakeOpenAi.start(FakeOpenAi.Profile.STRICT_THIRD_PARTY));
    }

    /** A new upstream answered by {@link FakeModel#chat()} (reach it with {@link FakeOpenAi#model()}). */
    public synchronized FakeOpenAi chatModel() {
        return upstream().otherwise(FakeModel.chat());
    }

    /** A new upstream answered by the stateful {@link FakeModel#responses()}. */
    public synchronized FakeOpenAi responsesModel() {
        return upstream().otherwise(FakeModel.responses());
    }

    /**
     * A new strict thinking Chat server ({@link FakeOpenAi.Profile#STRICT_THINKING}) answered by
     * {@code FakeModel.chat().thinking()}: it streams {@code reasoning_content} and refuses a tool-call continuation
     * without it.
     */
    public synchronized FakeOpenAi strictThinkingModel() {
        return track(FakeOpenAi.start(FakeOpenAi.Profile.STRICT_THINKING)).otherwise(FakeModel.chat().thinking());
    }

    /** Registers a Chat SSE body the code under test emitted; it is checked after the test. */
    public synchronized void emittedChat(String sseBody, boolean includeUsage) {
        emitted.add(ctx -> StreamChecks.chat(sseBody, includeUsage, ctx));
    }

    /** Registers a Responses SSE body the code under test emitted; it is checked after the test. */
    public synchronized void emittedResponses(String sseBody) {
        emitted.add(ctx -> StreamChecks.responses(sseBody, ctx));
    }

    /**
     * Registers a Responses stream the code under test emitted as event objects, one per message (as WebSocket mode
     * sends them: no SSE framing); it is checked after the test like {@link #emittedResponses(String)}.
     */
    public synchronized void emittedResponses(List<Map<String, Object>> events) {
        List<Map<String, Object>> copy = List.copyOf(events);
        emitted.add(ctx -> ResponsesStreamChecker.check(copy, ctx));
    }

    private FakeOpenAi track(FakeOpenAi upstream) {
        (classScope ? classUpstreams : upstreams).add(upstream);
        return upstream;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        classScope = true;
    }

    @Override
    public synchronized void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        // upstreams made by a test instance's field initialisers belong to that test
        classScope = false;
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        classScope = false;
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
        List<FakeOpenAi> mine = List.copyOf(upstreams);
        List<Consumer<String>> checks = List.copyOf(emitted);
        upstreams.clear();
        emitted.clear();
        mine.forEach(FakeOpenAi::close);
        AssertionError failure = null;
        List<FakeOpenAi> all = new ArrayList<>(mine);
        all.addAll(classUpstreams);
        for (FakeOpenAi upstream : all) {
            failure = checkServed(upstream, ctx, failure);
        }
        for (int i = 0; i < checks.size(); i++) {
            try {
                checks.get(i).accept(ctx + " (emitted stream " + i + ")");
            } catch (AssertionError e) {
                failure = add(failure, e);
            }
        }
        mine.forEach(checked::remove);
        if (failure != null && context.getExecutionException().isEmpty()) {
            throw failure;
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        List<FakeOpenAi> all = List.copyOf(classUpstreams);
        classUpstreams.clear();
        all.forEach(FakeOpenAi::close);
        AssertionError failure = null;
        for (FakeOpenAi upstream : all) {
            failure = checkServed(upstream, context.getDisplayName() + " (after all)", failure);
            checked.remove(upstream);
        }
        if (failure != null && context.getExecutionException().isEmpty()) {
            throw failure;
        }
    }

    /** Checks the streams served since the last check, and that no script failed to be written. */
    private AssertionError checkServed(FakeOpenAi upstream, String ctx, AssertionError failure) {
        List<FakeOpenAi.Served> served = upstream.served();
        List<Throwable> failures = upstream.failures();
        int[] seen = checked.computeIfAbsent(upstream, u -> new int[2]);
        if (failures.size() > seen[1]) {
            failure = add(failure, new AssertionError(ctx + ": the fake upstream failed to write a script",
                    failures.get(seen[1])));
        }
        int from = seen[0];
        seen[0] = served.size();
        seen[1] = failures.size();
        for (FakeOpenAi.Served s : served.subList(from, served.size())) {
            try {
                StreamChecks.served(s, ctx);
            } catch (AssertionError e) {
                failure = add(failure, e);
            }
        }
        return failure;
    }

    private static AssertionError add(AssertionError first, AssertionError next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
