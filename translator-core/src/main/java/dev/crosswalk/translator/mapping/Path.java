package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.json.JsonPaths;

/**
 * A JSON path ({@code $.messages[3].content}) in the mappers: a parent and one segment, turned into text only when a
 * problem or warning names it. Every message, part and call of a request gets one, and almost none is ever reported,
 * so building the text for each (as a {@code String} per segment) cost more than the mapping around it.
 */
final class Path {
    private static final Path ROOT = new Path(null, "$", -1);

    private final Path parent;
    private final String name;
    private final int index;

    private Path(Path parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** A path given as text, such as {@code "$.tools"}. */
    static Path of(String path) {
        return "$".equals(path) ? ROOT : new Path(null, path, -1);
    }

    /** {@code parent.field}, or {@code parent['odd name']} (as {@link JsonPaths#field} writes it). */
    static Path at(Path parent, String field) {
        return new Path(parent, field, -1);
    }

    /** {@code parent[index]}. */
    static Path at(Path parent, int index) {
        return new Path(parent, null, index);
    }

    static Path at(String parent, String field) {
        return at(of(parent), field);
    }

    static Path at(String parent, int index) {
        return at(of(parent), index);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return name;
        }
        return name == null ? JsonPaths.index(parent.toString(), index) : JsonPaths.field(parent.toString(), name);
    }
}
