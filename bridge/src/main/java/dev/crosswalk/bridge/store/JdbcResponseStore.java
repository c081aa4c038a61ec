package dev.crosswalk.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store in a SQL database through JDBC: PostgreSQL to share turns between bridge instances, or an embedded file
 * database (H2) on a single machine. One table, {@code crosswalk_responses}, created if missing; entries older than
 * the age bound are ignored on read and deleted from time to time.
 *
 * <pre>{@code
 * CREATE TABLE crosswalk_responses (id VARCHAR(255) PRIMARY KEY, owner VARCHAR(128) NOT NULL,
 *     created_at BIGINT NOT NULL, response_json TEXT NOT NULL, input_items_json TEXT NOT NULL)
 * }</pre>
 *
 * <pre>{@code
 * DataSource pool = ...; // e.g. HikariCP over jdbc:postgresql://db/crosswalk
 * ResponseStore store = new JdbcResponseStore(pool, Duration.ofDays(1), Clock.systemUTC());
 * }</pre>
 *
 * <p>Only portable SQL is used (VARCHAR, BIGINT, TEXT, no upsert dialect): a replacement is a delete and an insert in
 * one transaction.
 */
public final class JdbcResponseStore implements ResponseStore {
    /** The table's name. */
    public static final String TABLE = "crosswalk_responses";

    private static final Logger log = LoggerFactory.getLogger(JdbcResponseStore.class);
    private static final long PURGE_INTERVAL_MILLIS = 60_000;

    private final DataSource dataSource;
    private final Duration maxAge;
    private final Clock clock;
    private final AutoCloseable onClose;
    private final AtomicLong lastPurge = new AtomicLong();

    /** A store over {@code dataSource}; the caller keeps ownership of the data source. */
    public JdbcResponseStore(DataSource dataSource, Duration maxAge, Clock clock) {
        this(dataSource, maxAge, clock, () -> { });
    }

    /**
     * @param dataSource where the table lives
     * @param maxAge how long a turn is kept
     * @param clock tells the age of entries
     * @param onClose run by {@link #close()}, e.g. to close a pool the store owns
     * @throws StoreException if the table cannot be created or read
     */
    public JdbcResponseStore(DataSource dataSource, Duration maxAge, Clock clock, AutoCloseable onClose) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        this.dataSource = dataSource;
        this.maxAge = maxAge;
        this.clock = clock;
        this.onClose = onClose;
        createTable();
    }

    @Override
    public void put(StoredResponse response) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO " + TABLE + " (id, owner, created_at, response_json, input_items_json) VALUES (?, ?, ?, ?, ?)")) {
                delete.setString(1, response.id());
                delete.executeUpdate();
                insert.setString(1, response.id());
                insert.setString(2, response.owner());
                insert.setLong(3, response.createdAt().toEpochMilli());
                insert.setString(4, response.responseJson());
                insert.setString(5, response.inputItemsJson());
                insert.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store response " + response.id() + ": " + e.getMessage(), e);
        }
        purgeNowAndThen();
    }

    @Override
    public Optional<StoredResponse> get(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT owner, created_at, response_json, input_items_json FROM " + TABLE + " WHERE id = ? AND created_at >= ?")) {
            select.setString(1, id);
            select.setLong(2, cutoff());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredResponse(id, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read response " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ? AND created_at >= ?")) {
            delete.setString(1, id);
            delete.setLong(2, cutoff());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("cannot delete response " + id + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every entry older than the age bound; returns how many. */
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE created_at < ?")) {
            delete.setLong(1, cutoff());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot purge expired responses: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            log.warn("closing the response store failed: {}", e.toString());
        }
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
                    + " created_at BIGINT NOT NULL, response_json TEXT NOT NULL, input_items_json TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_created_at ON " + TABLE + " (created_at)");
        } catch (SQLException e) {
            // Several instances starting at once may race on CREATE ... IF NOT EXISTS (PostgreSQL reports a unique
            // violation in its catalog): what matters is that the table is there now.
            if (!tableExists()) {
                throw new StoreException("cannot create table " + TABLE + ": " + e.getMessage(), e);
            }
        }
    }

    private boolean tableExists() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT id FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
