package dev.crosswalk.bridge.http;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What routing needs from a create request before choosing an upstream: its top-level {@code model} and
 * {@code stream}, read by a streaming scan that builds nothing else. {@link #rename} writes another model id into
 * the body for an aliased route.
 *
 * @param model the {@code model} string, or {@code null}
 * @param stream whether {@code stream} is {@code true}
 */
record RequestPeek(String model, boolean stream) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static RequestPeek of(byte[] body) {
        String model = null;
        boolean stream = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid();
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("model") && value == JsonToken.VALUE_STRING) {
                    model = p.getString();
                } else if (name.equals("stream")) {
                    stream = value == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw invalid();
        }
        return new RequestPeek(model, stream);
    }

    /** {@code body} with its top-level {@code model} set to {@code model}; every other member kept in order. */
    static byte[] rename(byte[] body, String model) {
        JsonNode tree = JSON.readTree(body);
        if (!(tree instanceof ObjectNode object)) {
            throw invalid();
        }
        object.put("model", model);
        return JSON.writeValueAsBytes(object);
    }

    private static BridgeException invalid() {
        return BridgeException.of(400, Errors.INVALID_REQUEST, null, "invalid_json",
                "We could not parse the JSON body of your request: it must be a JSON object.");
    }
}
