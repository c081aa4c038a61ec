package dev.crosswalk.bridge;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar crosswalk.jar <command>}: the bridge's command line. */
@Command(name = "crosswalk", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        exitCodeOnInvalidInput = Main.USAGE,
        description = {
            "Translate between the OpenAI Chat Completions and Responses protocols.",
            "",
            "Examples:",
            "  crosswalk translate --from chat --kind request examples/chat-request.json",
            "  crosswalk translate --from responses --kind response --request req.json response.json",
            "  curl -N ... | crosswalk translate --from chat --kind stream -"
        },
        subcommands = {TranslateCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code for a command line that cannot be understood (sysexits' EX_USAGE). */
    static final int USAGE = 64;

    private final InputStream stdin;

    private Main(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        System.exit(run(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** Runs a command line over the given standard streams and returns its exit code. */
    public static int run(InputStream stdin, PrintWriter stdout, PrintWriter stderr, String... args) {
        return new CommandLine(new Main(stdin)).setOut(stdout).setErr(stderr).execute(args);
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
