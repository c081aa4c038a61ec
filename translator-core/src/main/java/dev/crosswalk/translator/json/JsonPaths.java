package dev.crosswalk.translator.json;

/** Builds JSON paths ({@code $.tools[2].type}) the same way everywhere. */
public final class JsonPaths {
    private JsonPaths() {
    }

    /** {@code parent.name}, or {@code parent['odd name']} when the name is not a plain identifier. */
    public static String field(String parent, String name) {
        if (isIdentifier(name)) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    // A loop, not String.matches: the codecs name the path of every malformed input.
    private static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
