package dev.crosswalk.bridge.route;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.bridge.http.Secret;
import dev.crosswalk.translator.TranslatorOptions;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the routes file ({@code crosswalk serve --config crosswalk.yaml}), checking everything before the bridge uses
 * any of it: every error names the file and line ({@code crosswalk.yaml:12: route 'fast' names an unknown upstream
 * 'deepsek'}). Keys come from environment variables named in the file, never from the file itself.
 *
 * <pre>{@code
 * upstreams:
 *   - name: deepseek
 *     url: https://api.deepseek.com/v1
 *     api: chat
 *     keyEnv: DEEPSEEK_API_KEY
 *     translation: {reasoningContent: true, systemOnlyAtStart: true}
 * routes:
 *   - model: fast
 *     upstream: deepseek
 *     upstreamModel: deepseek-chat
 * limits: {requestsPerMinute: 600, concurrentStreams: 20}
 * }</pre>
 *
 * The {@code serve:} section may hold any {@code crosswalk serve} option by its name without dashes
 * ({@code port: 9000}); {@link #serveOptions(Path)} reads it.
 */
public final class RoutesFile {
    private static final Set<String> TOP = Set.of("upstreams", "routes", "limits", "serve");
    private static final Set<String> UPSTREAM = Set.of("name", "url", "api", "keyEnv", "translation");
    private static final Set<String> ROUTE = Set.of("model", "upstream", "upstreamModel", "fallbacks");
    private static final Set<String> TARGET = Set.of("upstream", "upstreamModel");
    private static final Set<String> LIMITS = Set.of("requestsPerMinute", "concurrentStreams");

    private final String label;
    private final Map<String, String> env;

    private RoutesFile(String label, Map<String, String> env) {
        this.label = label;
        this.env = env;
    }

    /** Whether {@code file} is a routes file (by its extension) rather than the older properties file. */
    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * Reads and checks a routes file.
     *
     * @param env where the upstreams' {@code keyEnv} variables are looked up
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and line of the first error
     */
    public static RoutesConfig load(Path file, Map<String, String> env) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new RoutesFile(file.getFileName().toString(), env).read(compose(file.getFileName().toString(), in));
        }
    }

    /** Reads routes from YAML text (tests, embedding). */
    public static RoutesConfig parse(String label, String yaml, Map<String, String> env) {
        return new RoutesFile(label, env).read(compose(label, new java.io.StringReader(yaml)));
    }

    /** The {@code serve:} section as option name → value text; empty when there is none. */
    public static Map<String, String> serveOptions(Path file) throws IOException {
        String label = file.getFileName().toString();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return serveOptions(label, compose(label, in));
        }
    }

    /** The {@code serve:} section of YAML text as option name → value text; empty when there is none. */
    public static Map<String, String> serveOptions(String label, String yaml) {
        return serveOptions(label, compose(label, new java.io.StringReader(yaml)));
    }

    private static Map<String, String> serveOptions(String label, Node root) {
        RoutesFile reader = new RoutesFile(label, Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        Node serve = reader.mapping(root, "the file").get("serve");
        if (serve != null) {
            reader.mapping(serve, "serve").forEach((key, value) -> out.put(key, reader.scalar(value, "serve." + key)));
        }
        return out;
    }

    private static Node compose(String label, Reader in) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false).build();
        try {
            return new Compose(settings).composeReader(in).orElse(null);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            throw new IllegalArgumentException(label + (mark == null ? "" : ":" + (mark.getLine() + 1)) + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(label + ": not valid YAML: " + e.getMessage());
        }
    }

    private RoutesConfig read(Node root) {
        if (root == null) {
            throw new IllegalArgumentException(label + ": the file is empty; it needs at least 'upstreams' and 'routes'");
        }
        Map<String, Node> top = mapping(root, "the file");
        check(top, TOP, "the file");
        Node upstreamsNode = require(top, "upstreams", root, "the file");
        Node routesNode = require(top, "routes", root, "the file");
        List<RoutesConfig.Upstream> upstreams = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node n : sequence(upstreamsNode, "upstreams")) {
            RoutesConfig.Upstream u = upstream(n);
            if (!names.add(u.name())) {
                throw error(n, "a second upstream named '" + u.name() + "'");
            }
            upstreams.add(u);
        }
        if (upstreams.isEmpty()) {
            throw error(upstreamsNode, "'upstreams' lists no upstream");
        }
        List<RoutesConfig.Route> routes = new ArrayList<>();
        Set<String> models = new HashSet<>();
        for (Node n : sequence(routesNode, "routes")) {
            RoutesConfig.Route route = route(n, names);
            if (!models.add(route.model())) {
                throw error(n, "a second route for model '" + route.model() + "'");
            }
            routes.add(route);
        }
        if (routes.isEmpty()) {
            throw error(routesNode, "'routes' lists no route");
        }
        RoutesConfig.Limits limits = top.containsKey("limits") ? limits(top.get("limits")) : RoutesConfig.Limits.NONE;
        return new RoutesConfig(upstreams, routes, limits);
    }

    private RoutesConfig.Upstream upstream(Node node) {
        Map<String, Node> m = mapping(node, "an upstream");
        check(m, UPSTREAM, "an upstream");
        String name = scalar(require(m, "name", node, "an upstream"), "name");
        if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw error(m.get("name"), "an upstream's name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        String what = "upstream '" + name + "'";
        Node urlNode = require(m, "url", node, what);
        URI url;
        try {
            url = URI.create(scalar(urlNode, "url").strip());
        } catch (IllegalArgumentException e) {
            throw error(urlNode, what + ": 'url' is not a URL");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw error(urlNode, what + ": 'url' must be an http:// or https:// URL with a host");
        }
        if (url.getUserInfo() != null) {
            throw error(urlNode, what + ": 'url' must not carry credentials; use keyEnv");
        }
        Node apiNode = require(m, "api", node, what);
        WireApi api;
        try {
            api = WireApi.of(scalar(apiNode, "api").strip());
        } catch (IllegalArgumentException e) {
            throw error(apiNode, what + ": 'api' " + e.getMessage());
        }
        Secret key = null;
        if (m.containsKey("keyEnv")) {
            String var = scalar(m.get("keyEnv"), "keyEnv").strip();
            String value = env.get(var);
            if (value == null || value.isBlank()) {
                throw error(m.get("keyEnv"), what + ": the environment variable " + var + " (keyEnv) is not set");
            }
            key = Secret.of(value.strip());
        }
        UnaryOperator<TranslatorOptions.Builder> translation = m.containsKey("translation")
                ? translation(m.get("translation"), what) : UnaryOperator.identity();
        return new RoutesConfig.Upstream(name, url, api, key, translation);
    }

    private UnaryOperator<TranslatorOptions.Builder> translation(Node node, String what) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : mapping(node, what + ": translation").entrySet()) {
            Class<?> type = TranslationSettings.type(e.getKey());
            if (type == null) {
                throw error(e.getValue(), what + ": unknown translation option '" + e.getKey() + "' (known: "
                        + String.join(", ", TranslationSettings.names()) + ")");
            }
            String text = scalar(e.getValue(), e.getKey());
            Object value = type == Boolean.class ? bool(e.getValue(), text, e.getKey()) : text;
            String wrong = TranslationSettings.check(e.getKey(), value);
            if (wrong != null) {
                throw error(e.getValue(), what + ": translation option '" + e.getKey() + "': " + wrong);
            }
            values.put(e.getKey(), value);
        }
        return builder -> TranslationSettings.applyAll(builder, values);
    }

    private RoutesConfig.Route route(Node node, Set<String> upstreams) {
        Map<String, Node> m = mapping(node, "a route");
        check(m, ROUTE, "a route");
        String model = scalar(require(m, "model", node, "a route"), "model");
        if (model.isEmpty()) {
            throw error(m.get("model"), "a route's model must not be empty (use \"*\" for every model)");
        }
        String what = "route '" + model + "'";
        List<RoutesConfig.Target> targets = new ArrayList<>();
        targets.add(target(node, m, upstreams, what));
        if (m.containsKey("fallbacks")) {
            for (Node f : sequence(m.get("fallbacks"), what + ": fallbacks")) {
                if (f instanceof ScalarNode) {
                    targets.add(new RoutesConfig.Target(known(f, scalar(f, "fallbacks"), upstreams, what), null));
                } else {
                    Map<String, Node> fm = mapping(f, what + ": a fallback");
                    check(fm, TARGET, what + ": a fallback");
                    targets.add(target(f, fm, upstreams, what));
                }
            }
        }
        return new RoutesConfig.Route(model, targets);
    }

    private RoutesConfig.Target target(Node node, Map<String, Node> m, Set<String> upstreams, String what) {
        Node up = require(m, "upstream", node, what);
        String name = known(up, scalar(up, "upstream"), upstreams, what);
        String rename = m.containsKey("upstreamModel") ? scalar(m.get("upstreamModel"), "upstreamModel") : null;
        if (rename != null && rename.isBlank()) {
            throw error(m.get("upstreamModel"), what + ": 'upstreamModel' must not be empty");
        }
        return new RoutesConfig.Target(name, rename);
    }

    private String known(Node node, String name, Set<String> upstreams, String what) {
        if (!upstreams.contains(name)) {
            throw error(node, what + " names an unknown upstream '" + name + "' (upstreams: " + String.join(", ", upstreams) + ")");
        }
        return name;
    }

    private RoutesConfig.Limits limits(Node node) {
        Map<String, Node> m = mapping(node, "limits");
        check(m, LIMITS, "limits");
        return new RoutesConfig.Limits(count(m, "requestsPerMinute"), count(m, "concurrentStreams"));
    }

    private int count(Map<String, Node> m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return 0;
        }
        String text = scalar(n, key);
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw error(n, "limits: '" + key + "' must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(n, "limits: '" + key + "' must be a whole number, got '" + text + "'");
        }
    }

    private boolean bool(Node node, String text, String key) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(node, "'" + key + "' must be true or false, got '" + text + "'");
        };
    }

    private Map<String, Node> mapping(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping (key: value)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = scalar(t.getKeyNode(), "a key");
            if (out.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), what + ": '" + key + "' is given twice");
            }
        }
        return out;
    }

    private List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " must be a list ('- ' items)");
        }
        return sequence.getValue();
    }

    private String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, "'" + what + "' must be a single value");
        }
        return scalar.getValue();
    }

    private Node require(Map<String, Node> m, String key, Node owner, String what) {
        Node n = m.get(key);
        if (n == null) {
            throw error(owner, what + " needs '" + key + "'");
        }
        return n;
    }

    private void check(Map<String, Node> m, Set<String> known, String what) {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue(), what + ": unknown key '" + e.getKey() + "' (expected one of "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private IllegalArgumentException error(Node node, String message) {
        int line = node == null ? -1 : node.getStartMark().map(Mark::getLine).orElse(-1);
        return new IllegalArgumentException(label + (line < 0 ? "" : ":" + (line + 1)) + ": " + message);
    }
}
