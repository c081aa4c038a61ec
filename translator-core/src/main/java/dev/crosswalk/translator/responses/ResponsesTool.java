package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A tool the model may call (flat form: {@code {type, name, ...}}).
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownTool}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownTool.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = FunctionTool.class, name = "function"),
        @JsonSubTypes.Type(value = CustomTool.class, name = "custom"),
        @JsonSubTypes.Type(value = HostedTool.class, names = {
                "web_search", "web_search_preview", "web_search_2025_08_26", "web_search_preview_2025_03_11",
                "file_search", "code_interpreter", "computer_use_preview", "computer", "image_generation", "mcp",
                "local_shell", "shell", "apply_patch", "tool_search", "namespace"})
})
public sealed interface ResponsesTool permits FunctionTool, CustomTool, HostedTool, UnknownTool {
    /** The {@code type} tag. */
    String type();
}
