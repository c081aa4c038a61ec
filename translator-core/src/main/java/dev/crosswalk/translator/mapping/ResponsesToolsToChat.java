package dev.crosswalk.translator.mapping;

import static dev.crosswalk.translator.mapping.Path.at;

import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.chat.ChatTool;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.chat.ChatToolChoice;
import dev.crosswalk.translator.internal.JsonShapes;
import dev.crosswalk.translator.responses.CustomTool;
import dev.crosswalk.translator.responses.FunctionTool;
import dev.crosswalk.translator.responses.HostedTool;
import dev.crosswalk.translator.responses.ResponsesTool;
import dev.crosswalk.translator.responses.ResponsesToolChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Responses {@code tools} and {@code tool_choice} → Chat {@code tools}, {@code tool_choice}, {@code web_search_options}. */
final class ResponsesToolsToChat {
    private static final Set<String> WEB_SEARCH = Set.of("web_search", "web_search_preview", "web_search_2025_08_26",
            "web_search_preview_2025_03_11");
    private static final Set<String> LOCATION_FIELDS = Set.of("city", "country", "region", "timezone");

    private final Report report;
    private final boolean customAsFunctions;
    private final boolean strict;
    private final ToolMapper mapper = ToolMapper.INSTANCE;
    private Map<String, Object> webSearchOptions;

    private final JsonCodec codec;
    /** Names of functions that came out of namespace tools → where. */
    private final Map<String, Path> namespaced = new LinkedHashMap<>();

    ResponsesToolsToChat(Report report, CustomTools customTools, boolean strict, JsonCodec codec) {
        this.report = report;
        this.codec = codec;
        this.customAsFunctions = customTools == CustomTools.AS_FUNCTIONS;
        this.strict = strict;
    }

    /** Set by {@link #tools} when a web search tool was present. */
    Map<String, Object> webSearchOptions() {
        return webSearchOptions;
    }

    List<ChatTool> tools(List<ResponsesTool> tools) {
        if (tools == null) {
            return null;
        }
        List<ChatTool> out = new ArrayList<>();
        Path list = Path.of("$.tools");
        for (int i = 0; i < tools.size(); i++) {
            ResponsesTool tool = tools.get(i);
            Path path = at(list, i);
            if (tool instanceof FunctionTool || tool instanceof CustomTool) {
                out.add(tool(tool));
            } else if (tool instanceof HostedTool h && NamespaceTools.TYPE.equals(h.type())) {
                namespace(h, path, out);
            } else if (tool instanceof HostedTool h && strict) {
                // Codex offers tool_search and web_search on every request; a third-party Chat server can run neither
                report.dropped(path, "hosted tool '" + h.type() + "' is not sent to a strict Chat server, which cannot run it");
            } else if (tool instanceof HostedTool h && WEB_SEARCH.contains(h.type()) && webSearchOptions == null) {
                webSearchOptions = webSearch(h.fields());
            } else if (tool == null) {
                report.untranslatable(path, "a tool must be an object, not null");
            } else {
                report.untranslatable(path, "tool type '" + tool.type() + "' has no Chat Completions equivalent");
            }
        }
        checkNamespacedNames(out);
        return out.isEmpty() ? null : out;
    }

    private ChatTool tool(ResponsesTool tool) {
        if (tool instanceof CustomTool c) {
            return customAsFunctions ? CustomToolsAsFunctions.tool(c) : mapper.toChat(c);
        }
        return mapper.toChat((FunctionTool) tool);
    }

