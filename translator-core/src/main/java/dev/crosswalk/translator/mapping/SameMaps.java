package dev.crosswalk.translator.mapping;

import java.util.Map;

/**
 * The generated mappers' map members ({@code parameters}, {@code schema}, {@code extra}): passed on as they are,
 * because the target record's constructor makes the one defensive copy ({@code Copies}), or keeps the source
 * record's map, which is already one. MapStruct would otherwise copy each map before that constructor copies it again.
 */
final class SameMaps {
    private SameMaps() {
    }

    static Map<String, Object> same(Map<String, Object> map) {
        return map;
    }
}
