package dev.crosswalk.bridge;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches configuration files (the routes file, the client keys file) and calls back once they have settled after a
 * change. It watches their directories, not the files, so that every way a file gets replaced is seen:
 * <ul>
 *   <li>written in place ({@code >}, most tools);</li>
 *   <li>written beside and renamed over it (vim, emacs, IntelliJ, {@code sed -i}, Ansible, atomic writers);</li>
 *   <li>a Kubernetes ConfigMap volume: {@code crosswalk.yaml -> ..data/crosswalk.yaml}, where an update swaps the
 *       {@code ..data} symlink to a new timestamped directory (events on {@code ..data}, not on the file);</li>
 *   <li>a file that is a symlink elsewhere: the target's directory is watched too, re-resolved after each change.</li>
 * </ul>
 * Events on other names in those directories (a log file beside the config) are ignored. A burst of events (an editor
 * writes a backup, renames, sets attributes) becomes one call once no relevant event came for the quiet period; the
 * callback then compares the content with what it last read (see {@link RoutesReloader#reloadIfChanged}), so a touch
 * reloads nothing.
 *
 * <pre>{@code
 * ConfigWatcher watcher = ConfigWatcher.start(List.of(routesFile, keysFile), Duration.ofMillis(300),
 *         () -> reloader.reloadIfChanged("watch"));
 * }</pre>
 */
final class ConfigWatcher implements AutoCloseable {
    /** How long the files must stay quiet after a change before they are read. */
    static final Duration QUIET = Duration.ofMillis(300);

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final WatchService watch;
    private final List<Path> files;
    private final Duration quiet;
    private final Runnable changed;
    /** The directories watched and, for each, the file names in it that matter. */
    private final Map<WatchKey, Set<String>> names = new HashMap<>();
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private ConfigWatcher(WatchService watch, List<Path> files, Duration quiet, Runnable changed) {
        this.watch = watch;
        this.files = files.stream().map(Path::toAbsolutePath).toList();
        this.quiet = quiet;
        this.changed = changed;
        this.thread = new Thread(this::run, "crosswalk-config-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching {@code files}.
     *
     * @param quiet how long no relevant event may come before {@code changed} runs
     * @param changed what to run after a change; exceptions are logged, the watch goes on
     * @throws IOException if the platform cannot watch the files' directories
     */
    static ConfigWatcher start(List<Path> files, Duration quiet, Runnable changed) throws IOException {
        WatchService service = files.get(0).toAbsolutePath().getFileSystem().newWatchService();
        ConfigWatcher watcher = new ConfigWatcher(service, files, quiet, changed);
        try {
            watcher.register();
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        watcher.thread.start();
        return watcher;
    }

    /**
     * Watches each file's directory (for the file's name and Kubernetes' {@code ..data} swaps) and, when the file is a
     * symlink, the directory of what it points to now.
     */
    private synchronized void register() throws IOException {
        keys.values().removeIf(k -> !k.isValid());
        names.keySet().removeIf(k -> !k.isValid());
        for (Path file : files) {
            watchDir(file.getParent(), file.getFileName().toString());
            try {
                Path real = file.toRealPath();
                if (!real.getParent().equals(file.getParent())) {
                    watchDir(real.getParent(), real.getFileName().toString());
                }
            } catch (IOException missing) {
                // Not there right now (mid-replacement): its directory's events still come.
            }
        }
    }

    private void watchDir(Path dir, String name) throws IOException {
        WatchKey key = keys.get(dir);
        if (key == null) {
            if (!Files.isDirectory(dir)) {
                return;
            }
            key = dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            keys.put(dir, key);
        }
        names.computeIfAbsent(key, k -> new HashSet<>()).add(name);
    }

    private void run() {
        try {
            while (!closed) {
                if (!relevant(watch.take())) {
                    continue;
                }
                // Settle: wait until no relevant event came for the quiet period (unrelated ones do not extend it).
                long deadline = System.nanoTime() + quiet.toNanos();
                for (long left = quiet.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                    WatchKey next = watch.poll(left, TimeUnit.NANOSECONDS);
                    if (next != null && relevant(next)) {
                        deadline = System.nanoTime() + quiet.toNanos();
                    }
                }
                try {
                    register();
                } catch (IOException e) {
                    log.warn("cannot watch the directories of {}: {}", files, e.getMessage());
                }
                try {
                    changed.run();
                } catch (RuntimeException e) {
                    log.error("reload after a change of {} failed", files, e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Whether the key's events touch a watched file (or a Kubernetes {@code ..} entry, or may have been lost). */
    private boolean relevant(WatchKey key) {
        Set<String> wanted;
        synchronized (this) {
            wanted = names.getOrDefault(key, Set.of());
        }
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
            } else if (event.context() instanceof Path name) {
                String n = name.toString();
                relevant |= wanted.contains(n) || n.startsWith("..");
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        closed = true;
        try {
            watch.close();
        } catch (IOException e) {
            log.debug("closing the config watch: {}", e.getMessage());
        }
    }
}
