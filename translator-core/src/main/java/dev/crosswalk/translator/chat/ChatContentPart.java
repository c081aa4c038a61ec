package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A part of a message's array {@code content}.
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownContentPart}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownContentPart.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextPart.class, name = "text"),
        @JsonSubTypes.Type(value = ImageUrlPart.class, name = "image_url"),
        @JsonSubTypes.Type(value = InputAudioPart.class, name = "input_audio"),
        @JsonSubTypes.Type(value = FilePart.class, name = "file"),
        @JsonSubTypes.Type(value = RefusalPart.class, name = "refusal")
})
public sealed interface ChatContentPart permits TextPart, ImageUrlPart, InputAudioPart, FilePart, RefusalPart, UnknownContentPart {
    /** The {@code type} tag. */
    String type();
}
