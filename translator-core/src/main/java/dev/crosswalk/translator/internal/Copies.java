package dev.crosswalk.translator.internal;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Defensive, unmodifiable copies for protocol records.
 *
 * <p>Unlike {@link List#copyOf}, these keep {@code null} elements: JSON arrays may hold {@code null},
 * and the translator must report such an element by its path rather than fail while reading it.
 *
 * <p>Lists and maps are copied once: one this class made already is kept as it is, and a {@link JsonList} or
 * {@link JsonMap} (built by the codecs' readers, which keep no reference) is adopted without a copy.
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
        return frozen(map);
    }

    /** Like {@link #map} but keeps {@code null} as {@code null}, for fields where absence matters. */
    public static <K, V> Map<K, V> nullableMap(Map<K, V> map) {
        return map == null ? null : frozen(map);
    }

    /** A map this class made already is kept as it is, a {@link JsonMap} adopted without a copy (as lists are). */
    private static <K, V> Map<K, V> frozen(Map<K, V> map) {
        if (map instanceof FrozenMap) {
            return map;
        }
        return new FrozenMap<>(map instanceof JsonMap ? map : new LinkedHashMap<>(map));
    }

    /**
     * A read-only view of a map nobody else holds: {@link Collections#unmodifiableMap}'s, behind a class of its own
     * so that a record built from another record's map (a mapper passing {@code parameters} on) shares it instead of
     * copying it again.
     */
    private static final class FrozenMap<K, V> extends AbstractMap<K, V> {
        private final Map<K, V> view;

        FrozenMap(Map<K, V> map) {
            this.view = Collections.unmodifiableMap(map);
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public boolean isEmpty() {
            return view.isEmpty();
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public boolean containsValue(Object value) {
            return view.containsValue(value);
        }

        @Override
        public V get(Object key) {
            return view.get(key);
        }

        @Override
        public V getOrDefault(Object key, V defaultValue) {
            return view.getOrDefault(key, defaultValue);
        }

        @Override
        public Set<K> keySet() {
            return view.keySet();
        }

        @Override
        public Collection<V> values() {
            return view.values();
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return view.entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super K, ? super V> action) {
            view.forEach(action);
        }

        // Every change is refused, as by the unmodifiable view (AbstractMap's put already is; these would not all be).

        @Override
        public V putIfAbsent(K key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V remove(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(K key, V oldValue, V newValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V replace(K key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
            throw new UnsupportedOperationException();
        }
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
