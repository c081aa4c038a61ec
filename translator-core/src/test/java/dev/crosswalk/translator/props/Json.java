package dev.crosswalk.translator.props;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Test-side JSON: documents as plain Java trees (ordered maps, lists, strings, {@link BigDecimal} numbers, booleans,
 * {@code null}). Read and written with a plain Jackson 2 mapper of the test's own, never with the codecs under test,
 * so a codec bug cannot hide itself in the comparison.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000)
                            .maxStringLength(Integer.MAX_VALUE).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /** Parses JSON text into a plain tree; integral numbers become {@link BigDecimal} too (see {@link #plain}). */
    static Object parse(String json) {
        try {
            return plain(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + e.getOriginalMessage() + "\n" + snippet(json), e);
        }
    }

    static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deep, mutable copy in which every number is a {@link BigDecimal}. */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return value;
    }

    static Object copy(Object tree) {
        return plain(tree);
    }

    /**
     * The comparison form of a document: members whose value is {@code null} removed (an absent optional field and an
     * explicit {@code null} mean the same in both protocols) and every number as a {@link BigDecimal} without trailing
     * zeros, so that {@code 1}, {@code 1.0} and {@code 1.00} compare equal. Array elements that are {@code null} stay.
     */
    static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), canonical(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(canonical(v)));
            return out;
        }
        if (value instanceof Number) {
            BigDecimal d = (BigDecimal) plain(value);
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> arr(Object value) {
        return value instanceof List<?> ? (List<Object>) value : null;
    }

    /** A JSON path the way the translator writes them: {@code parent.name}, {@code parent['odd name']}, {@code parent[3]}. */
    static String field(String parent, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** Whether {@code path} is {@code prefix} itself or lies inside it. */
    static boolean within(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }

    /**
     * One leaf of a document: a string, number, boolean or {@code null}, with its path and the name of the member that
     * holds it (for an array element, the member holding the array; {@code null} at the top).
     */
    record Leaf(String path, String key, Object value) {
    }

    static List<Leaf> leaves(Object tree) {
        List<Leaf> out = new ArrayList<>();
        leaves(tree, "$", null, out::add);
        return out;
    }

    private static void leaves(Object value, String path, String key, Consumer<Leaf> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leaves(v, field(path, String.valueOf(k)), String.valueOf(k), out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                leaves(list.get(i), index(path, i), key, out);
            }
        } else {
            out.accept(new Leaf(path, key, value));
        }
    }

    /** Every object node of a tree with its path, parents before children. */
    static void objects(Object value, String path, java.util.function.BiConsumer<String, Map<String, Object>> visit) {
        if (value instanceof Map<?, ?>) {
            Map<String, Object> map = obj(value);
            visit.accept(path, map);
            for (Map.Entry<String, Object> e : new ArrayList<>(map.entrySet())) {
                objects(e.getValue(), field(path, e.getKey()), visit);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                objects(list.get(i), index(path, i), visit);
            }
        }
    }

    static String snippet(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " chars)";
    }

    /** An ordered map from alternating keys and values, skipping pairs whose value is {@code null}. */
    static Map<String, Object> o(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    static List<Object> a(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
