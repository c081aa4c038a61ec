package dev.crosswalk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.bridge.http.BridgeConfig;
import dev.crosswalk.bridge.store.InMemoryResponseStore;
import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.seal.Sealer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code crosswalk serve}: every option documented, and read from the command line, the environment or a file. */
class ServeCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    static BridgeConfig config(Map<String, String> env, String... args) throws IOException {
        CommandLine cl = Main.commandLine(env, new ByteArrayInputStream(new byte[0]));
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        BridgeConfig config = serve.config();
        config.store().close();
        return config;
    }

    @Test
    void helpExplainsEveryOptionAndItsEnvironmentVariable() {
        Run help = run(Map.of(), "serve", "--help");

        assertThat(help.exit()).isZero();
        CommandLine serve = Main.commandLine(Map.of(), new ByteArrayInputStream(new byte[0])).getSubcommands().get("serve");
        for (OptionSpec option : serve.getCommandSpec().options()) {
            // a negatable option shows as --[no-]name
            assertThat(help.out()).contains(option.negatable() ? "--[no-]" + option.longestName().substring(2) : option.longestName());
            assertThat(option.description()).as(option.longestName()).isNotEmpty();
        }
        assertThat(help.out()).contains("CROSSWALK_MAX_BODY_BYTES").contains("--config");
        assertThat(run(Map.of(), "--help").out()).contains("serve");
    }

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsTheConfigFile() throws IOException {
        Path file = dir.resolve("bridge.properties");
        Files.writeString(file, "upstream=http://127.0.0.1:9/v1\nupstream-api=responses\nport=9001\nmax-body-bytes=1k\nstore-ttl=5m\n");
        Map<String, String> env = new HashMap<>(Map.of("CROSSWALK_CONFIG", file.toString(), "CROSSWALK_PORT", "9002"));

        assertThat(config(env, "serve", "--port", "9003").port()).isEqualTo(9003);
        BridgeConfig fromEnv = config(env, "serve");
        assertThat(fromEnv.port()).isEqualTo(9002);
        assertThat(fromEnv.upstreamApi()).isEqualTo(WireApi.RESPONSES);
        assertThat(fromEnv.maxBodyBytes()).isEqualTo(1024);
        assertThat(fromEnv.upstreamTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(fromEnv.host()).isEqualTo("127.0.0.1");
        assertThat(fromEnv.store()).isInstanceOf(InMemoryResponseStore.class);

        env.remove("CROSSWALK_PORT");
        assertThat(config(env, "serve").port()).isEqualTo(9001);
        assertThat(config(Map.of(), "serve", "--config", file.toString(), "--upstream-timeout", "90s").upstreamTimeout())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void keysComeFromTheNamedEnvironmentVariableAndRequireClientKeys() throws IOException {
        Path keys = dir.resolve("keys.txt");
        Files.writeString(keys, "# clients\nsk-client-one-1111\n\nsk-client-two-2222\n");
        Map<String, String> env = Map.of("MY_UPSTREAM_KEY", "sk-upstream-secret-3333");

        BridgeConfig config = config(env, "serve", "--upstream", "https://api.example/v1", "--upstream-api", "chat",
                "--upstream-key-env", "MY_UPSTREAM_KEY", "--client-keys-file", keys.toString());
        assertThat(config.upstreamKey().reveal()).isEqualTo("sk-upstream-secret-3333");
        assertThat(config.clientKeys().size()).isEqualTo(2);
        assertThat(config.clientKeys().accepts("sk-client-two-2222")).isTrue();

        Run openRelay = run(env, "serve", "--upstream", "https://api.example/v1", "--upstream-api", "chat", "--upstream-key-env", "MY_UPSTREAM_KEY");
        assertThat(openRelay.exit()).isEqualTo(64);
        assertThat(openRelay.err()).contains("--client-keys-file").doesNotContain("sk-upstream-secret-3333");

        Run unset = run(Map.of(), "serve", "--upstream", "https://api.example/v1", "--upstream-api", "chat",
                "--upstream-key-env", "NOT_SET", "--client-keys-file", keys.toString());
        assertThat(unset.exit()).isEqualTo(64);
        assertThat(unset.err()).contains("NOT_SET");
    }

    @Test
    void providerProfileCustomToolsReasoningAndSealKeyReachTheTranslator() throws IOException {
        String secret = "a-seal-secret-of-enough-length";
        String older = "an-older-seal-secret-00000";
        TranslatorOptions strict = config(Map.of("SEAL", secret), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat",
                "--provider-profile", "strict", "--seal-key-env", "SEAL").translator();
        assertThat(strict.providerProfile()).isEqualTo(ProviderProfile.STRICT);
        assertThat(strict.customTools()).isEqualTo(CustomTools.AS_FUNCTIONS);
        assertThat(strict.systemOnlyAtStart()).isTrue();
        assertThat(strict.reasoningContent()).isTrue();
        assertThat(strict.sealer().isEphemeral()).isFalse();
        assertThat(strict.sealer().keyId()).isEqualTo(Sealer.of(secret).keyId());

        TranslatorOptions plain = config(Map.of(), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat",
                "--no-reasoning-content", "--custom-tools", "as-functions").translator();
        assertThat(plain.providerProfile()).isEqualTo(ProviderProfile.OPENAI);
        assertThat(plain.reasoningContent()).isFalse();
        assertThat(plain.customTools()).isEqualTo(CustomTools.AS_FUNCTIONS);
        assertThat(plain.systemOnlyAtStart()).isFalse();
        assertThat(plain.sealer().isEphemeral()).isTrue();
        assertThat(config(Map.of(), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat").translator().reasoningContent())
                .as("reasoning content is on by default in serve").isTrue();

        String oldBlob = Sealer.of(older).seal(Sealer.REASONING, "thinking");
        TranslatorOptions rotated = config(Map.of("SEAL", secret + "," + older), "serve", "--upstream", "http://x/v1",
                "--upstream-api", "chat", "--seal-key-env", "SEAL").translator();
        assertThat(rotated.sealer().open(Sealer.REASONING, oldBlob)).isEqualTo("thinking");
        assertThat(rotated.sealer().keyId()).isEqualTo(Sealer.of(secret).keyId());

        assertThat(run(Map.of(), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat", "--provider-profile", "lax").exit()).isEqualTo(64);
        assertThat(run(Map.of(), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat", "--custom-tools", "maybe").exit()).isEqualTo(64);
        Run shortSecret = run(Map.of("SEAL", "tiny-secret"), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat", "--seal-key-env", "SEAL");
        assertThat(shortSecret.exit()).isEqualTo(64);
        assertThat(shortSecret.err()).contains("--seal-key-env").doesNotContain("tiny-secret");
    }

    @Test
    void wrongSettingsAreUsageErrors() throws IOException {
        assertThat(run(Map.of(), "serve", "--upstream-api", "chat").err()).contains("--upstream URL is required");
        assertThat(run(Map.of(), "serve", "--upstream", "http://x/v1").exit()).isEqualTo(64);
        assertThat(run(Map.of(), "serve", "--upstream", "http://x/v1", "--upstream-api", "grpc").exit()).isEqualTo(64);
        assertThat(run(Map.of(), "serve", "--upstream", "ftp://x/v1", "--upstream-api", "chat").exit()).isEqualTo(64);
        assertThat(run(Map.of(), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat", "--upstream-timeout", "soon").exit())
                .isEqualTo(64);
        assertThat(run(Map.of(), "serve", "--upstream", "http://x/v1", "--upstream-api", "chat", "--max-body-bytes", "lots").exit())
                .isEqualTo(64);
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "upstream=http://x/v1\nupstream-api=chat\nprot=9000\n");
        Run bad = run(Map.of(), "serve", "--config", typo.toString());
        assertThat(bad.exit()).isEqualTo(64);
        assertThat(bad.err()).contains("unknown key 'prot'");
    }

    @Test
    void unitsReadDurationsAndSizes() {
        assertThat(Units.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Units.duration("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Units.bytes("16m")).isEqualTo(16L * 1024 * 1024);
        assertThat(Units.bytes("512KiB")).isEqualTo(512L * 1024);
        assertThat(Units.bytes("1000")).isEqualTo(1000L);
    }

    @Test
    void aYamlConfigIsARoutesFileWhoseServeSectionHoldsTheOptions() throws IOException {
        Path file = dir.resolve("crosswalk.yaml");
        Files.writeString(file, """
                upstreams:
                  - {name: a, url: 'http://127.0.0.1:9/v1', api: responses}
                  - {name: b, url: 'http://127.0.0.1:10/v1', api: chat, keyEnv: B_KEY}
                routes:
                  - {model: "*", upstream: b}
                serve:
                  port: 9005
                  max-body-bytes: 2k
                """);
        Path keys = dir.resolve("keys.txt");
        Files.writeString(keys, "sk-client-1\n");

        BridgeConfig config = config(Map.of("B_KEY", "sk-b"), "serve", "--config", file.toString(), "--client-keys-file", keys.toString());
        assertThat(config.routes().upstreams()).hasSize(2);
        assertThat(config.port()).isEqualTo(9005);
        assertThat(config.maxBodyBytes()).isEqualTo(2048);
        // The "*" route's upstream answers what names no model.
        assertThat(config.upstreamApi()).isEqualTo(WireApi.CHAT_COMPLETIONS);
        assertThat(config.upstream().toString()).isEqualTo("http://127.0.0.1:10/v1");
        assertThat(config(Map.of("B_KEY", "sk-b"), "serve", "--config", file.toString(), "--client-keys-file", keys.toString(),
                "--metrics-port", "9100").metricsPort()).isEqualTo(9100);

        Run noClientKeys = run(Map.of("B_KEY", "sk-b"), "serve", "--config", file.toString());
        assertThat(noClientKeys.exit()).isEqualTo(Main.USAGE);
        assertThat(noClientKeys.err()).contains("crosswalk.yaml gives the bridge upstream keys (keyEnv): --client-keys-file is required");
        Run both = run(Map.of("B_KEY", "sk-b"), "serve", "--config", file.toString(), "--upstream", "http://x/v1");
        assertThat(both.exit()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("--upstream, --upstream-api and --upstream-key-env do not go with a routes file");
        Run noKey = run(Map.of(), "serve", "--config", file.toString(), "--client-keys-file", keys.toString());
        assertThat(noKey.err()).contains("crosswalk.yaml:3: upstream 'b': the environment variable B_KEY (keyEnv) is not set");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "upstreams:\n  - name: a\n    url: http://127.0.0.1:9/v1\n   api: chat\n");
        Run syntax = run(Map.of(), "serve", "--config", broken.toString());
        assertThat(syntax.exit()).isEqualTo(Main.USAGE);
        assertThat(syntax.err()).startsWith("crosswalk serve: broken.yaml:4: not valid YAML").doesNotContain("Usage:");

        Files.writeString(file, Files.readString(file).replace("max-body-bytes", "max-bodie-bytes"));
        assertThat(run(Map.of("B_KEY", "sk-b"), "serve", "--config", file.toString(), "--client-keys-file", keys.toString()).err())
                .contains("unknown key 'max-bodie-bytes'");
    }

    @Test
    void reloadTakesAGoodFileAndKeepsTheRunningRoutesForABadOne() throws Exception {
        Path file = dir.resolve("crosswalk.yaml");
        Files.writeString(file, "upstreams: [{name: a, url: 'http://127.0.0.1:9/v1', api: chat}]\nroutes: [{model: one, upstream: a}]\n");
        BridgeConfig config = config(Map.of(), "serve", "--config", file.toString(), "--port", "0");
        try (dev.crosswalk.bridge.http.BridgeServer server = dev.crosswalk.bridge.http.BridgeServer.start(config)) {
            RoutesReloader reloader = new RoutesReloader(file, null, Map.of(), server);
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest models = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1/models")).build();
            assertThat(http.send(models, java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("\"one\"");

            Files.writeString(file, "upstreams: [{name: a, url: 'http://127.0.0.1:9/v1', api: chat}]\nroutes: [{model: two, upstream: a}]\n");
            assertThat(reloader.reload("sighup")).isTrue();
            assertThat(http.send(models, java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("\"two\"").doesNotContain("\"one\"");

            Files.writeString(file, "upstreams: [{name: a, url: 'http://127.0.0.1:9/v1', api: chat}]\nroutes: [{model: three, upstream: b}]\n");
            assertThat(reloader.reload("sighup")).isFalse();
            Files.delete(file);
            assertThat(reloader.reload("sighup")).isFalse();
            assertThat(http.send(models, java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("\"two\"");
        }
    }
}
