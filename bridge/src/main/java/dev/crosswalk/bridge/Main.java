package dev.crosswalk.bridge;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar crosswalk.jar <command>}: the bridge's command line. */
@Command(name = "crosswalk", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        exitCodeOnInvalidInput = Main.USAGE,
        description = {
            "Translate between the OpenAI Chat Completions and Responses protocols: files and streams",
            "(translate), or live, as an HTTP proxy offering both endpoints over one upstream (serve).",
            "",
            "Examples:",
            "  crosswalk translate --from chat --kind request examples/chat-request.json",
            "  crosswalk translate --from responses --kind response --request req.json response.json",
            "  curl -N ... | crosswalk translate --from chat --kind stream -",
            "  crosswalk serve --upstream https://api.deepseek.com/v1 --upstream-api chat"
        },
        subcommands = {TranslateCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code for a command line that cannot be understood (sysexits' EX_USAGE). */
    static final int USAGE = 64;

    private final InputStream stdin;
    private final Map<String, String> env;

    private Main(InputStream stdin, Map<String, String> env) {
        this.stdin = stdin;
        this.env = env;
    }

    public static void main(String[] args) {
        ioLoopsPerCore();
        System.exit(run(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /**
     * One Reactor Netty event loop per core unless {@code -Dreactor.netty.ioWorkerCount} says otherwise; set before
     * Reactor Netty's first use, which reads it once. Its own default is at least 4, which on a 1–3 core machine only
     * adds loops that take turns on the same cores: at 200 streams on 2 cores, 2 loops measured 4.4 ms of bridge CPU per
     * translated stream against 5.1 with 4, and p50 added TTFB 2.4 ms against 7.8 (benchmarks/README.md, "Session 4").
     */
    static void ioLoopsPerCore() {
        if (System.getProperty("reactor.netty.ioWorkerCount") == null) {
            System.setProperty("reactor.netty.ioWorkerCount", Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
        }
    }

    /** Runs a command line over the given standard streams and returns its exit code. */
    public static int run(InputStream stdin, PrintWriter stdout, PrintWriter stderr, String... args) {
        return run(System.getenv(), stdin, stdout, stderr, args);
    }

    /** Like {@link #run(InputStream, PrintWriter, PrintWriter, String...)} with the given environment variables. */
    public static int run(Map<String, String> env, InputStream stdin, PrintWriter stdout, PrintWriter stderr, String... args) {
        return commandLine(env, stdin).setOut(stdout).setErr(stderr).execute(args);
    }

    /** The command line, not yet run: tests parse with it to inspect the options a command ends up with. */
    static CommandLine commandLine(Map<String, String> env, InputStream stdin) {
        return new CommandLine(new Main(stdin, Map.copyOf(env)));
    }

    /** The environment variables {@code serve} reads its settings from. */
    Map<String, String> env() {
        return env;
    }

    /** What {@code -} reads. */
    InputStream stdin() {
        return stdin;
    }

    /** Reads the version the build wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"crosswalk " + (version == null ? "(development build)" : version)};
        }
    }
}
