package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseParser;
import java.util.ArrayList;
import java.util.List;

/**
 * What both translating relays share: SSE parsing of the upstream body, the end and failure handling, and the rule
 * that a failure before anything was sent becomes an HTTP error instead of a stream. Subclasses translate one upstream
 * event at a time into outputs of type {@code O} and frame them.
 *
 * @param <O> what the stream translator produces (Responses events or Chat stream outputs)
 */
abstract class SseRelay<O> implements StreamRelay {
    private final List<SseEvent> parsed = new ArrayList<>();
    private final SseParser parser;
    private boolean sent;
    private boolean failureReported;
    /** Set once the relay knows the stream failed; before the first frame it becomes the HTTP answer. */
    BridgeException failure;

    SseRelay(int maxEventBytes) {
        this.parser = new SseParser(maxEventBytes, parsed::add);
    }

    /** Whether the translator has produced its terminal output. */
    abstract boolean finished();

    /** Translates one upstream event (never {@code [DONE]}). */
    abstract void translate(SseEvent event, List<O> out);

    /** The upstream's end ({@code [DONE]} or EOF); sets {@link #failure} if it came too early. */
    abstract List<O> end();

    /** The translator's outputs for an upstream failure. */
    abstract List<O> onFailure(OpenAiError error);

    /** The frames for outputs, and whether the stream is done and what to store. */
    abstract Batch frames(List<O> outputs);

    @Override
    public final Batch onBytes(byte[] bytes) {
        if (finished()) {
            return Batch.EMPTY;
        }
        List<O> out = new ArrayList<>();
        try {
            parser.feed(bytes, 0, bytes.length);
            translateParsed(out);
        } catch (RuntimeException e) {
            out.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch(out);
    }

    @Override
    public final Batch onEnd() {
        if (finished()) {
            return Batch.EMPTY;
        }
        List<O> out = new ArrayList<>();
        try {
            parser.finish();
            translateParsed(out);
            if (!finished()) {
                out.addAll(end());
            }
        } catch (RuntimeException e) {
            out.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch(out);
    }

    @Override
    public final Batch onError(Throwable error) {
        if (finished()) {
            return Batch.EMPTY;
        }
        // The bridge's own answer (out of memory while translating) as it is; else what the connection's failure means.
        BridgeException e = error instanceof BridgeException b ? b : Errors.upstreamTransport(error);
        return batch(fail(e != null ? e : Errors.upstreamProtocol("an unreadable stream")));
    }

    private void translateParsed(List<O> out) {
        for (int i = 0; i < parsed.size() && !finished(); i++) {
            SseEvent event = parsed.get(i);
            if (event.isDone()) {
                // Chat streams end with [DONE]; the Open Responses spec asks for one too, OpenAI sends none.
                out.addAll(end());
                break;
            }
            translate(event, out);
        }
        parsed.clear();
    }

    final List<O> fail(BridgeException e) {
        failure = e;
        return onFailure(e.error());
    }

    private Batch batch(List<O> out) {
        if (failure != null && !sent) {
            // Nothing reached the client yet: an HTTP error says more than a stream that fails at once.
            return Batch.failure(failure);
        }
        if (out.isEmpty()) {
            return Batch.EMPTY;
        }
        sent = true;
        Batch batch = frames(out);
        if (failure != null && !failureReported) {
            failureReported = true;
            return batch.failedWith(failure);
        }
        return batch;
    }
}
