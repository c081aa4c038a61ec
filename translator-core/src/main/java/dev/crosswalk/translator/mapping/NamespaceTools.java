package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.responses.HostedTool;
import dev.crosswalk.translator.responses.ResponsesTool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Responses {@code namespace} tools ({@code {"type":"namespace","name":N,"tools":[functions...]}}, which Codex sends
 * for its sub-agent tools) on a Chat upstream, which has no namespaces: their functions are offered as top-level
 * functions under their own names, and a call to one comes back as a {@code function_call} with {@code namespace: N}.
 */
public final class NamespaceTools {
    static final String TYPE = "namespace";

    private NamespaceTools() {
    }

    /** Function name → the namespace holding it, for the namespace tools of a Responses request. */
    public static Map<String, String> namespaces(List<ResponsesTool> tools) {
        Map<String, String> out = new HashMap<>();
        if (tools != null) {
            for (ResponsesTool tool : tools) {
                if (tool instanceof HostedTool h && TYPE.equals(h.type()) && h.fields().get("name") instanceof String namespace
                        && h.fields().get("tools") instanceof List<?> nested) {
                    for (Object inner : nested) {
                        if (inner instanceof Map<?, ?> m && m.get("name") instanceof String name) {
                            out.put(name, namespace);
                        }
                    }
                }
            }
        }
        return out;
    }
}
