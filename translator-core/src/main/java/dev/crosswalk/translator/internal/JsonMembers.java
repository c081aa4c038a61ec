package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.JsonTokens.END_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.FALSE;
import static dev.crosswalk.translator.internal.JsonTokens.INTEGER;
import static dev.crosswalk.translator.internal.JsonTokens.NAME;
import static dev.crosswalk.translator.internal.JsonTokens.NULL;
import static dev.crosswalk.translator.internal.JsonTokens.STRING;
import static dev.crosswalk.translator.internal.JsonTokens.TRUE;

/**
 * The member loop the delta readers share ({@link ChatDelta}, {@link ResponsesDelta}): each known member read once
 * (a bit per name; a repeat refuses, so the data binder reports the duplicate), at most one unknown member and only a
 * scalar one (live servers add one, such as {@code obfuscation}; two could repeat each other, which only the data
 * binder checks), anything else refused.
 */
final class JsonMembers {
    /** What a {@link Member} answers for a name it does not know, its value not read yet. */
    static final int UNKNOWN = 0;
    /** What a {@link Member} answers for a value the token path does not cover, and {@link #read} for a refusal. */
    static final int REFUSE = -1;

    private JsonMembers() {
    }

    /** Reads one member's value after its name. */
    interface Member {
        /** The member's bit (a power of two) once its value is read and covered, {@link #UNKNOWN} or {@link #REFUSE}. */
        int read(String name, JsonTokens t);
    }

    /** The members of an object whose start was read: the bits of the known ones seen, or {@link #REFUSE}. */
    static int read(JsonTokens t, Member member) {
        int seen = 0;
        boolean unknown = false;
        for (int token = t.next(); token != END_OBJECT; token = t.next()) {
            if (token != NAME) {
                return REFUSE;
            }
            int bit = member.read(t.text(), t);
            if (bit == UNKNOWN) {
                if (unknown || !scalar(t.next())) {
                    return REFUSE;
                }
                unknown = true;
            } else if (bit == REFUSE || (seen & bit) != 0) {
                return REFUSE;
            } else {
                seen |= bit;
            }
        }
        return seen;
    }

    /** Whether the members of an object whose start was read are covered and include every one of {@code required}. */
    static boolean read(JsonTokens t, Member member, int required) {
        int seen = read(t, member);
        return seen != REFUSE && (seen & required) == required;
    }

    /** {@code bit} if the value was covered, else {@link #REFUSE}. */
    static int bit(boolean covered, int bit) {
        return covered ? bit : REFUSE;
    }

    static boolean stringOrNull(int token) {
        return token == STRING || token == NULL;
    }

    /** An integer that fits in an {@code int}, or {@code null}; reads the value. */
    static boolean intOrNull(JsonTokens t) {
        int v = t.next();
        return v == NULL || (v == INTEGER && t.longValue() == (int) t.longValue());
    }

    private static boolean scalar(int token) {
        return token == STRING || token == TRUE || token == FALSE || token == NULL;
    }
}
