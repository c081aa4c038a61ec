package dev.crosswalk.bridge;

import dev.crosswalk.bridge.http.BridgeServer;
import dev.crosswalk.bridge.http.ClientKeys;
import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.bridge.route.RoutesFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the routes file and the client keys file into a running bridge (on {@code SIGHUP}). A file that does not
 * read or validate changes nothing: the bridge keeps its configuration and the log says why.
 */
final class RoutesReloader {
    private static final Logger log = LoggerFactory.getLogger(RoutesReloader.class);

    private final Path routesFile;
    private final Path clientKeysFile;
    private final Map<String, String> env;
    private final BridgeServer server;

    RoutesReloader(Path routesFile, Path clientKeysFile, Map<String, String> env, BridgeServer server) {
        this.routesFile = routesFile;
        this.clientKeysFile = clientKeysFile;
        this.env = env;
        this.server = server;
    }

    /** Reloads; returns whether the new configuration is in force. */
    synchronized boolean reload() {
        try {
            RoutesConfig routes = RoutesFile.load(routesFile, env);
            ClientKeys keys = clientKeysFile == null ? null : ClientKeys.load(clientKeysFile);
            server.reload(routes, keys);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            log.error("reload of {} failed; the running configuration stays: {}", routesFile, e.getMessage());
            return false;
        }
    }

    /** Reloads on every {@code SIGHUP} (where the platform has it; elsewhere a warning says reload needs a restart). */
    static void onSighup(RoutesReloader reloader) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reloader.reload());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP is not available here ({}); a change to {} needs a restart", e.getMessage(), reloader.routesFile);
        }
    }
}
