package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.bridge.store.StoreException;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import io.netty.handler.timeout.TimeoutException;
import java.net.ConnectException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns whatever went wrong into the HTTP error a client gets (docs/architecture.md §5: OpenAI's error shape, the upstream's status
 * and message passed on). Pure functions, no I/O.
 */
final class Errors {
    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    static final String INVALID_REQUEST = "invalid_request_error";
    static final String SERVER_ERROR = "server_error";

    private Errors() {
    }

    /** An error raised while serving a request: the client's input, the translation, or the bridge itself. */
    static BridgeException of(Throwable t, String requestId) {
        Throwable e = unwrap(t);
        if (e instanceof BridgeException b) {
            return b;
        }
        if (e instanceof UntranslatableException u) {
            return new BridgeException(400, u.toOpenAiError());
        }
        if (e instanceof MalformedJsonException m) {
            return new BridgeException(400, m.toOpenAiError());
        }
        if (e instanceof ResponseFailedException f) {
            return new BridgeException(UpstreamError.status(f.error()), f.error());
        }
        if (e instanceof OutOfMemoryError) {
            // Signalled as an error (Netty failed a write with it): the same answer as a guarded one.
            return OutOfMemory.answer(requestId, OutOfMemory.Stage.WRITE);
        }
        if (e instanceof StoreException s) {
            log.error("request {}: response store failed: {}", requestId, s.getMessage());
            return BridgeException.of(503, SERVER_ERROR, null, "store_unavailable",
                    "The bridge's response store is unavailable; try again later.");
        }
        BridgeException upstream = upstreamTransport(e);
        if (upstream != null) {
            return upstream;
        }
        log.error("request {}: unexpected failure", requestId, e);
        return BridgeException.of(500, SERVER_ERROR, null, "internal_error",
                "The bridge failed to process the request (request id " + requestId + ").");
    }

    /** A failure to talk to the upstream (timeout, refused, closed), or {@code null} if {@code t} is something else. */
    static BridgeException upstreamTransport(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c instanceof java.util.concurrent.TimeoutException) {
                return BridgeException.of(504, SERVER_ERROR, null, "upstream_timeout",
                        "The upstream did not answer in time.");
            }
            if (c instanceof PrematureCloseException) {
                return BridgeException.of(502, SERVER_ERROR, null, "upstream_closed",
                        "The upstream closed the connection before the response was complete.");
            }
            if (c instanceof ConnectException || c instanceof java.nio.channels.UnresolvedAddressException
                    || c instanceof java.net.UnknownHostException) {
                return BridgeException.of(502, SERVER_ERROR, null, "upstream_unreachable",
                        "The upstream cannot be reached.");
            }
            if (c instanceof io.netty.handler.codec.CodecException) {
                // The upstream's answer could not be decoded as HTTP (a header block cut short, a bad status line).
                return BridgeException.of(502, SERVER_ERROR, null, "upstream_protocol_error",
                        "The upstream sent a malformed HTTP answer.");
            }
            if (c instanceof java.io.IOException) {
                return BridgeException.of(502, SERVER_ERROR, null, "upstream_error",
                        "The connection to the upstream failed.");
            }
        }
        return null;
    }

    /** An upstream that answered, but not with something of its protocol's shape. */
    static BridgeException upstreamProtocol(String what) {
        return BridgeException.of(502, SERVER_ERROR, null, "upstream_protocol_error", "The upstream sent " + what + ".");
    }

    /**
     * The error an upstream answered with ({@code status} ≥ 400), in OpenAI's shape: its own error object when it sent
     * one (message redacted), else a description with the start of its body.
     */
    static BridgeException upstreamStatus(int status, byte[] body, String retryAfter, JsonCodec codec, Redactor redactor) {
        int outStatus = status >= 400 && status <= 599 ? status : 502;
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter);
        return new BridgeException(outStatus, UpstreamError.fromBody(status, body, codec, redactor), headers);
    }


    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        // Reactor wraps checked exceptions; the cause is what happened.
        while (e.getCause() != null && (e.getClass().getName().startsWith("reactor.core.Exceptions")
                || e instanceof java.util.concurrent.CompletionException)) {
            e = e.getCause();
        }
        return e;
    }
}
