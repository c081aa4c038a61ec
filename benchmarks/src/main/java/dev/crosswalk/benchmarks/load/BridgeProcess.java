package dev.crosswalk.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code crosswalk serve} as a child process on a free loopback port, so that its memory is its own: peak resident
 * set from {@code /proc/PID/status} ({@code VmHWM}), CPU time from {@code /proc/PID/stat}. Its output (the startup
 * line and the access log) goes to a log file.
 */
final class BridgeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/v1");

    private final Process process;
    private final int port;
    private final List<String> command;
    private final Thread reaper;

    private BridgeProcess(Process process, int port, List<String> command, Thread reaper) {
        this.process = process;
        this.port = port;
        this.command = command;
        this.reaper = reaper;
    }

    /**
     * Starts the bridge over a Chat Completions upstream and waits until it listens.
     *
     * @param jvmOptions options for the bridge's JVM (heap size), may be empty
     * @param routes a routes file to serve instead of {@code --upstream upstreamBase}, or {@code null}
     * @param log where the bridge's stdout and stderr go
     */
    static BridgeProcess start(Path jar, List<String> jvmOptions, String upstreamBase, Path routes, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        command.addAll(routes == null ? List.of("--upstream", upstreamBase, "--upstream-api", "chat") : List.of("--config", routes.toString()));
        command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--shutdown-grace", "2s"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // A load run that is interrupted must not leave its bridge behind.
        Thread reaper = new Thread(process::destroyForcibly, "bridge-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.write('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (!port.isDone() && m.find()) {
                        out.flush();
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the bridge exited before listening; see " + log));
        }, "bridge-output");
        drain.setDaemon(true);
        drain.start();
        try {
            return new BridgeProcess(process, port.get(60, TimeUnit.SECONDS), command, reaper);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the bridge did not start: " + e.getMessage() + " (log: " + log + ")", e);
        }
    }

    int port() {
        return port;
    }

    List<String> command() {
        return command;
    }

    /** The peak resident set size so far, in KiB ({@code VmHWM}). */
    long peakRssKib() throws IOException {
        return status("VmHWM");
    }

    /** The resident set size now, in KiB ({@code VmRSS}). */
    long rssKib() throws IOException {
        return status("VmRSS");
    }

    long pid() {
        return process.pid();
    }

    /** CPU time so far. */
    ProcStat.Ticks cpu() throws IOException {
        return ProcStat.process(process.pid());
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IOException(field + " not in /proc/" + process.pid() + "/status");
    }

    /** SIGTERM (the bridge shuts down gracefully), then SIGKILL if it takes more than 15 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, on a process that is gone
        }
    }
}
