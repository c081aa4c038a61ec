package dev.crosswalk.translator.internal;

import static dev.crosswalk.translator.internal.JsonTokens.DECIMAL;
import static dev.crosswalk.translator.internal.JsonTokens.END_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.END_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.FALSE;
import static dev.crosswalk.translator.internal.JsonTokens.INTEGER;
import static dev.crosswalk.translator.internal.JsonTokens.NAME;
import static dev.crosswalk.translator.internal.JsonTokens.NULL;
import static dev.crosswalk.translator.internal.JsonTokens.START_ARRAY;
import static dev.crosswalk.translator.internal.JsonTokens.START_OBJECT;
import static dev.crosswalk.translator.internal.JsonTokens.STRING;
import static dev.crosswalk.translator.internal.JsonTokens.TRUE;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The token-level pieces the request fast path ({@link ChatRequestJson}, {@link ResponsesRequestJson}) shares:
 * scalars read as the codecs' data binder reads them into record components, free-form values ({@code Object},
 * {@code Map<String, Object>}: schemas, extras) read as its untyped reader builds them (ordered maps, {@code Integer}
 * or {@code Long}, {@code BigDecimal} for floats), and the matching writes. Whatever the data binder would treat
 * differently — a wrongly typed scalar, a big integer, a duplicate key, a value type this writer does not know —
 * throws {@link #NOT_COVERED}, and the caller takes the record path before anything is written.
 */
final class FreeJson {
    /** Thrown (without a stack trace) when the input or output leaves the covered shapes. */
    static final RuntimeException NOT_COVERED = new RuntimeException("not covered by the request fast path", null, false, false) {
    };

    private FreeJson() {
    }

    static void expect(int token, int expected) {
        if (token != expected) {
            throw NOT_COVERED;
        }
    }

    /** Marks a known member as seen; a second one (which the data binder reports as a duplicate) is not covered. */
    static long once(long seen, long bit) {
        if ((seen & bit) != 0) {
            throw NOT_COVERED;
        }
        return seen | bit;
    }

    static String string(JsonTokens t) {
        return switch (t.next()) {
            case STRING -> t.text();
            case NULL -> null;
            default -> throw NOT_COVERED;
        };
    }

    static Boolean bool(JsonTokens t) {
        return switch (t.next()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default -> throw NOT_COVERED;
        };
    }

    static Long longOrNull(JsonTokens t) {
        return switch (t.next()) {
            case INTEGER -> t.longValue();
            case NULL -> null;
            default -> throw NOT_COVERED;
        };
    }

    static Integer intOrNull(JsonTokens t) {
        Long value = longOrNull(t);
        if (value == null) {
            return null;
        }
        if (value != value.intValue()) {
            throw NOT_COVERED;
        }
        return value.intValue();
    }

    /** A {@code Double} component: an integer or a decimal, as the data binder accepts both. */
    static Double doubleOrNull(JsonTokens t) {
        return switch (t.next()) {
            case INTEGER, DECIMAL -> t.doubleValue();
            case NULL -> null;
            default -> throw NOT_COVERED;
        };
    }

    /** {@code null}, or an array of objects each read by {@code element} (called after the object's start). */
    static <T> List<T> objects(JsonTokens t, Function<JsonTokens, T> element) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_ARRAY);
        JsonList<T> list = new JsonList<>();
        for (token = t.next(); token != END_ARRAY; token = t.next()) {
            expect(token, START_OBJECT);
            list.add(element.apply(t));
        }
        return list;
    }

    /** A {@code List<String>} component. */
    static List<String> strings(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_ARRAY);
        JsonList<String> list = new JsonList<>();
        for (token = t.next(); token != END_ARRAY; token = t.next()) {
            list.add(switch (token) {
                case STRING -> t.text();
                case NULL -> null;
                default -> throw NOT_COVERED;
            });
        }
        return list;
    }

    /** A {@code Map<String, String>} component ({@code metadata}). */
    static Map<String, String> stringMap(JsonTokens t) {
        int token = t.next();
        if (token == NULL) {
            return null;
        }
        expect(token, START_OBJECT);
        Map<String, String> map = new JsonMap<>();
        for (token = t.next(); token != END_OBJECT; token = t.next()) {
            expect(token, NAME);
            String name = t.text();
            if (map.containsKey(name)) {
                throw NOT_COVERED;
            }
            map.put(name, string(t));
        }
        return map;
    }

    /** A {@code Map<String, Object>} component: {@code null} or an object. */
    static Map<String, Object> objectOrNull(JsonTokens t) {
        return switch (t.next()) {
            case NULL -> null;
            case START_OBJECT -> members(t, new JsonMap<>()); // adopted by the record, not copied
            default -> throw NOT_COVERED;
        };
    }

    /** The members of an object after its start, into {@code map}. */
    private static Map<String, Object> members(JsonTokens t, Map<String, Object> map) {
        for (int next = t.next(); next != END_OBJECT; next = t.next()) {
            expect(next, NAME);
            String name = t.text();
            if (map.containsKey(name)) {
                throw NOT_COVERED;
            }
            map.put(name, value(t, t.next()));
        }
        return map;
    }

    /** A free-form value starting at {@code token}, as the data binder's untyped reader builds it. */
    static Object value(JsonTokens t, int token) {
        return switch (token) {
            case STRING -> t.text();
            case INTEGER -> {
                long value = t.longValue();
                yield value == (int) value ? (Object) (int) value : (Object) value;
            }
            case DECIMAL -> t.decimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case START_OBJECT -> members(t, new LinkedHashMap<>());
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (int next = t.next(); next != END_ARRAY; next = t.next()) {
                    list.add(value(t, next));
                }
                yield list;
            }
            default -> throw NOT_COVERED;
        };
    }

    /**
     * An unknown member, kept in the record's {@code extra} map as the data binder's any-setter keeps it. One per
     * object at most: the data binder collects several in a map whose order is its own (a hash map in one Jackson
     * major, insertion order in the other), so a second one is left to it.
     */
    static Map<String, Object> extra(JsonTokens t, String name, Map<String, Object> extra) {
        if (extra != null) {
            throw NOT_COVERED;
        }
        t.keptUnknownMember();
        Map<String, Object> map = new JsonMap<>(2);
        map.put(name, value(t, t.next()));
        return map;
    }

    static Map<String, Object> orEmpty(Map<String, Object> extra) {
        return extra == null ? Map.of() : extra;
    }

    // Writing: what the records' serializers write, component by component (NON_NULL unless a record says ALWAYS).

    static void string(JsonOut out, String name, String value) {
        if (value != null) {
            out.name(name);
            out.string(value);
        }
    }

    static void bool(JsonOut out, String name, Boolean value) {
        if (value != null) {
            out.name(name);
            out.bool(value);
        }
    }

    static void number(JsonOut out, String name, Number value) {
        if (value != null) {
            out.name(name);
            write(out, value);
        }
    }

    static void value(JsonOut out, String name, Object value) {
        if (value != null) {
            out.name(name);
            write(out, value);
        }
    }

    static void strings(JsonOut out, String name, List<String> values) {
        if (values != null) {
            out.name(name);
            write(out, values);
        }
    }

    /** The {@code extra} map, last, as the any-getter writes it (its {@code null}s included). */
    static void extra(JsonOut out, Map<String, Object> extra) {
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            out.name(e.getKey());
            write(out, e.getValue());
        }
    }

    /** A free-form value; anything but JSON's own types (a record, a {@code Float}, a big integer) is not covered. */
    static void write(JsonOut out, Object value) {
        if (value == null) {
            out.nullValue();
        } else if (value instanceof String s) {
            out.string(s);
        } else if (value instanceof Boolean b) {
            out.bool(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.number(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.number(d.doubleValue());
        } else if (value instanceof BigDecimal d) {
            out.number(d);
        } else if (value instanceof Map<?, ?> map) {
            out.startObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw NOT_COVERED;
                }
                out.name(key);
                write(out, e.getValue());
            }
            out.endObject();
        } else if (value instanceof List<?> list) {
            out.startArray();
            for (Object item : list) {
                write(out, item);
            }
            out.endArray();
        } else {
            throw NOT_COVERED;
        }
    }

    /** Writes a list of records with {@code element}, or nothing for {@code null}. */
    static <T> void list(JsonOut out, String name, List<T> values, java.util.function.BiConsumer<JsonOut, T> element) {
        if (values != null) {
            out.name(name);
            out.startArray();
            for (T value : values) {
                element.accept(out, value);
            }
            out.endArray();
        }
    }
}
