package dev.crosswalk.translator.internal;

/**
 * The part of a Jackson {@code JsonGenerator} the streaming fast paths use, so that one writer serves both Jackson
 * majors. Each codec adapts its own generator, configured as its mapper's, so bytes match what the mapper writes.
 */
public interface JsonOut {
    void startObject();

    void endObject();

    void startArray();

    void endArray();

    void name(String name);

    void string(String value);

    void number(long value);

    void number(double value);

    void number(java.math.BigDecimal value);

    void bool(boolean value);

    void nullValue();
}
