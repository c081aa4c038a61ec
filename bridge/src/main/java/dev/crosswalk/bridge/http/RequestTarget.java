package dev.crosswalk.bridge.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's path and query, normalised and checked against the endpoints the bridge serves, before anything else
 * happens to the request. The path is percent-decoded segment by segment; a segment that is empty, {@code .},
 * {@code ..}, or holds anything but the characters ids and model names use ({@code %2f}, {@code \}, controls) makes
 * the request a 404, so that no request can reach another upstream path with the bridge's key. Only the documented
 * query parameters of each endpoint are accepted; they are forwarded re-encoded, never as received.
 *
 * <pre>{@code
 * RequestTarget t = RequestTarget.parse("/v1/responses/resp_1/input_items?limit=2");
 * t.path();          // "/v1/responses/resp_1/input_items"
 * t.upstreamPath();  // "/responses/resp_1/input_items?limit=2"
 * }</pre>
 *
 * @param path the canonical path, {@code /v1/...}
 * @param query the canonical query string with its {@code ?}, or empty
 */
record RequestTarget(String path, String query) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._:@+~\\-]+");
    private static final String ID = "{id}";
    private static final Set<String> RETRIEVE = Set.of("include", "include[]", "stream", "starting_after", "include_obfuscation", "beta");

    /** The documented endpoints: segments ({@code {id}} is any id) and the query parameters each accepts. */
    private static final Map<List<String>, Set<String>> ENDPOINTS = Map.ofEntries(
            Map.entry(List.of("health"), Set.of()),
            Map.entry(List.of("metrics"), Set.of()),
            Map.entry(List.of("v1", "chat", "completions"), Set.of()),
            Map.entry(List.of("v1", "responses"), Set.of("beta")),
            Map.entry(List.of("v1", "responses", ID), RETRIEVE),
            Map.entry(List.of("v1", "responses", ID, "cancel"), Set.of("beta")),
            Map.entry(List.of("v1", "responses", ID, "input_items"), Set.of("limit", "order", "after", "include", "include[]", "beta")),
            Map.entry(List.of("v1", "models"), Set.of()),
            Map.entry(List.of("v1", "models", ID), Set.of()));

    /**
     * The target of {@code uri} (origin form, as received).
     *
     * @throws BridgeException 404 for a path that is not one of the endpoints, 400 for an unknown or malformed query
     */
    static RequestTarget parse(String method, String uri) {
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? null : uri.substring(q + 1);
        List<String> segments = segments(rawPath);
        Set<String> allowed = segments == null ? null : allowedQuery(segments);
        if (allowed == null) {
            throw unknown(method, printable(rawPath));
        }
        String path = "/" + String.join("/", segments);
        return new RequestTarget(path, query(rawQuery, allowed));
    }

    /** The path and query to request under the upstream's base ({@code /v1/x?y} → {@code /x?y}). */
    String upstreamPath() {
        return path.substring("/v1".length()) + query;
    }

    private static List<String> segments(String rawPath) {
        if (!rawPath.startsWith("/") || rawPath.length() == 1) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String decoded;
            try {
                decoded = QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
            if (decoded.equals(".") || decoded.equals("..") || !SEGMENT.matcher(decoded).matches()) {
                return null;
            }
            out.add(decoded);
        }
        return out;
    }

    private static Set<String> allowedQuery(List<String> segments) {
        for (Map.Entry<List<String>, Set<String>> e : ENDPOINTS.entrySet()) {
            List<String> shape = e.getKey();
            if (shape.size() != segments.size()) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < shape.size() && match; i++) {
                match = shape.get(i).equals(ID) || shape.get(i).equals(segments.get(i));
            }
            if (match) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String query(String rawQuery, Set<String> allowed) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, List<String>> params;
        try {
            params = new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false).parameters();
        } catch (IllegalArgumentException malformed) {
            throw BridgeException.of(400, Errors.INVALID_REQUEST, null, "invalid_query", "The query string is not valid percent-encoding.");
        }
        QueryStringEncoder out = new QueryStringEncoder("");
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!allowed.contains(p.getKey())) {
                throw BridgeException.of(400, Errors.INVALID_REQUEST, printable(p.getKey()), "unknown_parameter",
                        "Unknown query parameter '" + printable(p.getKey()) + "'"
                                + (allowed.isEmpty() ? "; this endpoint takes none." : "; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()) + "."));
            }
            for (String value : p.getValue()) {
                out.addParam(p.getKey(), value);
            }
        }
        return out.toString();
    }

    static BridgeException unknown(String method, String path) {
        return BridgeException.of(404, Errors.INVALID_REQUEST, null, "unknown_url",
                "Unknown request URL: " + method + " " + path + ". This bridge serves /v1/chat/completions, /v1/responses, /v1/models and /health.");
    }

    // A path is client text; a line break in it would forge log lines, a long one would bloat them.
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        text.codePoints().limit(200).forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c));
        return out.toString();
    }
}
