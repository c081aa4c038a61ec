package dev.crosswalk.translator.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Defensive, unmodifiable copies for protocol records.
 *
 * <p>Unlike {@link List#copyOf}, these keep {@code null} elements: JSON arrays may hold {@code null},
 * and the translator must report such an element by its path rather than fail while reading it.
 *
 * <p>Lists are copied once: a list this class made already is kept as it is, and a {@link JsonList} (the list
 * the codecs have Jackson build, which nobody else holds) is adopted without a copy.
 */
public final class Copies {
    private Copies() {
    }

    /** An unmodifiable copy, or {@code null} for {@code null}. */
    public static <T> List<T> list(List<T> list) {
        if (list == null || list instanceof Frozen) {
            return list;
        }
        if (list.isEmpty()) {
            return Collections.emptyList(); // shared; unlike List.of(), answers contains(null)
        }
        return new Frozen<>(list instanceof JsonList ? list : new ArrayList<>(list));
    }

    /** An unmodifiable, order-keeping copy; an empty map for {@code null}. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Like {@link #map} but keeps {@code null} as {@code null}, for fields where absence matters. */
    public static <K, V> Map<K, V> nullableMap(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A read-only view of a list nobody else holds. */
    private static final class Frozen<T> extends AbstractList<T> implements RandomAccess {
        private final List<T> items;

        Frozen(List<T> items) {
            this.items = items;
        }

        @Override
        public T get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
