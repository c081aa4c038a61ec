package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeModel;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent no one here wrote: Codex CLI ({@code @openai/codex} on npm, pinned by
 * {@code src/test/codex-cli/package-lock.json}) runs {@code codex exec} through {@code crosswalk serve
 * --provider-profile strict} over the strict thinking fake Chat server. The model calls the freeform
 * {@code apply_patch} tool; Codex must apply the patch in a temporary workspace, and its second request must carry
 * the sealed reasoning back, or the strict server refuses it.
 *
 * <p>Codex is kept off the network: its only provider is the bridge on loopback, and any other connection it might
 * try goes to a dead proxy ({@code HTTPS_PROXY=http://127.0.0.1:9}, loopback exempt). Every stream Codex reads from the
 * bridge is also handed to the kit's {@code ResponsesStreamChecker} (through a {@link StreamTee} in between, Codex
 * being a binary).
 */
class CodexCliTest {
    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    static final Path CLI_DIR = Path.of(System.getProperty("crosswalk.test.codexDir", "src/test/codex-cli"));

    /** What one {@code codex exec} did. */
    private record Run(boolean ended, int exit, String output, Path workspace, List<String> received, List<String> rejections,
            int streamsChecked) {
    }

    @Test
    void codexExecAppliesAFreeformPatchThroughTheStrictProfile(@TempDir Path tmp) throws Exception {
        // gpt-5.5: a model Codex believes freeform-capable, so apply_patch is offered as a custom grammar tool
        Run run = codexExec(tmp, "gpt-5.5", "codexExec");

        assertThat(run.ended()).as("codex exec finished in time:\n%s", run.output()).isTrue();
        assertThat(run.rejections()).as("the strict server refused:\n%s", run.output()).isEmpty();
        assertThat(run.workspace().resolve("hello.txt")).as(run.output()).exists();
        assertThat(Files.readString(run.workspace().resolve("hello.txt"))).isEqualTo("Hello from a strict thinking model\n");
        assertThat(run.output()).contains(FakeModel.FINAL_TEXT);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.streamsChecked()).as("streams Codex read, checked by the kit").isGreaterThanOrEqualTo(2);

        // the continuation carried the thinking back, from the encrypted_content Codex kept
        Map<String, Object> continued = Json.obj(run.received().get(1));
        assertThat(Json.write(Json.list(continued, "messages")))
                .contains("\"reasoning_content\":\"" + FakeModel.THINKING_FIRST + "\"");
        assertThat(Json.str(continued, "messages[0].role")).isEqualTo("system");
    }

    @Test
    void codexExecWithAModelItDoesNotKnowCompletesATurn(@TempDir Path tmp) throws Exception {
        // an unknown model: no freeform tool, but a namespace tool (sub-agents) and reasoning.summary
        Run run = codexExec(tmp, "deepseek-reasoner", "codexExecUnknownModel");

        assertThat(run.ended()).as("codex exec finished in time:\n%s", run.output()).isTrue();
        assertThat(run.rejections()).as("the strict server refused:\n%s", run.output()).isEmpty();
        assertThat(run.output()).contains("Echo: Create hello.txt");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.streamsChecked()).as("streams Codex read, checked by the kit").isGreaterThanOrEqualTo(1);
        assertThat(run.received().get(0)).contains("\"spawn_agent\"").doesNotContain("namespace");
    }

    private Run codexExec(Path tmp, String model, String record) throws Exception {
        Path codex = CLI_DIR.resolve("node_modules/.bin/codex");
        assertThat(codex).as("Codex CLI is installed (run: npm ci --prefix %s)", CLI_DIR).exists();
        // CODEX_HOME outside /tmp: Codex refuses to put its helper links under a temporary directory
        Path home = Files.createDirectories(Path.of("target", "codex-home-" + System.nanoTime()).toAbsolutePath());
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));

        try (FakeOpenAi upstream = kit.strictThinkingModel()) {
            Process bridge = serve(upstream);
            // Codex is a binary: what it reads from the bridge is kept by a relay in between, for the kit's checkers.
            try (StreamTee tee = new StreamTee("http://127.0.0.1:" + port(bridge))) {
                Files.writeString(home.resolve("config.toml"), """
                        model = "%s"
                        model_provider = "crosswalk"
                        model_reasoning_summary = "auto"
                        check_for_update_on_startup = false

                        [model_providers.crosswalk]
                        name = "Crosswalk bridge"
                        base_url = "%s"
                        wire_api = "responses"
                        env_key = "CROSSWALK_CLIENT_KEY"
                        request_max_retries = 0
                        stream_max_retries = 0
                        """.formatted(model, tee.baseUrl()));
                Path log = tmp.resolve("codex.log");
                ProcessBuilder exec = new ProcessBuilder(codex.toAbsolutePath().toString(), "exec", "--strict-config",
                        "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", "-C", workspace.toString(),
                        "Create hello.txt")
                        .redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                Map<String, String> env = exec.environment();
                env.put("CODEX_HOME", home.toString());
                env.put("CROSSWALK_CLIENT_KEY", "sk-codex-test-0001");
                env.put("HTTPS_PROXY", "http://127.0.0.1:9");
                env.put("HTTP_PROXY", "http://127.0.0.1:9");
                env.put("NO_PROXY", "127.0.0.1,localhost");
                env.remove("OPENAI_API_KEY");
                Process process = exec.start();
                boolean ended = process.waitFor(180, TimeUnit.SECONDS);
                if (!ended) {
                    process.destroyForcibly();
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                List<String> received = upstream.requests().stream().map(FakeOpenAi.Recorded::body).toList();
                record(record, received);
                int checked = 0;
                for (StreamTee.Stream stream : tee.streams()) {
                    if (stream.uri().startsWith("/v1/responses")) {
                        kit.emittedResponses(stream.text());
                        checked++;
                    }
                }
                return new Run(ended, ended ? process.exitValue() : -1, output, workspace, received, upstream.rejections(), checked);
            } finally {
                bridge.destroy();
                bridge.waitFor(30, TimeUnit.SECONDS);
                bridge.destroyForcibly();
            }
        }
    }

    /** {@code crosswalk serve --provider-profile strict} as a process, as a user runs it. */
    private static Process serve(FakeOpenAi upstream) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.crosswalk.bridge.Main",
                "serve", "--upstream", upstream.baseUrl(), "--upstream-api", "chat", "--port", "0",
                "--provider-profile", "strict", "--seal-key-env", "CROSSWALK_TEST_SEAL_KEY")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CROSSWALK_TEST_SEAL_KEY", "codex-cli-test-seal-secret-0123456789");
        return pb.start();
    }

    private static int port(Process bridge) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8));
        String banner = out.readLine();
        Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/v1").matcher(String.valueOf(banner));
        assertThat(port.find()).as(banner).isTrue();
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the bridge's log: read so that a full pipe never blocks it
                }
            } catch (IOException e) {
                // the bridge ended
            }
        }, "bridge-stdout");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(port.group(1));
    }

    private static void record(String name, List<String> bodies) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "strict-fake-requests"));
        Files.writeString(dir.resolve(name + ".json"), "[\n" + String.join(",\n", bodies) + "\n]\n");
    }
}
