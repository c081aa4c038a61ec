package dev.crosswalk.translator.internal;

import java.util.LinkedHashMap;

/**
 * The map class the request fast path reads a record's map component into ({@code parameters}, {@code metadata},
 * an {@code extra}). The reader hands it to the record's constructor and keeps no reference, so {@link Copies#map}
 * adopts it instead of copying it again. Not for use outside the readers.
 */
public final class JsonMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    public JsonMap() {
    }

    public JsonMap(int initialCapacity) {
        super(initialCapacity);
    }
}
