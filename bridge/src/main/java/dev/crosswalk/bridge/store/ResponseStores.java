package dev.crosswalk.bridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * Opens the store named on the command line: {@code memory}, or a JDBC URL.
 *
 * <pre>{@code
 * ResponseStore store = ResponseStores.open("jdbc:postgresql://db:5432/crosswalk", "bridge", password,
 *         10_000, Duration.ofHours(24), Clock.systemUTC());
 * }</pre>
 */
public final class ResponseStores {
    /** The name of the in-memory store. */
    public static final String MEMORY = "memory";

    private ResponseStores() {
    }

    /**
     * @param spec {@code memory} or a JDBC URL ({@code jdbc:postgresql://…}, {@code jdbc:h2:file:…})
     * @param user the database user, or {@code null} (then the URL may carry it)
     * @param password the database password, or {@code null}
     * @param maxEntries the in-memory store's count bound
     * @param maxAge how long turns are kept
     * @param clock tells the age of entries
     * @throws IllegalArgumentException if the spec is neither
     * @throws StoreException if the database cannot be reached or its table created
     */
    public static ResponseStore open(String spec, String user, String password, int maxEntries, Duration maxAge, Clock clock) {
        return open(spec, user, password, maxEntries, Long.MAX_VALUE, maxAge, clock);
    }

    /**
     * Like {@link #open(String, String, String, int, Duration, Clock)}, with the store also bounded by bytes.
     *
     * @param maxBytes the store's byte bound, {@link Long#MAX_VALUE} for none: heap for the memory store (see
     *        {@link InMemoryResponseStore#sizeOf}), the rows' UTF-8 JSON for a JDBC store (see {@link JdbcResponseStore#sizeOf})
     */
    public static ResponseStore open(String spec, String user, String password, int maxEntries, long maxBytes, Duration maxAge, Clock clock) {
        if (MEMORY.equals(spec)) {
            return new InMemoryResponseStore(maxEntries, maxBytes, maxAge, clock);
        }
        if (spec == null || !spec.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--store must be 'memory' or a JDBC URL (jdbc:postgresql://..., jdbc:h2:file:...)");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("crosswalk-store");
        config.setJdbcUrl(spec);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // The driver's message may quote the URL, which may hold a password: never repeat either.
            throw new StoreException("cannot connect to the response store (" + describe(spec) + "): "
                    + scrub(rootMessage(e), spec, password), null);
        }
        try {
            return new JdbcResponseStore(pool, maxBytes, maxAge, clock, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t.getCause() != null && depth < 10; depth++) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String scrub(String message, String spec, String password) {
        String m = message.replace(spec, describe(spec) + ":***");
        return password == null || password.isEmpty() ? m : m.replace(password, "***");
    }

    /** The URL without anything that could be a secret: {@code jdbc:postgresql}, {@code jdbc:h2}. */
    public static String describe(String spec) {
        if (spec == null || !spec.startsWith("jdbc:")) {
            return String.valueOf(spec);
        }
        int second = spec.indexOf(':', 5);
        return second < 0 ? spec : spec.substring(0, second);
    }
}
