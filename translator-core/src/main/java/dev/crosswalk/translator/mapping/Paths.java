package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.json.JsonPaths;

/** Short names for building JSON paths in the mappers. */
final class Paths {
    private Paths() {
    }

    static String at(String parent, String field) {
        return JsonPaths.field(parent, field);
    }

    static String at(String parent, int index) {
        return JsonPaths.index(parent, index);
    }
}
