package dev.crosswalk.translator.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive, unmodifiable copies for protocol records.
 *
 * <p>Unlike {@link List#copyOf}, these keep {@code null} elements: JSON arrays may hold {@code null},
 * and the translator must report such an element by its path rather than fail while reading it.
 */
public final class Copies {
    private Copies() {
    }

    /** An unmodifiable copy, or {@code null} for {@code null}. */
    public static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
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
}
