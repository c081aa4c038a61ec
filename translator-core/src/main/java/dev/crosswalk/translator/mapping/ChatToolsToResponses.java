package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.chat.CustomTool;
import dev.crosswalk.translator.chat.FunctionTool;
import dev.crosswalk.translator.internal.JsonShapes;
import dev.crosswalk.translator.responses.HostedTool;
import dev.crosswalk.translator.responses.ResponsesTool;
import dev.crosswalk.translator.responses.ResponsesToolChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chat {@code tools}, {@code tool_choice}, {@code web_search_options} and the legacy {@code functions} → Responses. */
final class ChatToolsToResponses {
    private final Report report;
    private final ToolMapper mapper = ToolMapper.INSTANCE;

    ChatToolsToResponses(Report report) {
        this.report = report;
    }

    List<ResponsesTool> tools(ChatCompletionRequest req) {
        List<ResponsesTool> out = new ArrayList<>();
        List<ChatTool> tools = req.tools() == null ? List.of() : req.tools();
        Path list = Path.of("$.tools");
        for (int i = 0; i < tools.size(); i++) {
            ChatTool tool = tools.get(i);
            Path path = at(list, i);
            if (tool instanceof FunctionTool f && f.function() != null) {
                out.add(mapper.toResponses(f));
            } else if (tool instanceof CustomTool c && c.custom() != null) {
                out.add(mapper.toResponses(c));
            } else if (tool == null) {
                report.untranslatable(path, "a tool must be an object, not null");
            } else if (tool instanceof FunctionTool || tool instanceof CustomTool) {
                report.untranslatable(at(path, tool.type()), "a " + tool.type() + " tool needs its " + tool.type() + " object");
            } else {
                report.untranslatable(path, "tool type '" + tool.type() + "' has no Responses equivalent");
            }
        }
        legacyFunctions(req.functions(), out);
        if (req.webSearchOptions() != null) {
            out.add(webSearch(req.webSearchOptions()));
        }
        return out.isEmpty() && req.tools() == null ? null : out;
    }

    /** The deprecated {@code functions} list is the same as function tools (non-strict). */
    private void legacyFunctions(List<Object> functions, List<ResponsesTool> out) {
        if (functions == null) {
            return;
        }
        for (int i = 0; i < functions.size(); i++) {
            Map<String, Object> f = functions.get(i) instanceof Map<?, ?> ? JsonShapes.objectWithKeys(functions.get(i),
                    java.util.Set.of("name", "description", "parameters", "strict")) : null;
            if (f == null || JsonShapes.string(f, "name") == null
                    || (f.get("description") != null && !(f.get("description") instanceof String))
                    || (f.get("parameters") != null && JsonShapes.object(f, "parameters") == null)
                    || (f.get("strict") != null && !(f.get("strict") instanceof Boolean))) {
                report.untranslatable(at("$.functions", i), "a function needs a name, and only name, description, parameters, strict "
                        + "(a string, an object, a boolean)");
                continue;
            }
            out.add(new dev.crosswalk.translator.responses.FunctionTool(JsonShapes.string(f, "name"),
                    JsonShapes.string(f, "description"), JsonShapes.object(f, "parameters"),
                    f.get("strict") instanceof Boolean b ? b : Boolean.FALSE, Map.of()));
        }
    }

    /** {@code web_search_options} → a {@code web_search} tool; Chat nests the location under {@code approximate}. */
    private HostedTool webSearch(Map<String, Object> options) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("type", "web_search");
        options.forEach((key, value) -> {
            if ("user_location".equals(key) && value instanceof Map<?, ?> location) {
                Map<String, Object> flat = new LinkedHashMap<>();
                location.forEach((k, v) -> {
                    if ("approximate".equals(k) && v instanceof Map<?, ?> approx) {
                        approx.forEach((ak, av) -> flat.put(String.valueOf(ak), av));
                    } else {
                        flat.put(String.valueOf(k), v);
                    }
                });
                tool.put("user_location", flat);
            } else {
                tool.put(key, value);
            }
        });
        return new HostedTool(tool);
    }

    ResponsesToolChoice toolChoice(ChatCompletionRequest req) {
        ChatToolChoice choice = req.toolChoice();
        if (choice == null) {
            return legacyFunctionCall(req.functionCall());
        }
        if (req.functionCall() != null) {
            report.untranslatable("$.function_call", "function_call and tool_choice together are ambiguous; use tool_choice");
        }
        if (choice instanceof ChatToolChoice.Mode m) {
            return new ResponsesToolChoice.Mode(m.mode());
        }
        if (choice instanceof ChatToolChoice.Function f) {
            return new ResponsesToolChoice.Function(f.name());
        }
        if (choice instanceof ChatToolChoice.Custom c) {
            return new ResponsesToolChoice.Custom(c.name());
        }
        if (choice instanceof ChatToolChoice.AllowedTools a) {
            List<Map<String, Object>> flat = new ArrayList<>();
            for (int i = 0; i < a.tools().size(); i++) {
                flat.add(flattenAllowedTool(a.tools().get(i), at("$.tool_choice.allowed_tools.tools", i)));
            }
            return new ResponsesToolChoice.AllowedTools(a.mode(), flat);
        }
        report.untranslatable("$.tool_choice", "this tool_choice shape has no Responses equivalent");
        return null;
    }

    private Map<String, Object> flattenAllowedTool(Map<String, Object> tool, Path path) {
        String type = JsonShapes.string(tool, "type");
        Map<String, Object> inner = type == null ? null : JsonShapes.object(tool, type);
        if (inner == null || tool.size() != 2) {
            report.untranslatable(path, "an allowed tool must be {type, <type>: {name}}");
            return tool;
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("type", type);
        flat.putAll(inner);
        return flat;
    }

    private ResponsesToolChoice legacyFunctionCall(Object functionCall) {
        if (functionCall == null) {
            return null;
        }
        if (functionCall instanceof String mode && (mode.equals("auto") || mode.equals("none"))) {
            return new ResponsesToolChoice.Mode(mode);
        }
        Map<String, Object> named = JsonShapes.objectWithKeys(functionCall, java.util.Set.of("name"));
        if (named != null && JsonShapes.string(named, "name") != null) {
            return new ResponsesToolChoice.Function(JsonShapes.string(named, "name"));
        }
        report.untranslatable("$.function_call", "function_call must be auto, none or {name}");
        return null;
    }
}
