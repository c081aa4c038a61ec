package dev.crosswalk.bridge.http;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The access log, written by a thread of its own: an event loop hands its line over and goes on serving its other
 * streams. The logging backend writes each line with a system call under one lock that every thread shares, so an
 * event loop that logged itself waited whenever another holder of that lock was descheduled — 12–29 ms at a time in
 * the load run on a busy 2-core machine (JFR {@code jdk.JavaMonitorEnter}), and every stream on that loop with it.
 *
 * <p>Lines keep their order and none is dropped: when {@value #CAPACITY} lines wait (the log cannot keep up), the
 * caller waits for room, as it would have waited to write. {@link #close} writes what is left.
 */
final class AccessLog implements AutoCloseable {
    static final int CAPACITY = 8192;
    private static final Object[] STOP = new Object[0];

    /** One line: its format and arguments, formatted by the writer thread. */
    private record Line(String format, Object[] args) {
    }

    private final Logger logger;
    private final BlockingQueue<Object> lines = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;

    AccessLog(Logger logger) {
        this.logger = logger;
        this.writer = new Thread(this::write, "crosswalk-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    boolean enabled() {
        return logger.isInfoEnabled();
    }

    /** Logs {@code format} with {@code args} at INFO, soon, on the writer thread. */
    void info(String format, Object... args) {
        Line line = new Line(format, args);
        if (!lines.offer(line)) {
            try {
                lines.put(line);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                logger.info(format, args);
            }
        }
    }

    private void write() {
        try {
            for (Object next = lines.take(); next != STOP; next = lines.take()) {
                Line line = (Line) next;
                try {
                    logger.info(line.format(), line.args());
                } catch (RuntimeException e) {
                    // A backend that fails on one line must not stop the access log.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the lines still waiting (for up to five seconds) and stops the writer. */
    @Override
    public void close() {
        try {
            if (lines.offer(STOP, 5, TimeUnit.SECONDS)) {
                writer.join(Duration.ofSeconds(5).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }
}
