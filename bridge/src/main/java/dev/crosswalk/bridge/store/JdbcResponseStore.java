package dev.crosswalk.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store in a SQL database through JDBC: PostgreSQL to share turns between bridge instances, or an embedded file
 * database (H2) on a single machine. One table, {@code crosswalk_responses}, created if missing (and given the columns
 * it lacks, if an older bridge created it); expired and deleted rows nothing needs any more are deleted from time to
 * time.
 *
 * <pre>{@code
 * CREATE TABLE crosswalk_responses (id VARCHAR(255) PRIMARY KEY, owner VARCHAR(128) NOT NULL,
 *     created_at BIGINT NOT NULL, response_json TEXT NOT NULL, input_items_json TEXT NOT NULL,
 *     previous_id VARCHAR(255), stored_bytes BIGINT, deleted_at BIGINT)
 * }</pre>
 *
 * <pre>{@code
 * DataSource pool = ...; // e.g. HikariCP over jdbc:postgresql://db/crosswalk
 * ResponseStore store = new JdbcResponseStore(pool, 1L << 30, Duration.ofDays(1), Clock.systemUTC(), pool);
 * }</pre>
 *
 * <p>Each row is one turn's own items ({@link StoredResponse}); a conversation is read with one recursive query. A
 * deleted turn that later turns continue keeps its row, marked {@code deleted_at}, until nothing continues it.
 * {@code stored_bytes} is the UTF-8 size of a row's two JSON texts; with a byte budget, each insert is followed by
 * deleting rows until the table's sum is within it, the conversations least recently continued first (so several
 * bridges sharing the table share the budget; racing bridges may evict a little more than needed, never keep more for
 * long).
 *
 * <p>Only portable SQL is used (VARCHAR, BIGINT, TEXT, {@code WITH RECURSIVE}, {@code ADD COLUMN IF NOT EXISTS}, no
 * upsert dialect): a replacement is a delete and an insert in one transaction.
 */
public final class JdbcResponseStore implements ResponseStore {
    /** The table's name. */
    public static final String TABLE = "crosswalk_responses";

    private static final Logger log = LoggerFactory.getLogger(JdbcResponseStore.class);
    private static final long PURGE_INTERVAL_MILLIS = 60_000;
    private static final long USAGE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(15);
    // Each purge round deletes one generation of unneeded rows (a row goes once nothing continues it).
    private static final int PURGE_ROUNDS = 100;
    private static final int EVICTION_BATCH = 100;
    private static final String VISIBLE = "deleted_at IS NULL AND created_at >= ?";
    private static final String UNNEEDED = "(deleted_at IS NOT NULL OR created_at < ?)";

