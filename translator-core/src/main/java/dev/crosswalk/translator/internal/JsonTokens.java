package dev.crosswalk.translator.internal;

/**
 * The part of a Jackson {@code JsonParser} the streaming fast paths use, so that one reader serves both Jackson
 * majors. Each codec adapts its own parser; parse errors surface as runtime exceptions.
 */
public interface JsonTokens {
    int EOF = 0;
    int START_OBJECT = 1;
    int END_OBJECT = 2;
    int START_ARRAY = 3;
    int END_ARRAY = 4;
    int NAME = 5;
    int STRING = 6;
    /** An integer that fits in a {@code long}; larger integers and every other token are {@link #OTHER}. */
    int INTEGER = 7;
    int TRUE = 8;
    int FALSE = 9;
    int NULL = 10;
    int OTHER = 11;
    /** A number with a fraction or an exponent. */
    int DECIMAL = 12;

    /** Advances to the next token and returns its kind. */
    int next();

    /** The property name after {@link #NAME} (Jackson's canonical instance), or the string after {@link #STRING}. */
    String text();

    /** The value after {@link #INTEGER}. */
    long longValue();

    /** The value after {@link #INTEGER} or {@link #DECIMAL}, as the data binder reads a {@code Double}. */
    double doubleValue();

    /** The value after {@link #DECIMAL}, as the data binder reads a free-form float ({@code USE_BIG_DECIMAL_FOR_FLOATS}). */
    java.math.BigDecimal decimalValue();

    /**
     * Notes that the reader kept an unknown member in a record's {@code extra} map. A request read without one cannot
     * lead to a duplicate key in its translation (see {@code Report}), so the translation skips that check.
     */
    void keptUnknownMember();

    /** Whether {@link #keptUnknownMember()} was called on these tokens. */
    boolean keptUnknownMembers();
}
