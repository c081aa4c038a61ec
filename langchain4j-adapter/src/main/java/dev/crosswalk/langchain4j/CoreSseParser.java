package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.sse.SseFormatException;
import dev.crosswalk.translator.sse.SseLimitExceededException;
import dev.crosswalk.translator.sse.SseParser;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The SSE parser handed to the HTTP client: the core's strict, bounded parser instead of LangChain4j's default,
 * which swallows listener exceptions and turns read errors into silence. Every outcome reaches the
 * {@link StreamSession} exactly: events, a clean end, a cut, a stall (timeout) or a malformed stream.
 */
final class CoreSseParser implements ServerSentEventParser {
    private static final int CHUNK = 8 * 1024;

    private final StreamSession session;
    private final Duration idleTimeout;

    CoreSseParser(StreamSession session, Duration idleTimeout) {
        this.session = session;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void parse(InputStream body, ServerSentEventListener listener) {
        StreamControl control = new StreamControl(body);
        session.opened(control);
        ServerSentEventContext context = new ServerSentEventContext(control);
        SseParser parser = new SseParser(SseParser.DEFAULT_MAX_EVENT_BYTES,
                e -> listener.onEvent(new ServerSentEvent(e.event(), e.data()), context));
        IdleWatchdog watchdog = IdleWatchdog.start(idleTimeout, control::timeOut);
        byte[] buffer = new byte[CHUNK];
        try {
            int n;
            while (!control.isCancelled() && !session.isDone() && (n = body.read(buffer)) >= 0) {
                watchdog.activity();
                parser.feed(buffer, 0, n);
            }
            if (control.timedOut()) {
                session.fail(timeout());
            } else if (!control.isCancelled() && !session.isDone()) {
                parser.finish();
                session.onEndOfStream();
            }
        } catch (IOException e) {
            if (control.timedOut()) {
                session.fail(timeout());
            } else if (!control.isCancelled()) {
                session.fail(new InternalServerException("the stream was cut: " + e.getMessage(), e));
            }
        } catch (SseFormatException | SseLimitExceededException e) {
            session.fail(new InternalServerException("the endpoint sent a malformed stream: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            session.fail(e);
        } finally {
            watchdog.stop();
        }
    }

    private TimeoutException timeout() {
        return new TimeoutException("the stream was silent for more than " + idleTimeout.toMillis() + " ms");
    }
}
