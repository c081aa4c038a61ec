package dev.crosswalk.bridge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where {@code serve} options not given on the command line come from, in order: the environment
 * ({@code --upstream-api} → {@code CROSSWALK_UPSTREAM_API}), then the config file ({@code --config FILE} or
 * {@code CROSSWALK_CONFIG}; a properties file whose keys are the option names without dashes,
 * {@code upstream-api=chat}, or a routes file's {@code serve:} section, {@code port: 9000}), then the built-in default. Picocli asks after parsing, only for options that were not
 * given, so a command-line value always wins.
 *
 * <pre>{@code
 * // CROSSWALK_PORT=9000 java -jar crosswalk.jar serve --config bridge.properties ...
 * ServeDefaults.envName("--upstream-timeout");      // "CROSSWALK_UPSTREAM_TIMEOUT"
 * }</pre>
 */
public final class ServeDefaults implements IDefaultValueProvider {
    /** The prefix of every environment variable {@code serve} reads. */
    public static final String ENV_PREFIX = "CROSSWALK_";

    private Properties file;
    private Path loaded;

    /** The environment variable for an option: {@code --max-body-bytes} → {@code CROSSWALK_MAX_BODY_BYTES}. */
    public static String envName(String option) {
        return ENV_PREFIX + option.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec arg) throws IOException {
        if (!(arg instanceof OptionSpec option) || !(arg.command().userObject() instanceof ServeCommand command)) {
            return null;
        }
        String name = option.longestName();
        if (name.equals("--help") || name.equals("--version")) {
            return null;
        }
        Map<String, String> env = command.env();
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (name.equals("--config")) {
            return null;
        }
        Path config = command.configFile != null ? command.configFile
                : env.get(envName("--config")) != null && !env.get(envName("--config")).isBlank() ? Path.of(env.get(envName("--config"))) : null;
        if (config == null) {
            return null;
        }
        return properties(config).getProperty(name.substring(2));
    }

    private Properties properties(Path config) throws IOException {
        if (file == null || !config.equals(loaded)) {
            Properties p = new Properties();
            if (dev.crosswalk.bridge.route.RoutesFile.isYaml(config)) {
                // A routes file carries the options under serve:, by the same names. One that does not read is
                // reported, with its line, once the command runs (not here, in the middle of parsing the arguments).
                try {
                    p.putAll(dev.crosswalk.bridge.route.RoutesFile.serveOptions(config));
                } catch (IllegalArgumentException reportedLater) {
                    p.clear();
                }
            } else {
                try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
            }
            file = p;
            loaded = config;
        }
        return file;
    }
}
