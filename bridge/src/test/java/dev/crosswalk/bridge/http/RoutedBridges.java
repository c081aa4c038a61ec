package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.bridge.route.RoutesConfig;
import dev.crosswalk.bridge.route.RoutesFile;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.json.JsonCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bridges with a routes file over the two fakes, and what their tests read back: metrics, access log lines. */
final class RoutedBridges {
    private RoutedBridges() {
    }

    static RoutesConfig routes(String yaml) {
        return RoutesFile.parse("test.yaml", yaml, Map.of());
    }

    static BridgeServer start(String yaml) {
        return start(yaml, b -> b);
    }

    static BridgeServer start(String yaml, UnaryOperator<BridgeConfig.Builder> customize) {
        BridgeConfig.Builder builder = BridgeConfig.builder(routes(yaml)).host("127.0.0.1").port(0)
                .translator(TranslatorOptions.builder().codec(JsonCodec.jackson3()).build());
        return BridgeServer.start(customize.apply(builder).build());
    }

    /** A loopback URL on which nothing listens (its port was free a moment ago): connections are refused. */
    static String refusedUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of the samples of a Prometheus metric whose labels include {@code labels}; 0 when there is none.
     */
    static double sample(String scrape, String name, Map<String, String> labels) {
        double sum = 0;
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            Map<String, String> found = new HashMap<>();
            if (m.group(2) != null) {
                Matcher kv = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(2));
                while (kv.find()) {
                    found.put(kv.group(1), kv.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    /** Runs {@code check} until it passes or 10 seconds went by (meters and log lines are written just after the answer). */
    static void eventually(Runnable check) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The access log line of the request with this id (the bridge's X-Request-Id). */
    static String accessLine(String requestId) {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(file).as("the build writes logs to a file").isNotBlank();
        String[] found = new String[1];
        eventually(() -> {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                found[0] = lines.stream().filter(l -> l.contains("dev.crosswalk.bridge.access") && l.contains("id=" + requestId + " "))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(found[0]).as("access log line of " + requestId).isNotNull();
        });
        return found[0];
    }
}
