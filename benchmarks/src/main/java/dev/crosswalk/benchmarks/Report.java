package dev.crosswalk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns JMH's JSON results into the markdown tables of {@code benchmarks/README.md}: each Crosswalk figure beside
 * its baseline from the same run, as a ratio.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.crosswalk.benchmarks.Report results/jmh.json results/report.md
 * }</pre>
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Report <jmh-result.json> <report.md>");
        }
        JsonNode results = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode r : results) {
            String method = r.path("benchmark").asString().replaceAll("^.*\\.", "");
            String clazz = r.path("benchmark").asString().replaceAll("^.*\\.(\\w+)\\.\\w+$", "$1");
            StringBuilder params = new StringBuilder();
            r.path("params").properties().forEach(e -> params.append(params.length() == 0 ? "" : ", ")
                    .append(e.getKey()).append('=').append(e.getValue().asString()));
            JsonNode primary = r.path("primaryMetric");
            JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
            rows.put(clazz + "." + method + "(" + params + ")", new Row(clazz, method, params.toString(),
                    number(primary.path("score")), number(primary.path("scoreError")), primary.path("scoreUnit").asString(),
                    number(alloc.path("score"))));
        }
        List<String> out = new ArrayList<>();
        out.add("| benchmark | params | score | ± | unit | alloc B/op | ratio to baseline |");
        out.add("|---|---|---:|---:|---|---:|---|");
        for (Row row : rows.values()) {
            out.add(String.format(Locale.ROOT, "| %s.%s | %s | %.3f | %s | %s | %s | %s |", row.clazz, row.method, row.params,
                    row.score, Double.isNaN(row.error) ? "" : String.format(Locale.ROOT, "%.3f", row.error), row.unit, Double.isNaN(row.alloc) ? "" : String.format(Locale.ROOT, "%.0f", row.alloc),
                    ratio(row, rows)));
        }
        Files.writeString(Path.of(args[1]), String.join("\n", out) + "\n");
    }

    /** JMH writes {@code "NaN"} (a string) for an error it cannot compute, e.g. from a single iteration. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** Crosswalk's figure over the baseline with the same parameters in the same run. */
    private static String ratio(Row row, Map<String, Row> rows) {
        List<String> baselines = switch (row.method) {
            case "crosswalkChatToResponses" -> List.of("baselineJacksonIdentityChat", "baselineSdkChat");
            case "crosswalkResponsesToChat" -> List.of("baselineJacksonIdentityResponses", "baselineSdkResponses");
            case "crosswalkCompletionToResponse" -> List.of("baselineReplyFloorCompletion");
            case "crosswalkResponseToCompletion" -> List.of("baselineReplyFloorResponse");
            // StreamJsonBenchmark: per input event, to re-serialising that event (floor) and to the SDK's round trip
            case "token" -> List.of("floor", "floorBytes", "sdk");
            case "crosswalk", "databind" -> List.of("floor", "sdk");
            default -> List.of();
        };
        List<String> parts = new ArrayList<>();
        for (String b : baselines) {
            Row base = rows.get(row.clazz + "." + b + "(" + row.params + ")");
            if (base != null) {
                String alloc = Double.isNaN(row.alloc) || Double.isNaN(base.alloc) || base.alloc == 0 ? ""
                        : String.format(Locale.ROOT, " (alloc %.2f×)", row.alloc / base.alloc);
                parts.add(String.format(Locale.ROOT, "%.2f× %s%s", row.score / base.score, b.replace("baseline", ""), alloc));
            }
        }
        return String.join("; ", parts);
    }

    private record Row(String clazz, String method, String params, double score, double error, String unit, double alloc) {
    }
}
