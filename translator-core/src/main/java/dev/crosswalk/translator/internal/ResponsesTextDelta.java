package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.JsonTokens.END_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.END_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.EOF;
import static dev.crosswalk.translator.internal.JsonTokens.FALSE;
import static dev.crosswalk.translator.internal.JsonTokens.INTEGER;
import static dev.crosswalk.translator.internal.JsonTokens.NAME;
import static dev.crosswalk.translator.internal.JsonTokens.NULL;
import static dev.crosswalk.translator.internal.JsonTokens.START_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.START_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.STRING;
import static dev.crosswalk.translator.internal.JsonTokens.TRUE;

import java.util.function.Predicate;

/**
 * Recognises, straight from parser tokens, the Responses event that is most of every stream: a
 * {@code response.output_text.delta} with its text ({@code {"type":"response.output_text.delta","sequence_number":7,
 * "item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","logprobs":[]}}, with one unknown scalar member
 * such as {@code obfuscation}). It keeps only the text and builds no record; anything else — another type, a
 * {@code type} that is not first, logprobs, a duplicate member, a wrong type, trailing tokens — answers {@code false}
 * and the event takes the record path. Reused for every event of one stream.
 */
public final class ResponsesTextDelta implements Predicate<JsonTokens> {
    /** How every such event starts as live servers write it (compact, type first): others are not parsed at all. */
    private static final byte[] PREFIX = "{\"type\":\"response.output_text.delta\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private String text;

    /**
     * Whether the bytes start as a text delta event does, compact: the cheap test that spares the many other events
     * (tool-call arguments, item and part events) a parser of their own before the record path reads them.
     */
    public static boolean mayBe(byte[] json, int offset, int length) {
        return length > PREFIX.length && java.util.Arrays.equals(json, offset, offset + PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** The text of the last event recognised. */
    public String text() {
        return text;
    }

    @Override
    public boolean test(JsonTokens t) {
        text = null;
        if (t.next() != START_OBJECT || t.next() != NAME || !"type".equals(t.text()) || t.next() != STRING
                || !"response.output_text.delta".equals(t.text())) {
            return false;
        }
        int seen = 0;
        boolean unknown = false;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            if (token != NAME) {
                return false;
            }
            String name = t.text();
            int bit;
            boolean ok;
            switch (name) {
                case "sequence_number" -> {
                    bit = 1;
                    ok = intOrNull(t);
                }
                case "item_id" -> {
                    bit = 2;
                    int v = t.next();
                    ok = v == STRING || v == NULL;
                }
                case "output_index" -> {
                    bit = 4;
                    ok = intOrNull(t);
                }
                case "content_index" -> {
                    bit = 8;
                    ok = intOrNull(t);
                }
                case "delta" -> {
                    bit = 16;
                    ok = t.next() == STRING;
                    if (ok) {
                        text = t.text();
                    }
                }
                case "logprobs" -> {
                    bit = 32;
                    int v = t.next();
                    ok = v == NULL || (v == START_ARRAY && t.next() == END_ARRAY);
                }
                case "type" -> {
                    return false; // a duplicate: the record path reports it
                }
                default -> {
                    if (unknown) {
                        return false;
                    }
                    unknown = true;
                    bit = 0;
                    int v = t.next();
                    ok = v == STRING || v == TRUE || v == FALSE || v == NULL;
                }
            }
            if (!ok || (seen & bit) != 0) {
                return false;
            }
            seen |= bit;
        }
        return text != null && t.next() == EOF;
    }

    private static boolean intOrNull(JsonTokens t) {
        int v = t.next();
        if (v == NULL) {
            return true;
        }
        if (v != INTEGER) {
            return false;
        }
        long value = t.longValue();
        return value == (int) value;
    }
}
