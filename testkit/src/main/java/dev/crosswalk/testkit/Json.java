package dev.crosswalk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to plain Java trees (maps, lists, strings, numbers, booleans, null) and back. The kit reads wire text
 * with its own Jackson mapper, never with the translator's codecs, so its verdicts do not depend on the code under
 * test.
 */
public final class Json {
    /** Decimals read as {@code BigDecimal}: exactly as written, and equal to the core codecs' trees. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    /** Any JSON value as a plain tree; an {@link AssertionError} naming the text when it is not JSON. */
    public static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** A JSON object as a map that keeps the wire order of its members. */
    public static Map<String, Object> object(String json) {
        Object tree = parse(json);
        if (!(tree instanceof Map)) {
            throw new AssertionError("not a JSON object: " + json);
        }
        return map(tree);
    }

    /** Whether the text is one JSON value. */
    public static boolean isJson(String text) {
        try {
            MAPPER.readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    public static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** An ordered map from alternating keys and values: {@code obj("type", "message", "role", "assistant")}. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
