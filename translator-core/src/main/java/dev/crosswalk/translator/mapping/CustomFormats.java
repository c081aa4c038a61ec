package dev.crosswalk.translator.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A custom tool's grammar {@code format}: nested in Chat ({@code {type: grammar, grammar: {syntax, definition}}}),
 * flat in Responses ({@code {type: grammar, syntax, definition}}). Other formats ({@code text}, unknown shapes) are
 * the same on both sides and pass unchanged.
 */
final class CustomFormats {
    private CustomFormats() {
    }

    /** Chat → Responses. */
    static Object flat(Object format) {
        if (format instanceof Map<?, ?> map && "grammar".equals(map.get("type")) && map.get("grammar") instanceof Map<?, ?> grammar) {
            Map<String, Object> flat = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!"grammar".equals(k)) {
                    flat.put(String.valueOf(k), v);
                }
            });
            grammar.forEach((k, v) -> flat.put(String.valueOf(k), v));
            return flat;
        }
        return format;
    }

    /** Responses → Chat. */
    static Object nested(Object format) {
        if (format instanceof Map<?, ?> map && "grammar".equals(map.get("type")) && !map.containsKey("grammar")) {
            Map<String, Object> grammar = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!"type".equals(k)) {
                    grammar.put(String.valueOf(k), v);
                }
            });
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("type", "grammar");
            nested.put("grammar", grammar);
            return nested;
        }
        return format;
    }
}
