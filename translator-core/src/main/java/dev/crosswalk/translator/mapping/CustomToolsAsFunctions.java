package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.FunctionDefinition;
import dev.crosswalk.translator.chat.FunctionTool;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.CustomTool;
import dev.crosswalk.translator.responses.ResponsesTool;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custom (freeform) tools as function tools, for Chat upstreams that know only functions
 * ({@link dev.crosswalk.translator.CustomTools#AS_FUNCTIONS}): the tool becomes a function with one required string
 * parameter {@code input}; its description carries the tool's description and, for a grammar format, the grammar, so
 * the model can follow it. A call's input travels as {@code {"input": "..."}} arguments; {@link CustomCallInput}
 * reads it back.
 */
public final class CustomToolsAsFunctions {
    /** The one parameter of a custom tool sent as a function. */
    public static final String PARAMETER = "input";

    private CustomToolsAsFunctions() {
    }

    /** The names of the custom tools of a Responses request: their calls come back as {@code custom_tool_call} items. */
    public static Set<String> names(List<ResponsesTool> tools) {
        Set<String> names = new LinkedHashSet<>();
        if (tools != null) {
            for (ResponsesTool tool : tools) {
                if (tool instanceof CustomTool c && c.name() != null) {
                    names.add(c.name());
                }
            }
        }
        return names;
    }

    /** The function tool standing for {@code tool}. */
    static FunctionTool tool(CustomTool tool) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "string");
        input.put("description", "The raw input of the tool as plain text (not JSON)" + grammarHint(tool.format()));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("type", "object");
        parameters.put("properties", Map.of(PARAMETER, input));
        parameters.put("required", List.of(PARAMETER));
        parameters.put("additionalProperties", false);
        return new FunctionTool(new FunctionDefinition(tool.name(), description(tool), parameters, null, Map.of()), Map.of());
    }

    private static String description(CustomTool tool) {
        StringBuilder d = new StringBuilder(tool.description() == null ? "" : tool.description().strip());
        Map<?, ?> g = grammar(tool.format());
        if (g != null) {
            d.append(d.length() == 0 ? "" : "\n\n")
                    .append("Pass the whole input as the string argument \"input\". It must follow this ")
                    .append(g.get("syntax") == null ? "" : g.get("syntax") + " ").append("grammar:\n")
                    .append(g.get("definition"));
        } else {
            d.append(d.length() == 0 ? "" : "\n\n").append("Pass the whole input as the string argument \"input\".");
        }
        return d.toString();
    }

    private static String grammarHint(Object format) {
        return grammar(format) != null ? ", following the grammar in the tool's description" : "";
    }

    /** The grammar of a Responses custom tool format ({@code {type: grammar, syntax, definition}}), or null. */
    private static Map<?, ?> grammar(Object format) {
        return format instanceof Map<?, ?> map && "grammar".equals(map.get("type")) && map.get("definition") != null ? map : null;
    }

    /** A custom call's input as the arguments of the function call standing for it. */
    static String arguments(JsonCodec codec, String input) {
        return codec.write(Map.of(PARAMETER, input == null ? "" : input));
    }
}
