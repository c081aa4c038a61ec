package dev.crosswalk.translator.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The {@code response_format} of a Chat Completions request.
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownResponseFormat}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownResponseFormat.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ResponseFormatText.class, name = "text"),
        @JsonSubTypes.Type(value = ResponseFormatJsonObject.class, name = "json_object"),
        @JsonSubTypes.Type(value = ResponseFormatJsonSchema.class, name = "json_schema")
})
public sealed interface ResponseFormat permits ResponseFormatText, ResponseFormatJsonObject, ResponseFormatJsonSchema, UnknownResponseFormat {
    /** The {@code type} tag. */
    String type();
}