    /** A namespace's functions become top-level functions ({@link NamespaceTools}); their names must stay unique. */
    private void namespace(HostedTool namespace, Path path, List<ChatTool> out) {
        if (!(namespace.fields().get("tools") instanceof List<?> nested)) {
            report.untranslatable(at(path, "tools"), "a namespace needs a list of tools");
            return;
        }
        if (namespace.fields().get("description") != null) {
            report.dropped(at(path, "description"), "Chat has no namespaces; the namespace's functions are offered on their own");
        }
        for (int j = 0; j < nested.size(); j++) {
            Path innerPath = at(at(path, "tools"), j);
            Object inner = nested.get(j);
            String type = inner instanceof Map<?, ?> m ? String.valueOf(m.get("type")) : null;
            if (!"function".equals(type) && !"custom".equals(type)) {
                report.untranslatable(innerPath, "a namespace tool of type '" + type + "' has no Chat equivalent");
                continue;
            }
            ResponsesTool tool = codec.convert(inner, ResponsesTool.class);
            out.add(tool(tool));
            namespaced.put(String.valueOf(((Map<?, ?>) inner).get("name")), innerPath);
        }
    }

    /** A namespaced function named like another tool could not be told apart from it on the way back. */
    private void checkNamespacedNames(List<ChatTool> out) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (ChatTool t : out) {
            String name = t instanceof dev.crosswalk.translator.chat.FunctionTool f ? f.function().name()
                    : t instanceof dev.crosswalk.translator.chat.CustomTool c ? c.custom().name() : null;
            counts.merge(String.valueOf(name), 1, Integer::sum);
        }
        namespaced.forEach((name, path) -> {
            if (counts.getOrDefault(name, 0) > 1) {
                report.untranslatable(at(path, "name"), "'" + name + "' is also the name of another tool; Chat has no namespaces to tell them apart");
            }
        });
    }

    /** A web search tool → {@code web_search_options}; Chat nests the location fields under {@code approximate}. */
    private static Map<String, Object> webSearch(Map<String, Object> tool) {
        Map<String, Object> options = new LinkedHashMap<>();
        tool.forEach((key, value) -> {
            if ("user_location".equals(key) && value instanceof Map<?, ?> location) {
                Map<String, Object> nested = new LinkedHashMap<>();
                Map<String, Object> approximate = new LinkedHashMap<>();
                location.forEach((k, v) -> {
                    if (v != null) {
                        (LOCATION_FIELDS.contains(k) ? approximate : nested).put(String.valueOf(k), v);
                    }
                });
                nested.put("approximate", approximate);
                options.put("user_location", nested);
            } else if (!"type".equals(key)) {
                options.put(key, value);
            }
        });
        return options;
    }

    ChatToolChoice toolChoice(ResponsesToolChoice choice) {
        if (choice == null) {
            return null;
        }
        if (choice instanceof ResponsesToolChoice.Mode m) {
            return new ChatToolChoice.Mode(m.mode());
        }
        if (choice instanceof ResponsesToolChoice.Function f) {
            return new ChatToolChoice.Function(f.name());
        }
        if (choice instanceof ResponsesToolChoice.Custom c) {
            return customAsFunctions ? new ChatToolChoice.Function(c.name()) : new ChatToolChoice.Custom(c.name());
        }
        if (choice instanceof ResponsesToolChoice.AllowedTools a) {
            List<Map<String, Object>> nested = new ArrayList<>();
            for (int i = 0; i < a.tools().size(); i++) {
                nested.add(nestAllowedTool(a.tools().get(i), at("$.tool_choice.tools", i)));
            }
            return new ChatToolChoice.AllowedTools(a.mode(), nested);
        }
        report.untranslatable("$.tool_choice", "this tool_choice (a hosted tool or an unknown shape) has no Chat equivalent");
        return null;
    }

    private Map<String, Object> nestAllowedTool(Map<String, Object> tool, Path path) {
        String type = JsonShapes.string(tool, "type");
        if (!"function".equals(type) && !"custom".equals(type)) {
            report.untranslatable(at(path, "type"), "allowed tool type '" + type + "' has no Chat equivalent");
            return tool;
        }
        Map<String, Object> inner = new LinkedHashMap<>(tool);
        inner.remove("type");
        if (customAsFunctions && "custom".equals(type)) {
            type = "function";
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("type", type);
        nested.put(type, inner);
        return nested;
    }
}
