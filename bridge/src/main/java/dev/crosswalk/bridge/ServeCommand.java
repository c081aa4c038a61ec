package dev.crosswalk.bridge;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.bridge.http.BridgeConfig;
import dev.crosswalk.bridge.http.BridgeServer;
import dev.crosswalk.bridge.http.ClientKeys;
import dev.crosswalk.bridge.http.Secret;
import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.bridge.route.RoutesFile;
import dev.crosswalk.bridge.store.ResponseStore;
import dev.crosswalk.bridge.store.ResponseStores;
import dev.crosswalk.bridge.store.StoreException;
import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.seal.Sealer;
import dev.crosswalk.translator.json.JsonCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code crosswalk serve}: an HTTP proxy offering both OpenAI endpoints over an upstream that speaks one of them. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, exitCodeOnInvalidInput = Main.USAGE,
        defaultValueProvider = ServeDefaults.class, usageHelpWidth = 110,
        description = {
            "Serve POST /v1/chat/completions and POST /v1/responses (streaming and not) over an upstream that speaks",
            "only one of them. Requests in the upstream's own protocol pass through unchanged; the others are",
            "translated both ways. Point your tool's base URL at http://HOST:PORT/v1.",
            "",
            "Several upstreams behind one bridge: --config crosswalk.yaml lists upstreams and routes from the",
            "client's model to them, with fallbacks and per-key limits; reloaded when it changes. Metrics: GET /metrics.",
            "",
            "Every option can also come from an environment variable (--max-body-bytes -> CROSSWALK_MAX_BODY_BYTES)",
            "or from the --config file (YAML: under serve:, max-body-bytes: 16m; or a properties file:",
            "max-body-bytes=16m); the command line wins, then the environment, then the file.",
            "",
            "Examples:",
            "  crosswalk serve --upstream https://api.deepseek.com/v1 --upstream-api chat",
            "  crosswalk serve --upstream https://api.openai.com/v1 --upstream-api responses \\",
            "      --upstream-key-env OPENAI_API_KEY --client-keys-file client-keys.txt --port 9000",
            "  crosswalk serve --config crosswalk.yaml --client-keys-file client-keys.txt",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "  1:could not start (port taken, store unreachable)",
            " 64:the command line or configuration is wrong",
            "143:stopped by SIGTERM (130: SIGINT), after the graceful shutdown"
        })
