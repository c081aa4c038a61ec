package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A tool the model may call (nested form: {@code {type, function: {...}}}).
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownTool}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownTool.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = FunctionTool.class, name = "function"),
        @JsonSubTypes.Type(value = CustomTool.class, name = "custom")
})
public sealed interface ChatTool permits FunctionTool, CustomTool, UnknownTool {
    /** The {@code type} tag. */
    String type();
}
