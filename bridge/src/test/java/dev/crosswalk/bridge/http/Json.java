package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain-value JSON for tests: maps, lists, strings, numbers. */
final class Json {
    static final JsonCodec CODEC = JsonCodec.jackson3();

    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(String json) {
        return (Map<String, Object>) CODEC.readTree(json);
    }

    static String write(Object value) {
        return CODEC.write(value);
    }

    /** A map from alternating keys and values, in order. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The value at a dotted path with list indexes: {@code output[0].content[0].text}. */
    static Object at(Object root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            String name = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                name = part.substring(0, bracket);
            }
            if (!name.isEmpty()) {
                cur = cur instanceof Map<?, ?> m ? m.get(name) : null;
            }
            while (bracket >= 0 && cur != null) {
                int close = part.indexOf(']', bracket);
                int index = Integer.parseInt(part.substring(bracket + 1, close));
                cur = cur instanceof List<?> l && index < l.size() ? l.get(index) : null;
                bracket = part.indexOf('[', close);
            }
        }
        return cur;
    }

    static String str(Object root, String path) {
        Object v = at(root, path);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String path) {
        return (List<Object>) at(root, path);
    }
}