final class ServeCommand implements Callable<Integer> {
    static final int START_FAILED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--upstream", paramLabel = "URL", order = 1,
            description = "The upstream's API base URL, as you would give an OpenAI SDK (https://host/v1). Required.")
    String upstream;

    @Option(names = "--upstream-api", paramLabel = "chat|responses", order = 2,
            description = "The protocol the upstream speaks: chat (Chat Completions) or responses. Required.")
    String upstreamApi;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", order = 3,
            description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", order = 4,
            description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--upstream-key-env", paramLabel = "NAME", order = 5,
            description = "The environment variable holding the bridge's own upstream key. Without it, each client's "
                    + "Authorization header is forwarded as it is. With it, --client-keys-file is required: the bridge"
                    + " is never an open relay for its key.")
    String upstreamKeyEnv;

    @Option(names = "--client-keys-file", paramLabel = "FILE", order = 6,
            description = "A file with the keys clients must present (Authorization: Bearer KEY), one per line, '#' for "
                    + "comments; after a key, limits of its own: requestsPerMinute=N concurrentStreams=N. Others get 401. "
                    + "The client's key is then never forwarded upstream. Reloaded when it changes and on SIGHUP.")
    Path clientKeysFile;

    @Option(names = "--store", defaultValue = ResponseStores.MEMORY, paramLabel = "memory|JDBC_URL", order = 7,
            description = "Where Responses turns are kept for previous_response_id and GET /v1/responses/{id} over a Chat "
                    + "upstream: memory (default; bounded by --store-max-entries, --store-max-bytes and --store-ttl), or a JDBC URL: "
                    + "jdbc:postgresql://HOST/DB (shared by several bridges) or jdbc:h2:file:/PATH (one machine).")
    String store;

    @Option(names = "--store-user", paramLabel = "USER", order = 8, description = "The database user for a JDBC store.")
    String storeUser;

    @Option(names = "--store-password-env", paramLabel = "NAME", order = 9,
            description = "The environment variable holding the database password for a JDBC store.")
    String storePasswordEnv;

    @Option(names = "--store-max-entries", defaultValue = "10000", paramLabel = "N", order = 10,
            description = "How many turns the memory store keeps; the oldest go first (default: ${DEFAULT-VALUE}).")
    int storeMaxEntries;

    @Option(names = "--store-max-bytes", defaultValue = "0", paramLabel = "N", converter = Units.SizeConverter.class, order = 10,
            description = "How many bytes the stored turns may take; the oldest go first. Memory store: heap, at two bytes "
                    + "a character (default: a quarter of the maximum heap). JDBC store: the UTF-8 JSON of all rows in the "
                    + "table, shared by the bridges using it (default: no bound).")
    long storeMaxBytes;

    @Option(names = "--store-ttl", defaultValue = "24h", paramLabel = "DURATION", converter = Units.DurationConverter.class, order = 11,
            description = "How long turns are kept, in any store (default: ${DEFAULT-VALUE}).")
    Duration storeTtl;

    @Option(names = "--max-body-bytes", defaultValue = "16m", paramLabel = "N", converter = Units.SizeConverter.class, order = 12,
            description = "The largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-inflight-bytes", defaultValue = "0", paramLabel = "N", converter = Units.SizeConverter.class, order = 12,
            description = "The request-body bytes held at once across all requests; beyond it, 503 with Retry-After "
                    + "(default: a sixteenth of the maximum heap: translating a body takes several times its size).")
    long maxInflightBytes;

    @Option(names = "--upstream-timeout", defaultValue = "10m", paramLabel = "DURATION", converter = Units.DurationConverter.class, order = 13,
            description = "How long the upstream may stay silent (no byte received) before the request fails: 504 before "
                    + "anything was sent, an error event in a stream (default: ${DEFAULT-VALUE}).")
    Duration upstreamTimeout;

    @Option(names = "--connect-timeout", defaultValue = "10s", paramLabel = "DURATION", converter = Units.DurationConverter.class, order = 14,
            description = "How long opening a connection to the upstream may take (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--shutdown-grace", defaultValue = "30s", paramLabel = "DURATION", converter = Units.DurationConverter.class, order = 15,
            description = "On SIGTERM/SIGINT, how long open requests and streams may take to finish (default: ${DEFAULT-"
                    + "VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--max-event-bytes", defaultValue = "8m", paramLabel = "N", converter = Units.SizeConverter.class, order = 16,
            description = "The largest single SSE event accepted from the upstream (default: ${DEFAULT-VALUE}).")
    long maxEventBytes;

    @Option(names = "--upstream-max-connections", defaultValue = "512", paramLabel = "N", order = 17,
            description = "The size of the upstream connection pool (default: ${DEFAULT-VALUE}).")
    int upstreamMaxConnections;

    @Option(names = "--lenient", order = 18,
            description = "Drop fields that have no equivalent in the upstream's protocol (logged) instead of answering "
                    + "400.")
    boolean lenient;

    @Option(names = "--reasoning-content", negatable = true, defaultValue = "true", fallbackValue = "true", order = 19,
            description = "Translate the reasoning_content extension (DeepSeek, Qwen, vLLM) to and from reasoning items, "
                    + "sealed into encrypted_content for clients that keep no state (on by default; "
                    + "--no-reasoning-content turns it off).")
    boolean reasoningContent;

    @Option(names = "--provider-profile", defaultValue = "openai", paramLabel = "openai|strict", order = 20,
            description = "What the Chat upstream accepts: openai (default: every OpenAI field is forwarded) or strict "
                    + "(DeepSeek, Qwen, vLLM, Ollama, gateways: developer -> leading system, custom tools as functions, "
                    + "reasoning on, OpenAI-only fields dropped with a warning each).")
    String providerProfile;

    @Option(names = "--custom-tools", paramLabel = "native|as-functions", order = 20,
            description = "How custom (freeform) tools such as Codex's apply_patch reach a Chat upstream: native "
                    + "(type custom) or as-functions (a function with one string parameter 'input'). Default: native, "
                    + "as-functions under --provider-profile strict.")
    String customTools;

    @Option(names = "--seal-key-env", paramLabel = "NAME", order = 20,
            description = "The environment variable holding the secret (16+ characters, e.g. openssl rand -base64 32) "
                    + "that seals reasoning into encrypted_content; give every instance behind one address the same. "
                    + "To rotate, put the new secret first: NEW,OLD. Unset: a random key per process (a warning at "
                    + "startup; clients' reasoning does not survive a restart).")
    String sealKeyEnv;

    @Option(names = "--compaction-prompt", paramLabel = "FILE", order = 20,
            description = "A text file with the instruction the upstream model summarises a conversation with for "
                    + "POST /v1/responses/compact over a Chat upstream. Default: the built-in prompt (docs/responses-api.md).")
    Path compactionPrompt;

    @Option(names = "--system-only-at-start", order = 20,
            description = "For Chat upstreams that reject developer or late system messages: merge them into one leading "
                    + "system message.")
    boolean systemOnlyAtStart;

    @Option(names = "--config", paramLabel = "FILE", order = 21,
            description = "A routes file (.yaml/.yml: upstreams, routes, limits, and any of these options under serve:), "
                    + "reloaded when it changes and on SIGHUP; or a properties file with any of these options (key = option name without "
                    + "dashes).")
    Path configFile;

    @Option(names = "--watch-config", negatable = true, defaultValue = "true", fallbackValue = "true", order = 21,
            description = "Reload the routes file and the client keys file when their content changes on disk, as SIGHUP "
                    + "does (editors' rename-replace and Kubernetes ConfigMap updates included; a bad file keeps the "
                    + "running configuration and the log says why). On by default; --no-watch-config turns it off.")
    boolean watchConfig;

    @Option(names = "--metrics-port", paramLabel = "PORT", order = 22,
            description = "Serve GET /metrics (Prometheus) on this port of --host instead of the bridge's own port.")
    Integer metricsPort;

    /** The environment the options are read from. */
    Map<String, String> env() {
        return main.env();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BridgeConfig config;
        try {
            checkConfigFile();
            config = config();
        } catch (IllegalArgumentException | IOException e) {
            err.println("crosswalk serve: " + e.getMessage());
            err.flush();
            return Main.USAGE;
        } catch (StoreException e) {
            err.println("crosswalk serve: " + e.getMessage());
            err.flush();
            return START_FAILED;
        }
        BridgeServer server;
        try {
            server = BridgeServer.start(config);
        } catch (RuntimeException e) {
            config.store().close();
            err.println("crosswalk serve: cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
            err.flush();
            return START_FAILED;
        }
        ConfigWatcher watcher = reloading(server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (watcher != null) {
                watcher.close();
            }
            server.close();
        }, "crosswalk-shutdown"));
        String reload = watcher != null ? " (reloaded when it changes, and on SIGHUP)" : " (SIGHUP reloads it)";
        if (config.routes() != null) {
            out.println("crosswalk serve: listening on http://" + config.host() + ":" + server.port() + "/v1 (chat and responses), "
                    + config.routes().upstreams().size() + " upstreams and " + config.routes().routes().size() + " routes from "
                    + routesFile() + reload);
        } else {
            out.println("crosswalk serve: listening on http://" + config.host() + ":" + server.port() + "/v1 (chat and responses),"
                    + " upstream " + printable(config.upstream()) + " speaks " + config.upstreamApi().shortName());
        }
        out.flush();
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    /**
     * Reloads the routes file and the client keys file (whichever there are) on SIGHUP and, unless --no-watch-config,
     * when they change; returns the watcher, if any.
     */
    private ConfigWatcher reloading(BridgeServer server) {
        RoutesReloader reloader = new RoutesReloader(routesFile(), clientKeysFile, env(), server);
        if (reloader.files().isEmpty()) {
            return null;
        }
        RoutesReloader.onSighup(reloader);
        if (!watchConfig) {
            return null;
        }
        try {
            return ConfigWatcher.start(reloader.files(), ConfigWatcher.QUIET, () -> reloader.reloadIfChanged("watch"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot watch {} for changes ({}); SIGHUP still reloads them", reloader.files(), e.getMessage());
            return null;
        }
    }

    /** The configuration the options describe; opens the store. */
    BridgeConfig config() throws IOException {
        Path routesFile = routesFile();
        RoutesConfig routes = null;
        if (routesFile != null) {
            if (upstream != null || upstreamApi != null || upstreamKeyEnv != null) {
                throw new IllegalArgumentException("--upstream, --upstream-api and --upstream-key-env do not go with a routes file ("
                        + routesFile.getFileName() + "): list the upstream under upstreams: there");
            }
            routes = RoutesFile.load(routesFile, env());
            upstream = routes.defaultUpstream().url().toString();
            upstreamApi = routes.defaultUpstream().api().shortName();
        }
        if (upstream == null || upstream.isBlank()) {
            throw new IllegalArgumentException("--upstream URL is required (or " + ServeDefaults.envName("--upstream") + ")");
        }
        if (upstreamApi == null || upstreamApi.isBlank()) {
            throw new IllegalArgumentException("--upstream-api chat|responses is required (or " + ServeDefaults.envName("--upstream-api") + ")");
        }
        URI uri;
        try {
            uri = URI.create(upstream.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--upstream is not a URL");
        }
        WireApi api = WireApi.of(upstreamApi.strip());
        Secret key = upstreamKeyEnv == null ? null : Secret.of(requireEnv(upstreamKeyEnv, "--upstream-key-env"));
        ClientKeys clientKeys = clientKeysFile == null ? null : ClientKeys.load(clientKeysFile);
        if (key != null && clientKeys == null) {
            throw new IllegalArgumentException("--upstream-key-env needs --client-keys-file: a bridge holding its own key must not be an open relay");
        }
        if (routes != null && routes.holdsKeys() && clientKeys == null) {
            throw new IllegalArgumentException(routesFile.getFileName() + " gives the bridge upstream keys (keyEnv): --client-keys-file is required, or it would be an open relay");
        }
        if (maxEventBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-event-bytes must be below 2g");
        }
        String password = storePasswordEnv == null ? null : requireEnv(storePasswordEnv, "--store-password-env");
        TranslatorOptions.Builder translator = TranslatorOptions.builder()
                .providerProfile(profile(providerProfile))
                .lenient(lenient)
                .reasoningContent(reasoningContent)
                .sealer(sealer())
                .codec(JsonCodec.jackson3());
        if (systemOnlyAtStart) {
            translator.systemOnlyAtStart(true);
        }
        if (customTools != null && !customTools.isBlank()) {
            translator.customTools(customTools(customTools));
        }
        TranslatorOptions options = translator.build();
        BridgeConfig.Builder builder = BridgeConfig.builder(uri, api)
                .host(host)
                .port(port)
                .upstreamKey(key)
                .clientKeys(clientKeys)
                .maxBodyBytes(maxBodyBytes)
                .maxInflightBytes(maxInflightBytes > 0 ? maxInflightBytes : Runtime.getRuntime().maxMemory() / 16)
                .maxEventBytes((int) maxEventBytes)
                .upstreamTimeout(upstreamTimeout)
                .connectTimeout(connectTimeout)
                .shutdownGrace(shutdownGrace)
                .upstreamMaxConnections(upstreamMaxConnections)
                .translator(options)
                .routes(routes)
                .metricsPort(metricsPort == null ? -1 : metricsPort)
                .compactionPrompt(compactionPrompt == null ? null : Files.readString(compactionPrompt).strip());
        // Validate everything else before opening the store: a wrong flag must not leave a pool behind.
        builder.build();
        ResponseStore responseStore = ResponseStores.open(store, storeUser, password, storeMaxEntries,
                storeMaxBytes > 0 ? storeMaxBytes : ResponseStores.MEMORY.equals(store) ? Runtime.getRuntime().maxMemory() / 4 : Long.MAX_VALUE,
                storeTtl, Clock.systemUTC());
        return builder.store(responseStore).build();
    }

    private static ProviderProfile profile(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "openai" -> ProviderProfile.OPENAI;
            case "strict" -> ProviderProfile.STRICT;
            default -> throw new IllegalArgumentException("--provider-profile must be openai or strict, not '" + value + "'");
        };
    }

    private static CustomTools customTools(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "native" -> CustomTools.NATIVE;
            case "as-functions", "as_functions" -> CustomTools.AS_FUNCTIONS;
            default -> throw new IllegalArgumentException("--custom-tools must be native or as-functions, not '" + value + "'");
        };
    }

    /** The sealer of --seal-key-env (NEW[,OLD...]), or a random per-process one, with a warning. */
    private Sealer sealer() {
        if (sealKeyEnv == null || sealKeyEnv.isBlank()) {
            Sealer sealer = Sealer.ephemeral();
            LOG.warn("no --seal-key-env: reasoning is sealed with a random key of this process (id {}); it does not survive "
                    + "a restart and other instances cannot open it", sealer.keyId());
            return sealer;
        }
        String[] secrets = requireEnv(sealKeyEnv, "--seal-key-env").split(",");
        try {
            return Sealer.of(secrets[0], java.util.Arrays.copyOfRange(secrets, 1, secrets.length));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--seal-key-env " + sealKeyEnv + ": " + e.getMessage());
        }
    }

    private String requireEnv(String name, String option) {
        String value = env().get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + ": the environment variable " + name + " is not set");
        }
        return value;
    }

    /** The --config file, from the option or the environment, or {@code null}. */
    private Path configFile() {
        String fromEnv = env().get(ServeDefaults.envName("--config"));
        return configFile != null ? configFile : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : null;
    }

    /** The --config file if it is a routes file (YAML), else {@code null}. */
    Path routesFile() {
        Path file = configFile();
        return file != null && RoutesFile.isYaml(file) ? file : null;
    }

    /** A typo in the config file should fail loudly, not fall back to a default silently. */
    private void checkConfigFile() throws IOException {
        Path file = configFile();
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        if (RoutesFile.isYaml(file)) {
            p.putAll(RoutesFile.serveOptions(file));
        } else {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        var known = spec.options().stream().map(OptionSpec::longestName).map(n -> n.substring(2)).collect(Collectors.toSet());
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key) || key.equals("config") || key.equals("help") || key.equals("version")) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + file);
            }
        }
    }

    /** Scheme, host, port and path: a query string might carry a token. */
    private static String printable(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int i = 0; t.getCause() != null && i < 10; i++) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
