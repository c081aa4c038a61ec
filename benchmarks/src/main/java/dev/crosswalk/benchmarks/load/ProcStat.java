package dev.crosswalk.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** CPU time from Linux's {@code /proc}: a process's ({@code /proc/PID/stat}) and the whole machine's ({@code /proc/stat}). */
final class ProcStat {
    /** Busy and total CPU time of the machine, all cores together, in clock ticks. */
    record Machine(long busy, long total) {
        /** The share of the machine's CPU time that was busy between {@code before} and this. */
        double busySince(Machine before) {
            long total = this.total - before.total;
            return total <= 0 ? Double.NaN : (double) (busy - before.busy) / total;
        }
    }

    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcStat() {
    }

    /** A process's CPU time so far, in clock ticks: user and system (the kernel working for it: sockets, wake-ups). */
    record Ticks(long user, long system) {
        static final Ticks ZERO = new Ticks(0, 0);

        Ticks minus(Ticks before) {
            return new Ticks(user - before.user, system - before.system);
        }

        double millis() {
            return ticksToMillis(user + system);
        }

        double userMillis() {
            return ticksToMillis(user);
        }

        double systemMillis() {
            return ticksToMillis(system);
        }
    }

    /** A process's CPU time so far. */
    static Ticks process(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces; the fields after it start with the state (field 3).
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new Ticks(Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    /** One thread's name and CPU time so far (user + system, clock ticks). */
    record ThreadTicks(String name, long ticks) {
    }

    /** Every thread of a process, by thread id; threads that end while they are read are left out. */
    static Map<Long, ThreadTicks> threads(long pid) throws IOException {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadTicks(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException ended) {
                    // the thread is gone
                }
            }
        }
        return threads;
    }

    /**
     * CPU time between two {@link #threads} readings, in milliseconds, by kind of JVM thread: Netty event loops (where
     * the bridge's own work runs), the JIT compiler, the garbage collector (and the VM thread), and the rest.
     */
    static Map<String, Double> byThreadKind(Map<Long, ThreadTicks> before, Map<Long, ThreadTicks> after) {
        Map<String, Double> kinds = new LinkedHashMap<>();
        for (String kind : List.of("event loops", "JIT", "GC", "other")) {
            kinds.put(kind, 0.0);
        }
        after.forEach((tid, t) -> {
            ThreadTicks b = before.get(tid);
            long ticks = t.ticks() - (b != null && b.name().equals(t.name()) ? b.ticks() : 0);
            kinds.merge(kind(t.name()), ticksToMillis(ticks), Double::sum);
        });
        return kinds;
    }

    private static String kind(String thread) {
        if (thread.startsWith("reactor-http") || thread.startsWith("reactor-tcp")) {
            return "event loops";
        }
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (thread.startsWith("G1 ") || thread.startsWith("GC Thread") || thread.equals("VM Thread")) {
            return "GC";
        }
        return "other";
    }

    static Machine machine() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new Machine(busy, busy + idle);
    }

    static double ticksToMillis(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    /** The CPU model name, from {@code /proc/cpuinfo}. */
    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // the usual Linux value below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
