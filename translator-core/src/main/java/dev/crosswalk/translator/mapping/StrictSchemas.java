package dev.crosswalk.translator.mapping;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether a JSON Schema can be used with {@code strict: true}: every object lists all its properties as required
 * and sets {@code additionalProperties: false}, at every depth.
 *
 * <p>Responses treats a function tool without {@code strict} as strict; Chat treats it as non-strict. Going from
 * Responses to Chat, an absent {@code strict} becomes {@code true} only where the schema allows it, since a strict
 * request with a non-conforming schema is rejected upstream.
 */
final class StrictSchemas {
    private StrictSchemas() {
    }

    /** What {@code strict} to write in Chat for a Responses tool whose {@code strict} was {@code given}. */
    static Boolean chatStrict(Boolean given, Map<String, Object> parameters) {
        if (given != null) {
            return given;
        }
        return parameters != null && isStrictCompatible(parameters) ? Boolean.TRUE : null;
    }

    static boolean isStrictCompatible(Object schema) {
        if (schema instanceof List<?> list) {
            return list.stream().allMatch(StrictSchemas::isStrictCompatible);
        }
        if (!(schema instanceof Map<?, ?> map)) {
            return true;
        }
        Object properties = map.get("properties");
        boolean isObject = "object".equals(map.get("type")) || properties != null;
        if (isObject) {
            if (!Boolean.FALSE.equals(map.get("additionalProperties"))) {
                return false;
            }
            Collection<?> names = properties instanceof Map<?, ?> p ? p.keySet() : List.of();
            if (!(map.get("required") instanceof List<?> required) || !required.containsAll(names)) {
                return false;
            }
        }
        return map.values().stream().allMatch(StrictSchemas::isStrictCompatible);
    }
}