    private final DataSource dataSource;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final AutoCloseable onClose;
    private final AtomicLong lastPurge = new AtomicLong();
    private final ExecutorService counter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "crosswalk-store-usage");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile long countedAt;
    private volatile Usage usage;

    /** A store over {@code dataSource} with no byte budget; the caller keeps ownership of the data source. */
    public JdbcResponseStore(DataSource dataSource, Duration maxAge, Clock clock) {
        this(dataSource, Long.MAX_VALUE, maxAge, clock, () -> { });
    }

    /** A store with no byte budget. */
    public JdbcResponseStore(DataSource dataSource, Duration maxAge, Clock clock, AutoCloseable onClose) {
        this(dataSource, Long.MAX_VALUE, maxAge, clock, onClose);
    }

    /**
     * @param dataSource where the table lives
     * @param maxBytes the most the table's rows may take together (their {@code stored_bytes}); the oldest go first
     * @param maxAge how long a turn is kept
     * @param clock tells the age of entries
     * @param onClose run by {@link #close()}, e.g. to close a pool the store owns
     * @throws StoreException if the table cannot be created, migrated or read
     */
    public JdbcResponseStore(DataSource dataSource, long maxBytes, Duration maxAge, Clock clock, AutoCloseable onClose) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.dataSource = dataSource;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
        this.onClose = onClose;
        createTable();
        refreshUsage();
    }

    /**
     * @throws StoreException if the turn could not be stored, or if it alone is larger than the byte budget
     */
    @Override
    public void put(StoredResponse response) {
        long size = sizeOf(response);
        if (size > maxBytes) {
            throw new StoreException("response " + response.id() + " takes " + size + " bytes, more than the store's budget of "
                    + maxBytes, null);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                         + " (id, owner, created_at, response_json, input_items_json, previous_id, stored_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, response.id());
                delete.executeUpdate();
                insert.setString(1, response.id());
                insert.setString(2, response.owner());
                insert.setLong(3, response.createdAt().toEpochMilli());
                insert.setString(4, response.responseJson());
                insert.setString(5, response.inputItemsJson());
                insert.setString(6, response.previousId());
                insert.setLong(7, size);
                insert.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store response " + response.id() + ": " + e.getMessage(), e);
        }
        if (maxBytes != Long.MAX_VALUE) {
            // The turn is stored: a failure to evict only delays eviction to the next insert.
            try {
                evictBeyondBudget(response.id());
            } catch (StoreException e) {
                log.warn("{}", e.getMessage());
            }
        }
        purgeNowAndThen();
    }

    @Override
    public Optional<StoredResponse> get(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT owner, created_at, response_json, input_items_json, previous_id FROM "
                     + TABLE + " WHERE id = ? AND " + VISIBLE)) {
            select.setString(1, id);
            select.setLong(2, cutoff());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredResponse(id, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read response " + id + ": " + e.getMessage(), e);
        }
    }

    /** One query: the visible turn, then its ancestors whatever their state, joined back to their rows. */
    @Override
    public List<StoredResponse> chain(String id) {
        String sql = "WITH RECURSIVE chain (id, previous_id, depth) AS ("
                + " SELECT id, previous_id, 0 FROM " + TABLE + " WHERE id = ? AND " + VISIBLE
                + " UNION ALL SELECT r.id, r.previous_id, c.depth + 1 FROM " + TABLE + " r JOIN chain c ON r.id = c.previous_id"
                + " WHERE c.depth < ?)"
                + " SELECT r.id, r.owner, r.created_at, r.response_json, r.input_items_json, r.previous_id FROM chain c JOIN "
                + TABLE + " r ON r.id = c.id ORDER BY c.depth DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, id);
            select.setLong(2, cutoff());
            select.setInt(3, MAX_CHAIN - 1);
            List<StoredResponse> chain = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    chain.add(new StoredResponse(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return chain;
        } catch (SQLException e) {
            throw new StoreException("cannot read the conversation of response " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement hide = c.prepareStatement("UPDATE " + TABLE + " SET deleted_at = ? WHERE id = ? AND " + VISIBLE)) {
                hide.setLong(1, clock.millis());
                hide.setString(2, id);
                hide.setLong(3, cutoff());
                if (hide.executeUpdate() == 0) {
                    return false;
                }
            }
            release(c, id);
            return true;
        } catch (SQLException e) {
            throw new StoreException("cannot delete response " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the row if it is hidden and nothing continues it, then its ancestors on the same terms, one step at a
     * time (a loop, not recursion: chains may be long).
     */
    private void release(Connection c, String id) throws SQLException {
        try (PreparedStatement previous = c.prepareStatement("SELECT previous_id FROM " + TABLE + " WHERE id = ?");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ? AND " + UNNEEDED
                     + " AND NOT EXISTS (SELECT 1 FROM " + TABLE + " k WHERE k.previous_id = ?)")) {
            String next = id;
            for (int depth = 0; next != null && depth < MAX_CHAIN; depth++) {
                previous.setString(1, next);
                String parent;
                try (ResultSet rs = previous.executeQuery()) {
                    parent = rs.next() ? rs.getString(1) : null;
                }
                delete.setString(1, next);
                delete.setLong(2, cutoff());
                delete.setString(3, next);
                if (delete.executeUpdate() == 0) {
                    return;
                }
                next = parent;
            }
        }
    }

    /**
     * Deletes every row nothing needs: expired or deleted, and continued by no other row (a round per generation, so
     * a long expired conversation may take a few calls); returns how many.
     */
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " r WHERE (r.deleted_at IS NOT NULL OR r.created_at < ?)"
                     + " AND NOT EXISTS (SELECT 1 FROM " + TABLE + " k WHERE k.previous_id = r.id)")) {
            int total = 0;
            for (int round = 0; round < PURGE_ROUNDS; round++) {
                delete.setLong(1, cutoff());
                int deleted = delete.executeUpdate();
                if (deleted == 0) {
                    break;
                }
                total += deleted;
            }
            return total;
        } catch (SQLException e) {
            throw new StoreException("cannot purge expired responses: " + e.getMessage(), e);
        }
    }

    /**
     * The table's size as of the latest count: counted at most every 15 seconds, in the background, so reading it (a
     * metrics scrape) never waits for the database.
     */
    @Override
    public Optional<Usage> usage() {
        long now = System.nanoTime();
        if (now - countedAt >= USAGE_INTERVAL_NANOS && counting.compareAndSet(false, true)) {
            try {
                counter.execute(() -> {
                    try {
                        refreshUsage();
                    } catch (StoreException e) {
                        log.warn("{}", e.getMessage());
                    } finally {
                        counting.set(false);
                    }
                });
            } catch (RejectedExecutionException closed) {
                counting.set(false);
            }
        }
        return Optional.ofNullable(usage);
    }

    /** Counts the table's rows and bytes now (what {@link #usage()} reports until the next count). */
    public Usage refreshUsage() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(stored_bytes), 0) FROM " + TABLE)) {
            rs.next();
            Usage counted = new Usage(rs.getLong(1), rs.getLong(2));
            usage = counted;
            countedAt = System.nanoTime();
            return counted;
        } catch (SQLException e) {
            throw new StoreException("cannot count the stored responses: " + e.getMessage(), e);
        }
    }

    /** What a turn counts against the byte budget: the UTF-8 bytes of its response and input items. */
    public static long sizeOf(StoredResponse r) {
        return utf8Length(r.responseJson()) + utf8Length(r.inputItemsJson());
    }

    @Override
    public void close() {
        counter.shutdownNow();
        try {
            onClose.close();
        } catch (Exception e) {
            log.warn("closing the response store failed: {}", e.toString());
        }
    }

    /**
     * Deletes rows until the table's rows take no more than the budget, never {@code kept}: first the oldest rows no
     * row continues (the latest turns of the conversations least recently continued, so a stale conversation goes
     * whole, from its end, before an active one loses anything), a batch per round; only if every other row is
     * continued, the oldest rows, whose later turns' chains then break.
     */
    private void evictBeyondBudget(String kept) {
        String leaves = "SELECT r.id, r.stored_bytes FROM " + TABLE + " r WHERE r.id <> ? AND NOT EXISTS (SELECT 1 FROM " + TABLE
                + " k WHERE k.previous_id = r.id) ORDER BY r.created_at, r.id FETCH FIRST " + EVICTION_BATCH + " ROWS ONLY";
        String oldest = "SELECT id, stored_bytes FROM " + TABLE + " WHERE id <> ? ORDER BY created_at, id FETCH FIRST "
                + EVICTION_BATCH + " ROWS ONLY";
        int evicted = 0;
        try (Connection c = dataSource.getConnection();
             Statement sum = c.createStatement();
             PreparedStatement selectLeaves = c.prepareStatement(leaves);
             PreparedStatement selectOldest = c.prepareStatement(oldest);
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
            for (int round = 0; round < MAX_CHAIN; round++) {
                long total;
                try (ResultSet rs = sum.executeQuery("SELECT COALESCE(SUM(stored_bytes), 0) FROM " + TABLE)) {
                    rs.next();
                    total = rs.getLong(1);
                }
                if (total <= maxBytes) {
                    break;
                }
                List<String> victims = pick(selectLeaves, kept, total);
                if (victims.isEmpty()) {
                    victims = pick(selectOldest, kept, total);
                }
                if (victims.isEmpty()) {
                    break;
                }
                for (String id : victims) {
                    delete.setString(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
                evicted += victims.size();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot evict responses beyond the store's budget: " + e.getMessage(), e);
        }
        log.debug("evicted {} stored responses beyond the store's budget of {} bytes", evicted, maxBytes);
    }

    /** The first rows of {@code select} (oldest first) that bring {@code total} within the budget. */
    private List<String> pick(PreparedStatement select, String kept, long total) throws SQLException {
        List<String> victims = new ArrayList<>();
        select.setString(1, kept);
        try (ResultSet rs = select.executeQuery()) {
            while (total > maxBytes && rs.next()) {
                victims.add(rs.getString(1));
                total -= rs.getLong(2);
            }
        }
        return victims;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private long cutoff() {
        return clock.instant().minus(maxAge).toEpochMilli();
    }

    // Expired rows are invisible anyway; deleting them is housekeeping, so at most once a minute and never fatal.
    private void purgeNowAndThen() {
        long now = clock.millis();
        long last = lastPurge.get();
        if (now - last >= PURGE_INTERVAL_MILLIS && lastPurge.compareAndSet(last, now)) {
            try {
                purgeExpired();
            } catch (StoreException e) {
                log.warn("{}", e.getMessage());
            }
        }
    }

    private void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(255) NOT NULL PRIMARY KEY, owner VARCHAR(128) NOT NULL,"
                    + " created_at BIGINT NOT NULL, response_json TEXT NOT NULL, input_items_json TEXT NOT NULL,"
                    + " previous_id VARCHAR(255), stored_bytes BIGINT, deleted_at BIGINT)");
            s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_created_at ON " + TABLE + " (created_at)");
        } catch (SQLException e) {
            // Several instances starting at once may race on CREATE ... IF NOT EXISTS (PostgreSQL reports a unique
            // violation in its catalog): what matters is that the table is there now.
            if (!hasColumns("id")) {
                throw new StoreException("cannot create table " + TABLE + ": " + e.getMessage(), e);
            }
        }
        migrate();
    }

    /**
     * Gives a table made by an older bridge (one full context per row) the columns turns now need. Its rows stay
     * readable as they are: with no {@code previous_id}, each is a first turn holding all it saw.
     */
    private void migrate() {
        String columns = "previous_id, stored_bytes, deleted_at";
        if (!hasColumns(columns)) {
            for (String column : List.of("previous_id VARCHAR(255)", "stored_bytes BIGINT", "deleted_at BIGINT")) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS " + column);
                } catch (SQLException e) {
                    log.debug("adding column {} to {}: {}", column, TABLE, e.getMessage());
                }
            }
            if (!hasColumns(columns)) {
                throw new StoreException("cannot add the columns " + columns + " to table " + TABLE
                        + " (the database user needs ALTER TABLE once)", null);
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_previous_id ON " + TABLE + " (previous_id)");
            // Rows from before the column, or from an older bridge sharing the table, count too.
            s.executeUpdate("UPDATE " + TABLE + " SET stored_bytes = OCTET_LENGTH(response_json) + OCTET_LENGTH(input_items_json)"
                    + " WHERE stored_bytes IS NULL");
        } catch (SQLException e) {
            if (!hasColumns(columns)) {
                throw new StoreException("cannot migrate table " + TABLE + ": " + e.getMessage(), e);
            }
            log.warn("cannot index or count the rows of {}: {}", TABLE, e.getMessage());
        }
    }

    private boolean hasColumns(String columns) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT " + columns + " FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
