package dev.crosswalk.bridge.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the route for a client's {@code model}: an exact name first, then the globs in the order they were listed.
 * Immutable and thread-safe; a reload builds a new one.
 *
 * <pre>{@code
 * RouteTable table = new RouteTable(routes.routes());
 * RoutesConfig.Route route = table.find("gpt-5-mini");   // exact "gpt-5-mini", else the first glob that matches
 * }</pre>
 */
public final class RouteTable {
    private final Map<String, RoutesConfig.Route> exact = new HashMap<>();
    private final List<RoutesConfig.Route> globs = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();

    public RouteTable(List<RoutesConfig.Route> routes) {
        for (RoutesConfig.Route route : routes) {
            if (route.isGlob()) {
                globs.add(route);
                patterns.add(glob(route.model()));
            } else {
                exact.putIfAbsent(route.model(), route);
            }
        }
    }

    /** The route for {@code model}, or {@code null} if none matches (a missing model matches only {@code "*"}). */
    public RoutesConfig.Route find(String model) {
        String name = model == null ? "" : model;
        RoutesConfig.Route route = exact.get(name);
        if (route != null) {
            return route;
        }
        for (int i = 0; i < globs.size(); i++) {
            if (patterns.get(i).matcher(name).matches()) {
                return globs.get(i);
            }
        }
        return null;
    }

    /** The exact names routed (aliases included), in no particular order. */
    public List<String> exactNames() {
        return List.copyOf(exact.keySet());
    }

    /** The glob routes, in order. */
    public List<RoutesConfig.Route> globs() {
        return List.copyOf(globs);
    }

    /** Whether {@code model} matches the glob {@code pattern}. */
    public static boolean matches(String pattern, String model) {
        return glob(pattern).matcher(model).matches();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
