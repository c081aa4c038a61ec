package dev.crosswalk.translator;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Mints the ids a translation must invent ({@code resp_…}, {@code msg_…}, {@code fc_…}, {@code chatcmpl-…}).
 * The prefix passed in already ends with the protocol's separator ({@code "resp_"}, {@code "chatcmpl-"}).
 *
 * <pre>{@code
 * IdSource ids = IdSource.sequential();   // resp_1, msg_1, fc_1, fc_2 ... for tests and golden files
 * IdSource ids = IdSource.random();       // resp_6f1c... (default)
 * }</pre>
 */
@FunctionalInterface
public interface IdSource {

    /** A new id that starts with {@code prefix}. */
    String next(String prefix);

    /** Random ids: the prefix and 24 random bytes in hex, like the ids OpenAI mints. Thread-safe. */
    static IdSource random() {
        SecureRandom random = new SecureRandom();
        return prefix -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return prefix + HexFormat.of().formatHex(bytes);
        };
    }

    /** Deterministic ids, numbered from 1 per prefix ({@code msg_1}, {@code msg_2}, {@code fc_1}). Not thread-safe. */
    static IdSource sequential() {
        Map<String, Integer> counters = new HashMap<>();
        return prefix -> prefix + counters.merge(prefix, 1, Integer::sum);
    }
}
