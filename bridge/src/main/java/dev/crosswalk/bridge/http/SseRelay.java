package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What both translating relays share: SSE parsing of the upstream body, the end and failure handling, and the rule
 * that a failure before anything was sent becomes an HTTP error instead of a stream. The parser hands each event over
 * as bytes; a subclass may translate it straight into the batch's frames ({@link #translateInto}, the token path for
 * the common deltas), else it is decoded and translated into outputs of type {@code O}, framed in order.
 *
 * @param <O> what the stream translator produces (Responses events or Chat stream outputs)
 */
abstract class SseRelay<O> implements StreamRelay {
    /** Outputs not framed yet, in order. */
    private final List<O> pending = new ArrayList<>();
    private final SseParser parser;
    /** The frames of the batch being built, or {@code null} while it has none. */
    private SseFrames frames;
    /**
     * The frames each batch is written into, kept from one batch to the next (a batch is built within one call, then
     * taken out at its size, see {@link SseFrames#take}), unless it grew large; {@code null} until needed.
     */
    private SseFrames scratch;
    private boolean sent;
    private boolean failureReported;
    /** Set once the relay knows the stream failed; before the first frame it becomes the HTTP answer. */
    BridgeException failure;

    SseRelay(int maxEventBytes) {
        this.parser = SseParser.ofBytes(maxEventBytes, this::onEvent);
    }

    /** Whether the translator has produced its terminal output. */
    abstract boolean finished();

    /**
     * Translates one upstream event given as its data's bytes straight into {@code frames}, if it is one the token
     * path covers; {@code false}: nothing was written or changed, and it goes to {@link #translate}.
     */
    boolean translateInto(String type, byte[] data, int offset, int length, SseFrames frames) {
        return false;
    }

    /** Translates one upstream event (never {@code [DONE]}). */
    abstract void translate(SseEvent event, List<O> out);

    /** The upstream's end ({@code [DONE]} or EOF); sets {@link #failure} if it came too early. */
    abstract List<O> end();

    /** The translator's outputs for an upstream failure. */
    abstract List<O> onFailure(OpenAiError error);

    /** A new, empty batch of frames. */
    abstract SseFrames newFrames();

    /** The (empty) frames to build a batch in. */
    private SseFrames open() {
        if (scratch == null) {
            scratch = newFrames();
        }
        return scratch;
    }

    /** Frames outputs into {@code frames}. */
    abstract void write(List<O> outputs, SseFrames frames);

    /**
     * The batch of these frames ({@code frames.take()}): whether the stream is done, and what to store. Positions noted
     * in {@code frames.buffer()} while writing are positions in the batch's buffer.
     */
    abstract Batch batch(SseFrames frames);

    @Override
    public final Batch onBytes(byte[] bytes, int offset, int length) {
        if (finished()) {
            return Batch.EMPTY;
        }
        try {
            parser.feed(bytes, offset, length);
        } catch (RuntimeException e) {
            pending.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch();
    }

    @Override
    public final Batch onEnd() {
        if (finished()) {
            return Batch.EMPTY;
        }
        try {
            parser.finish();
            if (!finished()) {
                pending.addAll(end());
            }
        } catch (RuntimeException e) {
            pending.addAll(fail(Errors.upstreamProtocol("a malformed stream (" + e.getClass().getSimpleName() + ")")));
        }
        return batch();
    }

    @Override
    public final Batch onError(Throwable error) {
        if (finished()) {
            return Batch.EMPTY;
        }
        // The bridge's own answer (out of memory while translating) as it is; else what the connection's failure means.
        BridgeException e = error instanceof BridgeException b ? b : Errors.upstreamTransport(error);
        pending.addAll(fail(e != null ? e : Errors.upstreamProtocol("an unreadable stream")));
        return batch();
    }

    /** One upstream event, from within the parser; its bytes are valid only during the call. */
    private void onEvent(String type, byte[] data, int offset, int length, String id) {
        if (finished()) {
            return;
        }
        if (SseParser.isDone(data, offset, length)) {
            // Chat streams end with [DONE]; the Open Responses spec asks for one too, OpenAI sends none.
            pending.addAll(end());
            return;
        }
        if (failure == null) {
            flush();
            if (frames == null) {
                frames = open();
            }
            if (translateInto(type, data, offset, length, frames)) {
                return;
            }
        }
        translate(new SseEvent(type, new String(data, offset, length, StandardCharsets.UTF_8), id), pending);
    }

    /** Frames the pending outputs. */
    private void flush() {
        if (!pending.isEmpty()) {
            if (frames == null) {
                frames = open();
            }
            write(pending, frames);
            pending.clear();
        }
    }

    final List<O> fail(BridgeException e) {
        failure = e;
        return onFailure(e.error());
    }

    private Batch batch() {
        if (failure != null && !sent) {
            // Nothing reached the client yet: an HTTP error says more than a stream that fails at once.
            pending.clear();
            if (frames != null) {
                frames.clear();
            }
            frames = null;
            return Batch.failure(failure);
        }
        flush();
        SseFrames written = frames;
        frames = null;
        if (written == null || !written.buffer().isReadable()) {
            return Batch.EMPTY;
        }
        sent = true;
        Batch batch = batch(written);
        if (written.large()) {
            // A batch of response snapshots (a stream's first or last): its bytes are not kept for the deltas.
            scratch = null;
        }
        if (failure != null && !failureReported) {
            failureReported = true;
            return batch.failedWith(failure);
        }
        return batch;
    }
}
