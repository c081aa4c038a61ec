package dev.crosswalk.translator.mapping;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.crosswalk.translator.internal.TextOrList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps translated output free of duplicate keys. Unknown members travel in each record's {@code extra} map and are
 * written beside the declared ones; one copied from the input under a name the translation itself writes
 * ({@code {"input": …, "messages": […]}} → Chat) would appear twice, and the client's raw value would override the
 * translation. Such a member is an untranslatable field: rejected with its path, or dropped with a warning when
 * lenient. Runs once over each translation's output, for every mapping alike.
 */
final class Collisions {
    /** How one record type is written: its members' JSON names, which one is the extra map, how to rebuild it. */
    private record Shape(MethodHandle[] accessors, String[] names, boolean[] always, int extra, int[] nested,
            Constructor<?> constructor, boolean opaque, Set<String> constant) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shape(type);
        }
    };

    private Collisions() {
    }

    /** The value with every colliding unknown member removed, each one reported at its output path. */
    @SuppressWarnings("unchecked")
    static <T> T clean(T value, Report report) {
        return (T) walk(value, new Trail(), report);
    }

    /**
     * The path to the value being walked, as a stack of segments (a member name, or a boxed index): the walk visits
     * every record of the output and almost never reports, so a {@link Path} is built only for a report.
     */
    private static final class Trail {
        private Object[] segments = new Object[4]; // $.messages[i].content[j]: deeper paths grow it
        private int depth;

        Trail push(Object segment) {
            if (depth == segments.length) {
                segments = Arrays.copyOf(segments, depth * 2);
            }
            segments[depth++] = segment;
            return this;
        }

        void pop() {
            depth--;
        }

        Path at(String name) {
            Path path = Path.of("$");
            for (int i = 0; i < depth; i++) {
                path = segments[i] instanceof String field ? Path.at(path, field) : Path.at(path, (Integer) segments[i]);
            }
            return Path.at(path, name);
        }
    }

    private static Object walk(Object value, Trail path, Report report) {
        if (value instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                if (!canHoldRecords(element)) {
                    continue;
                }
                Object clean = walk(element, path.push(i), report);
                path.pop();
                if (clean != element) {
                    if (out == null) {
                        out = new ArrayList<>(list);
                    }
                    out.set(i, clean);
                }
            }
            return out == null ? value : out;
        }
        if (value instanceof TextOrList<?> union) {
            if (union.isText()) {
                return value;
            }
            Object items = walk(union.items(), path, report);
            return items == union.items() ? value : rebuild(union, (List<?>) items);
        }
        if (!(value instanceof Record)) { // not Class.isRecord(): a native call on JDK 17
            return value;
        }
        Shape shape = SHAPES.get(value.getClass());
        if (shape.opaque()) {
            return value;
        }
        Object[] args = null; // every member, read only when the record must be rebuilt
        for (int i : shape.nested()) {
            Object member = get(shape.accessors()[i], value);
            if (!canHoldRecords(member)) {
                continue; // most members are unset: no path for them
            }
            Object clean = walk(member, path.push(shape.names()[i]), report);
            path.pop();
            if (clean != member) {
                args = args != null ? args : members(shape, value);
                args[i] = clean;
            }
        }
        if (shape.extra() >= 0 && get(shape.accessors()[shape.extra()], value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
            Set<String> written = new HashSet<>(shape.constant());
            for (int i = 0; i < shape.names().length; i++) {
                if (i != shape.extra() && (shape.always()[i] || get(shape.accessors()[i], value) != null)) {
                    written.add(shape.names()[i]);
                }
            }
            Map<Object, Object> kept = null;
            for (Object name : extra.keySet()) {
                if (written.contains(String.valueOf(name))) {
                    report.untranslatable(path.at(String.valueOf(name)),
                            "an unknown member of the input has the name of a member the translation writes itself");
                    if (kept == null) {
                        kept = new LinkedHashMap<>(extra);
                    }
                    kept.remove(name);
                }
            }
            if (kept != null) {
                args = args != null ? args : members(shape, value);
                args[shape.extra()] = kept;
            }
        }
        if (args == null) {
            return value;
        }
        try {
            return shape.constructor().newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot rebuild " + value.getClass().getSimpleName(), e);
        }
    }

    private static boolean canHoldRecords(Object value) {
        return value instanceof Record || value instanceof List || value instanceof TextOrList;
    }

    private static Object[] members(Shape shape, Object record) {
        Object[] members = new Object[shape.accessors().length];
        for (int i = 0; i < members.length; i++) {
            members[i] = get(shape.accessors()[i], record);
        }
        return members;
    }

    /** Whether a member of this declared type can hold a record (scalars and JSON maps are not walked). */
    private static boolean canHoldRecords(Class<?> type) {
        return !(type.isPrimitive() || type == String.class || type == Boolean.class || type.isEnum()
                || Number.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type));
    }

    private static Object get(MethodHandle accessor, Object record) {
        try {
            return (Object) accessor.invokeExact(record); // cheaper than Method.invoke (no argument array, no checks)
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }

    private static Object rebuild(TextOrList<?> union, List<?> items) {
        try {
            Method of = union.getClass().getMethod("of", List.class);
            return of.invoke(null, items);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot rebuild " + union.getClass().getSimpleName(), e);
        }
    }

    private static Shape shape(Class<?> type) {
        boolean opaque = Arrays.stream(type.getMethods()).anyMatch(m -> m.isAnnotationPresent(JsonValue.class));
        RecordComponent[] components = type.getRecordComponents();
        Method[] methods = new Method[components.length];
        MethodHandle[] accessors = new MethodHandle[components.length];
        String[] names = new String[components.length];
        boolean[] always = new boolean[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int extra = -1;
        JsonInclude classInclude = type.getAnnotation(JsonInclude.class);
        for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            accessor.setAccessible(true);
            methods[i] = accessor;
            try {
                accessors[i] = MethodHandles.lookup().unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            }
            types[i] = components[i].getType();
            JsonProperty property = accessor.getAnnotation(JsonProperty.class);
            names[i] = property != null && !property.value().isEmpty() ? property.value() : components[i].getName();
            JsonInclude include = accessor.getAnnotation(JsonInclude.class);
            JsonInclude effective = include != null ? include : classInclude;
            always[i] = effective == null || effective.value() == JsonInclude.Include.ALWAYS;
            if (accessor.isAnnotationPresent(JsonAnyGetter.class)) {
                extra = i;
            }
        }
        // Members written by a getter of their own, such as the constant type tag {@code "type": "message"}.
        Set<String> constant = new HashSet<>();
        Set<Method> componentAccessors = Set.of(methods);
        for (Method m : type.getMethods()) {
            JsonProperty property = m.getAnnotation(JsonProperty.class);
            if (property != null && m.getParameterCount() == 0 && !componentAccessors.contains(m)) {
                constant.add(property.value().isEmpty() ? m.getName() : property.value());
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            int extraIndex = extra;
            int[] nested = java.util.stream.IntStream.range(0, components.length)
                    .filter(i -> i != extraIndex && canHoldRecords(types[i])).toArray();
            return new Shape(accessors, names, always, extra, nested, constructor, opaque, Set.copyOf(constant));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record without its canonical constructor: " + type, e);
        }
    }
}
