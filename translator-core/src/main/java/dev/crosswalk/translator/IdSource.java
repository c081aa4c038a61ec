package dev.crosswalk.translator;

import java.security.SecureRandom;
import java.util.HashMap;
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

    /**
     * Random ids: the prefix and 24 random bytes in hex, like the ids OpenAI mints. Thread-safe.
     *
     * <p>Every byte comes from {@link SecureRandom}, so ids stay unguessable (a client cannot predict another
     * stream's {@code resp_} id from its own); the bytes are drawn 1 KiB at a time, which spares one lock and one
     * system entropy read per id.
     */
    static IdSource random() {
        return new RandomIds(new SecureRandom());
    }

    /** Deterministic ids, numbered from 1 per prefix ({@code msg_1}, {@code msg_2}, {@code fc_1}). Not thread-safe. */
    static IdSource sequential() {
        Map<String, Integer> counters = new HashMap<>();
        return prefix -> prefix + counters.merge(prefix, 1, Integer::sum);
    }
}

/**
 * {@link IdSource#random()}: secure random bytes, drawn in blocks, as lower-case hex. Each thread draws its own block
 * (a bridge's event loops mint ids for every stream: one lock shared by all of them made each wait whenever its holder
 * was descheduled mid-draw, tens of milliseconds on a busy machine); the {@link SecureRandom} is shared.
 */
final class RandomIds implements IdSource {
    private static final int ID_BYTES = 24;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final SecureRandom random;
    private final ThreadLocal<Block> blocks = ThreadLocal.withInitial(Block::new);

    /** One thread's unused random bytes. */
    private static final class Block {
        final byte[] bytes = new byte[ID_BYTES * 42];
        int used = bytes.length;
    }

    RandomIds(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String next(String prefix) {
        Block block = blocks.get();
        if (block.used == block.bytes.length) {
            random.nextBytes(block.bytes);
            block.used = 0;
        }
        byte[] hex = new byte[2 * ID_BYTES];
        for (int i = 0; i < ID_BYTES; i++) {
            int b = block.bytes[block.used + i] & 0xff;
            hex[2 * i] = HEX[b >>> 4];
            hex[2 * i + 1] = HEX[b & 0xf];
        }
        block.used += ID_BYTES;
        return prefix.concat(new String(hex, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
