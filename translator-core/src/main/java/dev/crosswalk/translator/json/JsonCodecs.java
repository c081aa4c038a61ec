package dev.crosswalk.translator.json;

/** Loads codecs reflectively, so that neither Jackson major is needed unless it is used. */
final class JsonCodecs {
    private JsonCodecs() {
    }

    static JsonCodec load(String className) {
        try {
            return (JsonCodec) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("JSON codec " + className + " is not usable; is its Jackson on the class path?", e);
        }
    }

    static JsonCodec detect() {
        if (present("tools.jackson.databind.json.JsonMapper")) {
            return JsonCodec.jackson3();
        }
        if (present("com.fasterxml.jackson.databind.ObjectMapper")) {
            return JsonCodec.jackson2();
        }
        throw new IllegalStateException("no JSON codec: add tools.jackson.core:jackson-databind (Jackson 3) "
                + "or com.fasterxml.jackson.core:jackson-databind (Jackson 2)");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JsonCodecs.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
