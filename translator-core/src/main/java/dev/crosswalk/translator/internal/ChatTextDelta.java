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
 * Recognises, straight from parser tokens, the Chat chunk that is most of every stream: one choice whose delta
 * carries only text ({@code {"id":..,"object":..,"created":..,"model":..,"choices":[{"index":0,"delta":
 * {"content":"Hi"},"finish_reason":null,"logprobs":null}]}}, with {@code service_tier}, {@code system_fingerprint},
 * {@code usage: null} and one unknown scalar member per object such as {@code obfuscation}). It keeps only what the
 * translation uses (the text, the service tier) and builds no record; anything else — a role change, tool calls,
 * reasoning, a finish reason, logprobs, a duplicate member, a wrong type, trailing tokens — answers {@code false}
 * and the chunk takes the record path, which handles or reports it. Reused for every chunk of one stream.
 */
public final class ChatTextDelta implements Predicate<JsonTokens> {
    private String text;
    private String serviceTier;

    /** The text of the last chunk recognised. */
    public String text() {
        return text;
    }

    /** The last chunk's {@code service_tier}, or {@code null}. */
    public String serviceTier() {
        return serviceTier;
    }

    @Override
    public boolean test(JsonTokens t) {
        text = null;
        serviceTier = null;
        if (t.next() != START_OBJECT) {
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
                case "id" -> {
                    bit = 1;
                    ok = stringOrNull(t.next());
                }
                case "object" -> {
                    bit = 2;
                    ok = stringOrNull(t.next());
                }
                case "created" -> {
                    bit = 4;
                    int v = t.next();
                    ok = v == INTEGER || v == NULL;
                }
                case "model" -> {
                    bit = 8;
                    ok = stringOrNull(t.next());
                }
                case "choices" -> {
                    bit = 16;
                    ok = choices(t);
                }
                case "usage" -> {
                    bit = 32;
                    ok = t.next() == NULL;
                }
                case "service_tier" -> {
                    bit = 64;
                    int v = t.next();
                    ok = v == NULL || v == STRING;
                    if (v == STRING) {
                        serviceTier = t.text();
                    }
                }
                case "system_fingerprint" -> {
                    bit = 128;
                    ok = stringOrNull(t.next());
                }
                // {"error": ...} fails the stream; "type" may make it an error frame: the record path decides
                case "error", "type" -> {
                    return false;
                }
                default -> {
                    if (unknown) {
                        return false; // a second unknown member: the record path checks them for duplicates
                    }
                    unknown = true;
                    bit = 0;
                    ok = scalar(t.next());
                }
            }
            if (!ok || (seen & bit) != 0) {
                return false;
            }
            seen |= bit;
        }
        return (seen & 16) != 0 && text != null && t.next() == EOF;
    }

    /** Exactly one choice, index 0 (or none given), a text delta, no finish reason, no logprobs. */
    private boolean choices(JsonTokens t) {
        if (t.next() != START_ARRAY || t.next() != START_OBJECT) {
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
                case "index" -> {
                    bit = 1;
                    int v = t.next();
                    ok = v == NULL || (v == INTEGER && t.longValue() == 0);
                }
                case "delta" -> {
                    bit = 2;
                    ok = t.next() == START_OBJECT && delta(t);
                }
                case "finish_reason" -> {
                    bit = 4;
                    ok = t.next() == NULL;
                }
                case "logprobs" -> {
                    bit = 8;
                    ok = t.next() == NULL;
                }
                default -> {
                    if (unknown) {
                        return false;
                    }
                    unknown = true;
                    bit = 0;
                    ok = scalar(t.next());
                }
            }
            if (!ok || (seen & bit) != 0) {
                return false;
            }
            seen |= bit;
        }
        return t.next() == END_ARRAY;
    }

    /** A delta with non-empty {@code content} and nothing else that means anything ({@code role} aside). */
    private boolean delta(JsonTokens t) {
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
                case "content" -> {
                    bit = 1;
                    ok = t.next() == STRING;
                    if (ok) {
                        text = t.text();
                        ok = !text.isEmpty();
                    }
                }
                case "role" -> {
                    bit = 2;
                    ok = stringOrNull(t.next());
                }
                case "refusal" -> {
                    bit = 4;
                    ok = t.next() == NULL;
                }
                case "tool_calls" -> {
                    bit = 8;
                    ok = t.next() == NULL;
                }
                case "reasoning_content" -> {
                    bit = 16;
                    ok = t.next() == NULL;
                }
                case "function_call" -> {
                    bit = 32;
                    ok = t.next() == NULL;
                }
                // vendor members the translation reads from the delta's unknown fields
                case "reasoning", "annotations" -> {
                    return false;
                }
                default -> {
                    if (unknown) {
                        return false;
                    }
                    unknown = true;
                    bit = 0;
                    ok = scalar(t.next());
                }
            }
            if (!ok || (seen & bit) != 0) {
                return false;
            }
            seen |= bit;
        }
        return (seen & 1) != 0;
    }

    private static boolean stringOrNull(int token) {
        return token == STRING || token == NULL;
    }

    private static boolean scalar(int token) {
        return token == STRING || token == TRUE || token == FALSE || token == NULL;
    }
}
