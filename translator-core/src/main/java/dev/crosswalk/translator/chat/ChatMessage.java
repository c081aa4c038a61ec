package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A Chat Completions message, by {@code role}.
 *
 * <p>Read by its {@code role} tag; a tag this version does not know becomes {@link UnknownMessage}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "role",
        visible = true, defaultImpl = UnknownMessage.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = SystemMessage.class, name = "system"),
        @JsonSubTypes.Type(value = DeveloperMessage.class, name = "developer"),
        @JsonSubTypes.Type(value = UserMessage.class, name = "user"),
        @JsonSubTypes.Type(value = AssistantMessage.class, name = "assistant"),
        @JsonSubTypes.Type(value = ToolMessage.class, name = "tool")
})
public sealed interface ChatMessage permits SystemMessage, DeveloperMessage, UserMessage, AssistantMessage, ToolMessage, UnknownMessage {
    /** The {@code role} tag, or {@code null} when the message had none. */
    String role();
}
