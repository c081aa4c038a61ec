package dev.crosswalk.translator.chat;

import static dev.crosswalk.translator.internal.JsonShapes.object;
import static dev.crosswalk.translator.internal.JsonShapes.objectWithKeys;
import static dev.crosswalk.translator.internal.JsonShapes.objects;
import static dev.crosswalk.translator.internal.JsonShapes.string;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.crosswalk.translator.internal.Copies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Chat Completions {@code tool_choice}: a mode string or an object naming tools.
 *
 * <pre>{@code
 * new ChatToolChoice.Mode("required");
 * new ChatToolChoice.Function("get_weather");   // {"type":"function","function":{"name":"get_weather"}}
 * }</pre>
 *
 * <p>A shape this version does not recognise is kept whole as {@link Other}.
 */
public sealed interface ChatToolChoice {

    /** The JSON form, as written on the wire. */
    @JsonValue
    Object toJson();

    /** Reads any JSON value; never fails, unrecognised shapes become {@link Other}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ChatToolChoice fromJson(Object json) {
        if (json instanceof String mode) {
            return new Mode(mode);
        }
        Map<String, Object> o = objectWithKeys(json, Set.of("type", "function", "custom", "allowed_tools"));
        String type = string(o, "type");
        if ("function".equals(type) && o.size() == 2 && string(object(o, "function"), "name") != null
                && object(o, "function").size() == 1) {
            return new Function(string(object(o, "function"), "name"));
        }
        if ("custom".equals(type) && o.size() == 2 && string(object(o, "custom"), "name") != null
                && object(o, "custom").size() == 1) {
            return new Custom(string(object(o, "custom"), "name"));
        }
        Map<String, Object> allowed = object(o, "allowed_tools");
        if ("allowed_tools".equals(type) && o.size() == 2 && allowed != null
                && objectWithKeys(allowed, Set.of("mode", "tools")) != null && string(allowed, "mode") != null
                && objects(allowed.get("tools")) != null) {
            return new AllowedTools(string(allowed, "mode"), objects(allowed.get("tools")));
        }
        return new Other(json);
    }

    /** A two-member JSON object written in this order ({@code Map.of} iterates in an order that varies between runs). */
    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(k1, v1);
        json.put(k2, v2);
        return json;
    }

    /** {@code "none"}, {@code "auto"} or {@code "required"}. */
    record Mode(String mode) implements ChatToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return mode;
        }
    }

    /** Forces a call of the named function. */
    record Function(String name) implements ChatToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return pair("type", "function", "function", Map.of("name", name));
        }
    }

    /** Forces a call of the named custom tool. */
    record Custom(String name) implements ChatToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return pair("type", "custom", "custom", Map.of("name", name));
        }
    }

    /** Restricts the model to a subset of the tools; {@code tools} are in the nested Chat form. */
    record AllowedTools(String mode, List<Map<String, Object>> tools) implements ChatToolChoice {
        public AllowedTools {
            tools = Copies.list(tools);
        }

        @Override
        @JsonValue
        public Object toJson() {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("mode", mode);
            inner.put("tools", tools);
            return pair("type", "allowed_tools", "allowed_tools", inner);
        }
    }

    /** A shape this version does not recognise, kept as read. */
    record Other(Object json) implements ChatToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return json;
        }
    }
}
