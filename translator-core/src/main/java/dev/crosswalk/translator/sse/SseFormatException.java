package dev.crosswalk.translator.sse;

import dev.crosswalk.translator.error.CrosswalkException;

/**
 * An SSE stream is not well-formed text: malformed UTF-8, or an unpaired surrogate when read from a
 * {@code Reader}. The parser that threw it accepts no further input.
 */
public final class SseFormatException extends CrosswalkException {
    private static final long serialVersionUID = 1L;
    private final long lineNumber;

    /** @param lineNumber the 1-based line where the problem is */
    public SseFormatException(String message, long lineNumber, Throwable cause) {
        super(message, cause);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line of the stream where the problem is. */
    public long lineNumber() {
        return lineNumber;
    }
}
