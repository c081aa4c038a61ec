package dev.crosswalk.translator.sse;

import dev.crosswalk.translator.error.CrosswalkException;

/**
 * A line or an event of an SSE stream is larger than the parser's limit. Thrown instead of buffering
 * without bound; the parser that threw it accepts no further input.
 */
public final class SseLimitExceededException extends CrosswalkException {
    private static final long serialVersionUID = 1L;
    private final long limitBytes;

    /** @param limitBytes the limit that was exceeded, in bytes */
    public SseLimitExceededException(long limitBytes) {
        super("SSE event too large: a line or an event exceeds the limit of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    /** The limit that was exceeded, in bytes of UTF-8. */
    public long limitBytes() {
        return limitBytes;
    }
}
