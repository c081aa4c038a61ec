package dev.crosswalk.bridge.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, private to the test run: Debian's {@code postgresql} binaries (which
 * {@code .ci/run} installs) run a throw-away cluster on a free loopback port, with its socket and data in a temporary
 * directory. PostgreSQL refuses to run as root, so as root the cluster runs as the {@code postgres} user.
 * {@code CROSSWALK_TEST_POSTGRES_URL} (a JDBC URL) points the tests at an existing server instead.
 */
public final class PostgresServer implements AutoCloseable {
    private static PostgresServer shared;

    private final Path dir;
    private final Path bin;
    private final boolean asPostgresUser;
    private final String url;

    private PostgresServer(Path dir, Path bin, boolean asPostgresUser, String url) {
        this.dir = dir;
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
        this.url = url;
    }

    /** One server for the whole test run, stopped when the JVM exits. */
    public static synchronized PostgresServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            PostgresServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    System.err.println("could not stop the test PostgreSQL server: " + e);
                }
            }));
            shared = server;
        }
        return shared;
    }

    static PostgresServer start() throws IOException, InterruptedException {
        String external = System.getenv("CROSSWALK_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            return new PostgresServer(null, null, false, external);
        }
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("crosswalk-pg");
        if (root) {
            run(List.of("chown", "postgres", dir.toString()), false, null);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(dir, bin, root,
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"), root, dir);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
                "-w", "-t", "60", "start"), root, dir);
        return server;
    }

    public String jdbcUrl() {
        return url;
    }

    @Override
    public void close() throws IOException {
        if (dir == null) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"),
                    asPostgresUser, dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path findBinaries() {
        String configured = System.getenv("CROSSWALK_PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElseThrow(PostgresServer::missing);
            } catch (IOException e) {
                throw missing();
            }
        }
        throw missing();
    }

    private static IllegalStateException missing() {
        return new IllegalStateException("PostgreSQL server binaries not found: install Debian's postgresql package"
                + " (.ci/run does), set CROSSWALK_PG_BIN to their directory, or CROSSWALK_TEST_POSTGRES_URL to a server");
    }

    private static void run(List<String> command, boolean asPostgres, Path dir) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", full));
        }
        if (p.exitValue() != 0) {
            String log = dir != null && Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IOException(String.join(" ", full) + " failed (" + p.exitValue() + "):\n"
                    + new String(output, StandardCharsets.UTF_8) + log);
        }
    }
}
