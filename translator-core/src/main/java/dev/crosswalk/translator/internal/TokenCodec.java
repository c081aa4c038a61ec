package dev.crosswalk.translator.internal;

/**
 * What the token-streaming translations need from a codec: a {@link TokenSession} per stream, whose parser and
 * generator are configured as the codec's mapper (limits, output features), so that what they write is byte for
 * byte what the data binder writes. Both shipped codecs implement it; with any other codec the translations take
 * the record path.
 */
public interface TokenCodec {

    /** A new session for one stream: it reuses its parser and generator from event to event. */
    TokenSession session();
}
