package dev.crosswalk.translator.responses;

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
 * A Responses {@code tool_choice}: a mode string or an object naming tools.
 *
 * <pre>{@code
 * new ResponsesToolChoice.Mode("auto");
 * new ResponsesToolChoice.Function("get_weather");   // {"type":"function","name":"get_weather"}
 * }</pre>
 *
 * <p>Hosted-tool choices ({@code {"type":"file_search"}}, {@code mcp}, ...) and shapes this version does not
 * recognise are kept whole as {@link Other}.
 */
public sealed interface ResponsesToolChoice {

    /** The JSON form, as written on the wire. */
    @JsonValue
    Object toJson();

    /** Reads any JSON value; never fails, unrecognised shapes become {@link Other}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ResponsesToolChoice fromJson(Object json) {
        if (json instanceof String mode) {
            return new Mode(mode);
        }
        Map<String, Object> o = objectWithKeys(json, Set.of("type", "name", "mode", "tools"));
        String type = string(o, "type");
        if (("function".equals(type) || "custom".equals(type)) && o.size() == 2 && string(o, "name") != null) {
            return "function".equals(type) ? new Function(string(o, "name")) : new Custom(string(o, "name"));
        }
        if ("allowed_tools".equals(type) && o.size() == 3 && string(o, "mode") != null && objects(o.get("tools")) != null) {
            return new AllowedTools(string(o, "mode"), objects(o.get("tools")));
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
    record Mode(String mode) implements ResponsesToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return mode;
        }
    }

    /** Forces a call of the named function. */
    record Function(String name) implements ResponsesToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return pair("type", "function", "name", name);
        }
    }

    /** Forces a call of the named custom tool. */
    record Custom(String name) implements ResponsesToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return pair("type", "custom", "name", name);
        }
    }

    /** Restricts the model to a subset of the tools; {@code tools} are in the flat Responses form. */
    record AllowedTools(String mode, List<Map<String, Object>> tools) implements ResponsesToolChoice {
        public AllowedTools {
            tools = Copies.list(tools);
        }

        @Override
        @JsonValue
        public Object toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "allowed_tools");
            json.put("mode", mode);
            json.put("tools", tools);
            return json;
        }
    }

    /** A hosted-tool choice or a shape this version does not recognise, kept as read. */
    record Other(Object json) implements ResponsesToolChoice {
        @Override
        @JsonValue
        public Object toJson() {
            return json;
        }
    }
}
