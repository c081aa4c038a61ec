package dev.crosswalk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.bridge.http.BridgeConfig;
import dev.crosswalk.bridge.http.BridgeServer;
import dev.crosswalk.bridge.http.ClientKeys;
import dev.crosswalk.bridge.route.RoutesFile;
import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.testkit.Reply;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.json.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file watch reloads the routes file and the client keys file however they are replaced — in place, by an
 * editor's rename, by a Kubernetes ConfigMap's {@code ..data} symlink swap — keeps the running configuration for a
 * bad file, and cuts no open stream. No test waits for a duration: each waits for the reloader's counters, with a
 * generous upper bound only so that a broken watch fails instead of hanging.
 */
class ConfigWatchTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    @TempDir
    Path dir;

    private BridgeServer server;
    private ConfigWatcher watcher;
    private RoutesReloader reloader;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String routes(String url, String... models) {
        StringBuilder yaml = new StringBuilder("upstreams: [{name: up, url: '" + url + "', api: chat}]\nroutes:\n");
        for (String model : models) {
            yaml.append("  - {model: ").append(model).append(", upstream: up}\n");
        }
        return yaml.toString();
    }

    /** Starts a bridge from {@code routesFile} (and keys), reloaded by the watch of the given paths. */
    private void start(Path routesFile, Path keysFile) throws IOException {
        BridgeConfig.Builder builder = BridgeConfig.builder(RoutesFile.load(routesFile, Map.of())).host("127.0.0.1").port(0)
                .translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build());
        if (keysFile != null) {
            builder.clientKeys(ClientKeys.load(keysFile));
        }
        server = BridgeServer.start(builder.build());
        reloader = new RoutesReloader(routesFile, keysFile, Map.of(), server);
        watcher = ConfigWatcher.start(reloader.files(), Duration.ofMillis(50), () -> reloader.reloadIfChanged("watch"));
    }

    @Test
    void aFileWrittenInPlaceOrRenamedOverIsReloadedAndABadOneKeepsTheRunningRoutes() throws Exception {
        Path file = dir.resolve("crosswalk.yaml");
        Files.writeString(file, routes("http://127.0.0.1:9/v1", "one"));
        start(file, null);
        assertThat(models()).contains("\"one\"");

        // Written in place (truncated, then written: the watch may see it half-way; the last content wins).
        Files.writeString(file, routes("http://127.0.0.1:9/v1", "two"));
        awaitModels("\"two\"");
        assertThat(models()).doesNotContain("\"one\"");

        // An editor's save: written beside, renamed over the file (and a backup left next to it).
        long[] before = reloader.counts();
        Files.writeString(dir.resolve("crosswalk.yaml~"), routes("http://127.0.0.1:9/v1", "two"));
        replace(file, routes("http://127.0.0.1:9/v1", "three"));
        awaitCounts(before[0] + 1, before[1]);
        assertThat(models()).contains("\"three\"").doesNotContain("\"two\"");

        // A bad file: refused, counted, the running routes stay.
        replace(file, routes("http://127.0.0.1:9/v1", "four").replace("api: chat", "api: chatty"));
        awaitCounts(before[0] + 1, before[1] + 1);
        assertThat(models()).contains("\"three\"").doesNotContain("\"four\"");
        assertThat(reloadsCounted("failed")).isEqualTo(before[1] + 1);
        assertThat(reloadsCounted("ok")).isEqualTo(before[0] + 1);

        // Unrelated files in the directory and the same content saved again reload nothing (had they, the bad file
        // would have been refused once more); the next change does.
        Files.writeString(dir.resolve("bridge.log"), "a line");
        replace(file, Files.readString(file));
        replace(file, routes("http://127.0.0.1:9/v1", "five"));
        awaitCounts(before[0] + 2, before[1] + 1);
        assertThat(models()).contains("\"five\"");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aKubernetesConfigMapUpdateSwapsTheDataSymlinkAndIsReloaded() throws Exception {
        // What the kubelet builds: crosswalk.yaml -> ..data/crosswalk.yaml, ..data -> ..<timestamp>/
        Path first = Files.createDirectory(dir.resolve("..2026_12_03_21_00_00.000000001"));
        Files.writeString(first.resolve("crosswalk.yaml"), routes("http://127.0.0.1:9/v1", "one"));
        Files.writeString(first.resolve("client-keys.txt"), "sk-client-one\n");
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("crosswalk.yaml"), Path.of("..data", "crosswalk.yaml"));
        Path keys = Files.createSymbolicLink(dir.resolve("client-keys.txt"), Path.of("..data", "client-keys.txt"));
        start(file, keys);
        assertThat(models("sk-client-one")).contains("\"one\"");

        // An update: a new timestamped directory, ..data_tmp pointing at it, renamed over ..data, the old one removed.
        Path second = Files.createDirectory(dir.resolve("..2026_12_03_21_05_00.000000002"));
        Files.writeString(second.resolve("crosswalk.yaml"), routes("http://127.0.0.1:9/v1", "two"));
        Files.writeString(second.resolve("client-keys.txt"), "sk-client-two requestsPerMinute=100\n");
        Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(first.resolve("crosswalk.yaml"));
        Files.delete(first.resolve("client-keys.txt"));
        Files.delete(first);

        long end = System.nanoTime() + BOUND.toNanos();
        while (status("sk-client-two") != 200 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(models("sk-client-two")).contains("\"two\"").doesNotContain("\"one\"");
        assertThat(reloader.counts()[1]).as("refused reloads").isZero();
        assertThat(status("sk-client-one")).isEqualTo(401);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFileThatIsASymlinkElsewhereIsWatchedWhereItsTargetIs() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("etc"));
        Path target = elsewhere.resolve("routes.yaml");
        Files.writeString(target, routes("http://127.0.0.1:9/v1", "one"));
        Path linkDir = Files.createDirectory(dir.resolve("conf"));
        Path file = Files.createSymbolicLink(linkDir.resolve("crosswalk.yaml"), target);
        start(file, null);

        Files.writeString(target, routes("http://127.0.0.1:9/v1", "two"));
        awaitModels("\"two\"");
    }

    @Test
    void aReloadByTheWatchCutsNoOpenStream() throws Exception {
        FakeOpenAi chat = kit.upstream();
        CountDownLatch gate = new CountDownLatch(1);
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"one\",";
        chat.enqueue(Reply.chatStream(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}").gateAfter(1, gate));
        Path file = dir.resolve("crosswalk.yaml");
        Files.writeString(file, routes(chat.baseUrl(), "one"));
        start(file, null);
        CompletableFuture<HttpResponse<String>> stream = HTTP.sendAsync(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"one\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        long end = System.nanoTime() + BOUND.toNanos();
        while (chat.requests().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(chat.requests()).hasSize(1);

        Files.writeString(file, routes("http://127.0.0.1:9/v1", "two"));
        awaitModels("\"two\"");
        gate.countDown();
        HttpResponse<String> done = stream.get();
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void withOneUpstreamTheClientKeysFileIsWatched() throws Exception {
        Path keys = dir.resolve("client-keys.txt");
        Files.writeString(keys, "sk-client-old\n");
        server = BridgeServer.start(BridgeConfig.builder(URI.create("http://127.0.0.1:9/v1"), dev.crosswalk.translator.WireApi.CHAT_COMPLETIONS)
                .host("127.0.0.1").port(0).translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build())
                .clientKeys(ClientKeys.load(keys)).build());
        reloader = new RoutesReloader(null, keys, Map.of(), server);
        watcher = ConfigWatcher.start(reloader.files(), Duration.ofMillis(50), () -> reloader.reloadIfChanged("watch"));
        assertThat(status("sk-client-new")).isEqualTo(401);

        replace(keys, "sk-client-new concurrentStreams=1\n");
        awaitCounts(1, 0);
        // Admitted (the upstream itself is not there: 502), where the old key is now refused.
        assertThat(status("sk-client-new")).isNotEqualTo(401);
        assertThat(status("sk-client-old")).isEqualTo(401);
    }

    /** {@code crosswalk serve --config}: the watch is on by default, and {@code --no-watch-config} turns it off. */
    @Test
    void serveWatchesItsConfigUnlessToldNotTo() throws Exception {
        Path file = dir.resolve("crosswalk.yaml");
        Files.writeString(file, routes("http://127.0.0.1:9/v1", "before"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (boolean watch : new boolean[] {true, false}) {
            List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                    "dev.crosswalk.bridge.Main", "serve", "--config", file.toString(), "--port", "0"));
            if (!watch) {
                command.add("--no-watch-config");
            }
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String banner = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                assertThat(banner).contains(watch ? "(reloaded when it changes, and on SIGHUP)" : "(SIGHUP reloads it)");
                if (watch) {
                    java.util.regex.Matcher port = java.util.regex.Pattern.compile("127\\.0\\.0\\.1:(\\d+)/v1").matcher(banner);
                    assertThat(port.find()).isTrue();
                    URI models = URI.create("http://127.0.0.1:" + port.group(1) + "/v1/models");
                    replace(file, routes("http://127.0.0.1:9/v1", "after"));
                    long end = System.nanoTime() + BOUND.toNanos();
                    String body = "";
                    while (!body.contains("\"after\"") && System.nanoTime() < end) {
                        body = HTTP.send(HttpRequest.newBuilder(models).build(), HttpResponse.BodyHandlers.ofString()).body();
                        Thread.sleep(10);
                    }
                    assertThat(body).contains("\"after\"").doesNotContain("\"before\"");
                }
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code crosswalk_config_reloads_total} of the watch with this result, as scraped. */
    private double reloadsCounted(String result) {
        double sum = 0;
        for (String line : server.metrics().scrape().split("\n")) {
            if (line.startsWith("crosswalk_config_reloads_total{") && line.contains("result=\"" + result + "\"")
                    && line.contains("trigger=\"watch\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** What an editor or an atomic writer does: write a file beside, rename it over {@code file}. */
    private static void replace(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until {@code GET /v1/models} lists {@code model} (a bound only against hanging). */
    private void awaitModels(String model) throws Exception {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!models().contains(model) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(models()).contains(model);
    }

    /** Waits until the reloader has counted these reloads (a bound only against hanging). */
    private void awaitCounts(long ok, long failed) throws InterruptedException {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!java.util.Arrays.equals(reloader.counts(), new long[] {ok, failed}) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(reloader.counts()).as("reloads ok, failed").containsExactly(ok, failed);
    }

    private String models() throws Exception {
        return models(null);
    }

    private String models(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/models"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private int status(String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/models")).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
