package dev.crosswalk.translator.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/** Unknown fields travel with the object they were found on; nested ⇄ flat reshaping merges or keeps them whole. */
final class Extras {
    private Extras() {
    }

    /** Both maps in one; on a clash the inner (more specific) object's value wins. */
    static Map<String, Object> merge(Map<String, Object> outer, Map<String, Object> inner) {
        if (outer.isEmpty()) {
            return inner;
        }
        if (inner.isEmpty()) {
            return outer;
        }
        Map<String, Object> merged = new LinkedHashMap<>(outer);
        merged.putAll(inner);
        return merged;
    }
}
