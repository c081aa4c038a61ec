package dev.crosswalk.translator.json;

/** Builds JSON paths ({@code $.tools[2].type}) the same way everywhere. */
public final class JsonPaths {
    private JsonPaths() {
    }

    /** {@code parent.name}, or {@code parent['odd name']} when the name is not a plain identifier. */
    public static String field(String parent, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
