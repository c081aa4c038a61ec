package dev.crosswalk.translator.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small checks for hand-read JSON values (maps, lists, strings) in the protocols' union types. */
public final class JsonShapes {
    private JsonShapes() {
    }

    /** The value as a JSON object with exactly the given keys (and {@code type}), or {@code null}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> objectWithKeys(Object value, Set<String> keys) {
        if (value instanceof Map<?, ?> map && keys.containsAll(map.keySet())) {
            return (Map<String, Object>) map;
        }
        return null;
    }

    /** {@code map.get(key)} if it is a string, else {@code null}. */
    public static String string(Map<String, Object> map, String key) {
        return map != null && map.get(key) instanceof String s ? s : null;
    }

    /** {@code map.get(key)} if it is a JSON object, else {@code null}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> map, String key) {
        return map != null && map.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** {@code value} as a list of JSON objects, or {@code null} if it is anything else. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        for (Object o : list) {
            if (!(o instanceof Map)) {
                return null;
            }
        }
        return (List<Map<String, Object>>) list;
    }
}
