package dev.crosswalk.bridge.http;

import static dev.crosswalk.bridge.http.RoutedBridges.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code crosswalk serve --config crosswalk.yaml}: SIGHUP reloads the file; a bad file changes nothing and says why. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RouteSighupTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();
    @TempDir
    Path dir;

    static String routes(String model, String url) {
        return "upstreams: [{name: up, url: '" + url + "', api: chat}]\nroutes: [{model: " + model + ", upstream: up}]\n";
    }

    @Test
    void sighupReloadsTheRoutesFileAndABadOneKeepsTheRunningRoutes() throws Exception {
        try (FakeOpenAi chat = kit.chatModel()) {
            Path file = dir.resolve("crosswalk.yaml");
            Files.writeString(file, routes("before", chat.baseUrl()));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.crosswalk.bridge.Main",
                    "serve", "--config", file.toString(), "--port", "0").start();
            List<String> log = new CopyOnWriteArrayList<>();
            Thread stderr = new Thread(() -> new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))
                    .lines().forEach(log::add));
            stderr.setDaemon(true);
            stderr.start();
            try {
                String banner = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
                Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/v1").matcher(String.valueOf(banner));
                assertThat(port.find()).as(banner + " " + log).isTrue();
                assertThat(banner).contains("1 upstreams and 1 routes");
                TestClient client = new TestClient("http://127.0.0.1:" + port.group(1), "sk-client-test-0001");
                assertThat(client.get("/v1/models").body()).contains("\"before\"");

                Files.writeString(file, routes("after", chat.baseUrl()));
                hup(process);
                eventually(() -> assertThat(client.get("/v1/models").body()).contains("\"after\"").doesNotContain("\"before\""));
                assertThat(client.post("/v1/chat/completions", RoutesTest.chatRequest("after", false)).status()).isEqualTo(200);

                Files.writeString(file, routes("third", chat.baseUrl()).replace("api: chat", "api: chatty"));
                hup(process);
                eventually(() -> assertThat(log).anySatisfy(line -> assertThat(line)
                        .contains("reload of").contains("failed; the running configuration stays: crosswalk.yaml:1: upstream 'up': 'api'")));
                assertThat(client.get("/v1/models").body()).contains("\"after\"").doesNotContain("\"third\"");
                assertThat(client.post("/v1/chat/completions", RoutesTest.chatRequest("after", false)).status()).isEqualTo(200);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static void hup(Process process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor()).isZero();
    }
}
