package dev.crosswalk.bridge;

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

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; {@link #main} is this plus {@code System.exit}. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
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
