package dev.crosswalk.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar.gz as a user gets it: unpacked, {@code bin/crosswalk serve} started with a PATH that has no {@code java} (and
 * no JAVA_HOME), one Responses request translated over a Chat Completions upstream on loopback.
 */
class RuntimeImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIST = Path.of(System.getProperty("crosswalk.dist", "target"));
    private static final String VERSION = System.getProperty("crosswalk.version");

    @TempDir
    Path temp;

    private FakeOpenAi upstream;
    private Process bridge;

    @BeforeEach
    void startUpstream() {
        upstream = FakeOpenAi.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (bridge != null && bridge.isAlive()) {
            bridge.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        upstream.close();
    }

    @Test
    void servesATranslatedRequestWithoutAnInstalledJava() throws Exception {
        Path archive = DIST.resolve("crosswalk-" + VERSION + "-linux-x64.tar.gz");
        assertThat(archive).exists();
        run(List.of("tar", "-xzf", archive.toString(), "-C", temp.toString()), Map.of());
        Path home = temp.resolve("crosswalk-" + VERSION);
        Path launcher = home.resolve("bin/crosswalk");
        assertThat(launcher).isExecutable();
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("LICENSE")).exists();
        assertThat(home.resolve("NOTICE")).exists();
        assertThat(home.resolve("THIRD-PARTY.txt")).exists();

        // A PATH with only what the launcher script itself runs: no java anywhere on it.
        Path tools = Files.createDirectory(temp.resolve("path"));
        for (String tool : List.of("sh", "readlink", "dirname")) {
            Files.createSymbolicLink(tools.resolve(tool), which(tool));
        }
        Map<String, String> environment = Map.of("PATH", tools.toString(), "HOME", temp.toString());
        assertThat(run(List.of("sh", "-c", "command -v java || echo none"), environment).trim()).isEqualTo("none");

        upstream.enqueue(FakeOpenAi.CHAT, Reply.json("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1741476542,"model":"fake-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream"},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}"""));

        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--upstream", upstream.baseUrl(),
                "--upstream-api", "chat", "--host", "127.0.0.1", "--port", "0")
                .redirectError(temp.resolve("bridge.err").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        bridge = builder.start();
        int port = listeningPort(bridge);

        Path exe = Path.of("/proc/" + bridge.pid() + "/exe").toRealPath();
        assertThat(exe).as("the JVM that serves is the image's own").isEqualTo(home.resolve("runtime/bin/java").toRealPath());

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/responses"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer test-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"fake-model\",\"input\":\"Say hello\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode response = JSON.readTree(answer.body());
        assertThat(response.path("object").asText()).isEqualTo("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.path("output").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Hello from upstream");

        FakeOpenAi.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo(FakeOpenAi.CHAT);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer test-key");
        JsonNode chat = JSON.readTree(sent.body());
        assertThat(chat.path("model").asText()).isEqualTo("fake-model");
        assertThat(chat.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(chat.path("messages").get(0).path("content").toString()).contains("Say hello");

        bridge.destroy();
        assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bridge.exitValue()).as("SIGTERM after the graceful shutdown").isEqualTo(143);
    }

    /** The port from the bridge's "listening on http://127.0.0.1:PORT/v1" line (it was started with --port 0). */
    private int listeningPort(Process process) throws Exception {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = listening.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new IllegalStateException("the bridge ended without listening: " + stderr());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // A deadline against a hang, not a timing assertion: start-up takes seconds.
        return port.get(3, TimeUnit.MINUTES);
    }

    private String stderr() {
        try {
            return Files.readString(temp.resolve("bridge.err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path which(String tool) throws Exception {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath();
            }
        }
        throw new IllegalStateException(tool + " not on PATH");
    }

    static String run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
