package dev.crosswalk.translator.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON editing helpers for the oracle's own tests: derive invalid documents from valid ones. */
final class JsonEdit {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonEdit() {
    }

    /** Sets {@code key} (a JSON literal given as text) on the object at JSON Pointer {@code at}. */
    static String put(String json, String at, String key, String jsonValue) {
        JsonNode root = read(json);
        object(root, at).set(key, read(jsonValue));
        return write(root);
    }

    /** Removes {@code key} from the object at JSON Pointer {@code at}; the key must exist. */
    static String remove(String json, String at, String key) {
        JsonNode root = read(json);
        ObjectNode target = object(root, at);
        if (target.remove(key) == null) {
            throw new IllegalArgumentException("no '" + key + "' at " + at);
        }
        return write(root);
    }

    private static ObjectNode object(JsonNode root, String at) {
        JsonNode node = root.at(at);
        if (!node.isObject()) {
            throw new IllegalArgumentException("not an object at " + at + ": " + node);
        }
        return (ObjectNode) node;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
