package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An item of a request's {@code input} or a response's {@code output}.
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownItem}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownItem.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageItem.class, name = "message"),
        @JsonSubTypes.Type(value = FunctionCallItem.class, name = "function_call"),
        @JsonSubTypes.Type(value = FunctionCallOutputItem.class, name = "function_call_output"),
        @JsonSubTypes.Type(value = ReasoningItem.class, name = "reasoning"),
        @JsonSubTypes.Type(value = CustomToolCallItem.class, name = "custom_tool_call"),
        @JsonSubTypes.Type(value = CustomToolCallOutputItem.class, name = "custom_tool_call_output"),
        @JsonSubTypes.Type(value = ItemReference.class, name = "item_reference"),
        @JsonSubTypes.Type(value = HostedToolCallItem.class, names = {
                "web_search_call", "file_search_call", "computer_call", "computer_call_output", "code_interpreter_call",
                "image_generation_call", "local_shell_call", "local_shell_call_output", "shell_call", "shell_call_output",
                "apply_patch_call", "apply_patch_call_output", "mcp_call", "mcp_list_tools", "mcp_approval_request",
                "mcp_approval_response", "tool_search_call", "tool_search_output", "compaction"})
})
public sealed interface ResponseItem permits MessageItem, FunctionCallItem, FunctionCallOutputItem, ReasoningItem, CustomToolCallItem, CustomToolCallOutputItem, ItemReference, HostedToolCallItem, UnknownItem {
    /** The {@code type} tag, or {@code null} when the item had none. */
    String type();
}
