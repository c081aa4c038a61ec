package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.testkit.FakeOpenAi;
import dev.crosswalk.testkit.FakeOpenAiExtension;
import dev.crosswalk.translator.WireApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client no one here wrote: the official OpenAI Node SDK ({@code openai} on npm, pinned by
 * {@code src/test/node/package-lock.json}) runs {@code sdk-check.mjs} against a bridge over each kind of upstream, so
 * each endpoint is exercised once translated and once passed through, streaming and not, with the SDK's streaming
 * helpers and their final-object accumulation. Needs Node and {@code npm ci} in {@code src/test/node} (.ci/run does
 * it, and so does the build when node_modules is missing).
 */
class OpenAiNodeSdkTest {
    @RegisterExtension
    static final FakeOpenAiExtension kit = new FakeOpenAiExtension();

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void theOfficialNodeSdkWorksAgainstTheBridge(WireApi upstreamApi) throws Exception {
        Path dir = Path.of(System.getProperty("crosswalk.test.nodeDir", "src/test/node"));
        assertThat(dir.resolve("node_modules/openai/package.json"))
                .as("the OpenAI Node SDK is installed (run: npm ci --prefix %s)", dir).exists();

        try (FakeOpenAi upstream = upstreamApi == WireApi.CHAT_COMPLETIONS ? kit.chatModel() : kit.responsesModel();
             BridgeServer bridge = Bridges.start(upstream, upstreamApi)) {
            Path log = Files.createTempFile("sdk-check", ".log");
            Path streams = Files.createTempDirectory("sdk-streams");
            ProcessBuilder node = new ProcessBuilder("node", "sdk-check.mjs").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            node.environment().put("BRIDGE_URL", "http://127.0.0.1:" + bridge.port() + "/v1");
            node.environment().put("UPSTREAM_API", upstreamApi.shortName());
            node.environment().put("STREAM_DIR", streams.toString());
            Process process = node.start();
            boolean ended = process.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = read(log);
            Files.deleteIfExists(log);
            assertThat(ended).as("node finished in time:\n%s", output).isTrue();
            assertThat(output).as(output).doesNotContain("FAIL").containsPattern("(?m)^\\d+ passed, 0 failed$");
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(checkStreams(streams, upstreamApi)).as("streams the SDK read and the kit checks").isGreaterThan(5);
        }
    }

    /**
     * Hands every stream the SDK read to the kit (checked after the test), except a {@code fault-*} stream passed
     * through from an upstream of the same protocol: that is the upstream's own stream, broken on purpose, sent on as it
     * came. Returns how many were handed over.
     */
    private static int checkStreams(Path dir, WireApi upstreamApi) throws IOException {
        int checked = 0;
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Map<String, Object> saved = Json.obj(read(file));
                String path = (String) saved.get("path");
                String text = (String) saved.get("text");
                boolean responses = path.endsWith(WireApi.RESPONSES.path());
                boolean passedThrough = responses == (upstreamApi == WireApi.RESPONSES);
                if (passedThrough && String.valueOf(saved.get("model")).startsWith("fault-")) {
                    continue;
                }
                if (responses) {
                    kit.emittedResponses(text);
                } else {
                    kit.emittedChat(text, Boolean.TRUE.equals(saved.get("usage")));
                }
                checked++;
            }
        }
        return checked;
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
