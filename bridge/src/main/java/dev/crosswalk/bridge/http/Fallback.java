package dev.crosswalk.bridge.http;

/**
 * An attempt that failed before anything reached the client, in a way the route's next upstream may not share
 * (429, 5xx, a connection that failed): the dispatcher moves on instead of answering. Only raised while
 * {@link Exchange#fallbackAvailable()}, so it never escapes a request.
 */
final class Fallback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BridgeException failure;

    Fallback(BridgeException failure) {
        super(failure.getMessage(), null, false, false);
        this.failure = failure;
    }

    /** The error the client would have got from this attempt. */
    BridgeException failure() {
        return failure;
    }

    /**
     * Whether a failure before the first byte may move to another upstream: 429 and 5xx, not the store's or ours
     * (a full in-flight budget or heap would refuse the next attempt's answer too).
     */
    static boolean retryable(BridgeException e) {
        String code = e.error().code();
        return (e.status() == 429 || e.status() >= 500) && !"store_unavailable".equals(code) && !"internal_error".equals(code)
                && !"overloaded".equals(code);
    }

    /**
     * Why an attempt failed, if another upstream may do better ({@code status_429}, {@code upstream_unreachable},
     * ...), or {@code null} if the failure is final (the client's request, a 4xx the next upstream would repeat).
     */
    static String retryKind(Throwable t) {
        if (t instanceof Fallback f) {
            return kind(f.failure);
        }
        BridgeException transport = t instanceof BridgeException ? null : Errors.upstreamTransport(t);
        if (transport != null) {
            return transport.error().code();
        }
        Throwable cause = t.getCause() != null && t.getClass().getName().startsWith("reactor.core.Exceptions") ? t.getCause() : t;
        if (cause instanceof BridgeException b && retryable(b)) {
            return kind(b);
        }
        return null;
    }

    private static String kind(BridgeException e) {
        String code = e.error().code();
        return code != null && (code.startsWith("upstream_") || code.equals("stream_incomplete")) && !code.equals("upstream_error")
                ? code : "status_" + e.status();
    }
}
