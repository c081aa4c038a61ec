package dev.crosswalk.bridge.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

/**
 * Empty databases for store tests, one per call, so that a test's counts and budgets are its own: a new database on
 * the shared test PostgreSQL server, or a new H2 file in a directory removed when the JVM exits.
 */
public final class TestDatabases {
    private static Path h2Dir;

    private TestDatabases() {
    }

    /**
     * @param kind {@code postgres} or {@code h2}
     * @return the JDBC URL of an empty database
     */
    public static String fresh(String kind) {
        String name = "db_" + System.nanoTime();
        try {
            if (kind.equals("h2")) {
                return "jdbc:h2:file:" + h2Dir().resolve(name) + ";DB_CLOSE_DELAY=-1";
            }
            String server = PostgresServer.shared().jdbcUrl();
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return server.replace("/postgres?", "/" + name + "?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path h2Dir() throws IOException {
        if (h2Dir == null) {
            Path dir = Files.createTempDirectory("crosswalk-h2");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // A temporary directory left behind is harmless.
                }
            }));
            h2Dir = dir;
        }
        return h2Dir;
    }
}
