package dev.crosswalk.bridge.http;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler for an {@link OutOfMemoryError} met while serving a request. Reactor treats it as fatal: thrown
 * from an operator's callback it is rethrown up the thread's stack instead of travelling down the chain as an error,
 * so the request's chain never ends and the client waits on a connection nobody answers (on a store thread the task
 * just dies). So every callback that does a request's heavy work (reading, translating, storing, writing) runs
 * through {@link #guard}, which turns the error into an ordinary one: 503 {@code overloaded} with {@code Retry-After}
 * in OpenAI's error shape, or, for a stream already started, its {@code error} event and terminal event (or, once
 * the failure is in the bytes being written, a cut connection with this reason logged).
 *
 * <p>Package-private seam for tests: {@link BridgeServer#faults} makes {@link #guard} throw at a chosen {@link Stage}.
 */
final class OutOfMemory {
    private static final Logger log = LoggerFactory.getLogger(OutOfMemory.class);

    /** What the request was doing. */
    enum Stage {
        /** Reactor Netty decoding the request's HTTP head or body, before the bridge's code runs ({@link DecodeGuard}). */
        DECODE,
        /** Translating the request, the answer or a stream event. */
        TRANSLATE,
        /** Writing a turn to the store, or reading one back. */
        STORE,
        /** Serializing, masking and sending the answer. */
        WRITE
    }

    /** No faults: production. */
    static final Consumer<Stage> NONE = stage -> { };

    private OutOfMemory() {
    }

    /** {@code work}, with an {@link OutOfMemoryError} turned into the 503 {@link BridgeException} (logged once). */
    static <T> T guard(Exchange ex, Stage stage, Supplier<T> work) {
        return guard(ex.faults(), ex.id(), stage, work);
    }

    /**
     * Like {@link #guard(Exchange, Stage, Supplier)} where the request is not at hand (the store's thread).
     *
     * @param faults the test seam, {@link #NONE} in production
     */
    static <T> T guard(Consumer<Stage> faults, String requestId, Stage stage, Supplier<T> work) {
        try {
            faults.accept(stage);
            return work.get();
        } catch (OutOfMemoryError e) {
            throw answer(requestId, stage);
        }
    }

    /** Like {@link #guard(Exchange, Stage, Supplier)}, for work without a result. */
    static void run(Exchange ex, Stage stage, Runnable work) {
        guard(ex, stage, () -> {
            work.run();
            return null;
        });
    }

    /** The answer to running out of memory: logged with the request and what it was doing. */
    static BridgeException answer(String requestId, Stage stage) {
        log.error("request {}: out of memory while {}; answered 503 overloaded, or its stream ended with an error "
                + "(lower --max-inflight-bytes or raise -Xmx)", requestId, what(stage));
        return error();
    }

    /** 503, retry later: what a client gets instead of a dropped connection. */
    static BridgeException error() {
        return new BridgeException(503, new dev.crosswalk.translator.error.OpenAiError(
                "The bridge ran out of memory serving this request; retry shortly.", Errors.SERVER_ERROR, null, "overloaded"),
                Map.of("Retry-After", "1"));
    }

    private static String what(Stage stage) {
        return stage == null ? "serving the request" : switch (stage) {
            case DECODE -> "decoding the request";
            case TRANSLATE -> "translating";
            case STORE -> "using the response store";
            case WRITE -> "writing the answer";
        };
    }
}
