package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A tool call on an assistant message.
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownToolCall}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownToolCall.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = FunctionToolCall.class, name = "function"),
        @JsonSubTypes.Type(value = CustomToolCall.class, name = "custom")
})
public sealed interface ChatToolCall permits FunctionToolCall, CustomToolCall, UnknownToolCall {
    /** The {@code type} tag. */
    String type();
}
