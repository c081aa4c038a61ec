package dev.crosswalk.bridge;

import dev.crosswalk.bridge.http.BridgeServer;
import dev.crosswalk.bridge.http.ClientKeys;
import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.bridge.route.RoutesFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the routes file and the client keys file into a running bridge: on {@code SIGHUP}, and when
 * {@link ConfigWatcher} sees them change. A file that does not read or validate changes nothing: the bridge keeps its
 * configuration and the log says why (file and line, never a key).
 *
 * <p>Changes to the {@code serve:} section (port, timeouts, ...) are not applied by a reload; the log says they need
 * a restart.
 */
final class RoutesReloader {
    private static final Logger log = LoggerFactory.getLogger(RoutesReloader.class);

    private final Path routesFile;
    private final Path clientKeysFile;
    private final Map<String, String> env;
    private final BridgeServer server;
    private final Map<String, String> serveOptions;
    /** The digest of the files' content last read (whether it took effect or not), to tell a change from a touch. */
    private byte[] lastSeen;
    private long succeeded;
    private long failed;

    /**
     * @param routesFile the routes file, or {@code null} for a bridge with one upstream (then only the keys reload)
     * @param clientKeysFile the client keys file, or {@code null}
     */
    RoutesReloader(Path routesFile, Path clientKeysFile, Map<String, String> env, BridgeServer server) {
        this.routesFile = routesFile;
        this.clientKeysFile = clientKeysFile;
        this.env = env;
        this.server = server;
        Map<String, String> serve = Map.of();
        try {
            Contents now = read();
            lastSeen = now.digest();
            serve = now.routes() == null ? Map.of() : RoutesFile.serveOptions(routesFile.getFileName().toString(), now.routes());
        } catch (IOException | IllegalArgumentException e) {
            // The bridge started from these files a moment ago; whatever changed will show at the next reload.
            lastSeen = null;
        }
        this.serveOptions = serve;
    }

    /** The files this reloader reads. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (routesFile != null) {
            files.add(routesFile);
        }
        if (clientKeysFile != null) {
            files.add(clientKeysFile);
        }
        return files;
    }

    /** Reloads whatever the files hold; returns whether the new configuration is in force. */
    synchronized boolean reload(String trigger) {
        Contents contents;
        try {
            contents = read();
        } catch (IOException e) {
            return failed(trigger, "cannot read " + e.getMessage());
        }
        lastSeen = contents.digest();
        return apply(trigger, contents);
    }

    /** Reloads if the files' content differs from what was last read (a touch or an unrelated file changes nothing). */
    synchronized boolean reloadIfChanged(String trigger) {
        Contents contents;
        try {
            contents = read();
        } catch (IOException e) {
            // Mid-replacement (the old file gone, the new one not yet there) or unreadable: said once per state.
            byte[] missing = digest(List.of("unreadable: " + e.getMessage()));
            if (MessageDigest.isEqual(missing, lastSeen)) {
                return false;
            }
            lastSeen = missing;
            return failed(trigger, "cannot read " + e.getMessage());
        }
        if (MessageDigest.isEqual(contents.digest(), lastSeen)) {
            return false;
        }
        lastSeen = contents.digest();
        return apply(trigger, contents);
    }

    /** Reloads that took effect and that were refused, so far. */
    synchronized long[] counts() {
        return new long[] {succeeded, failed};
    }

    private boolean apply(String trigger, Contents contents) {
        try {
            RoutesConfig routes = contents.routes() == null ? null
                    : RoutesFile.parse(routesFile.getFileName().toString(), contents.routes(), env);
            ClientKeys keys = contents.keys() == null ? null
                    : ClientKeys.parse(clientKeysFile.getFileName().toString(), contents.keys());
            server.reload(routes, keys);
            if (routes != null) {
                Map<String, String> serve = RoutesFile.serveOptions(routesFile.getFileName().toString(), contents.routes());
                if (!Objects.equals(serve, serveOptions)) {
                    log.warn("the serve: section of {} changed: a reload applies upstreams, routes, limits and keys; "
                            + "serve: options need a restart", routesFile);
                }
            }
        } catch (IllegalArgumentException e) {
            return failed(trigger, e.getMessage());
        }
        succeeded++;
        server.metrics().configReload(trigger, true);
        return true;
    }

    private boolean failed(String trigger, String why) {
        failed++;
        server.metrics().configReload(trigger, false);
        log.error("reload of {} ({}) failed; the running configuration stays: {}", files(), trigger, why);
        return false;
    }

    private Contents read() throws IOException {
        String routes = routesFile == null ? null : Files.readString(routesFile, StandardCharsets.UTF_8);
        String keys = clientKeysFile == null ? null : Files.readString(clientKeysFile, StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        parts.add(String.valueOf(routes));
        parts.add(String.valueOf(keys));
        return new Contents(routes, keys, digest(parts));
    }

    private static byte[] digest(List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Contents(String routes, String keys, byte[] digest) {
    }

    /** Reloads on every {@code SIGHUP} (where the platform has it; elsewhere a warning says reload needs a restart). */
    static void onSighup(RoutesReloader reloader) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reloader.reload("sighup"));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP is not available here ({}); a change to {} needs a restart or the file watch", e.getMessage(), reloader.files());
        }
    }
}
