package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The {@code text.format} of a Responses request.
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownTextFormat}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownTextFormat.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextFormatText.class, name = "text"),
        @JsonSubTypes.Type(value = TextFormatJsonObject.class, name = "json_object"),
        @JsonSubTypes.Type(value = TextFormatJsonSchema.class, name = "json_schema")
})
public sealed interface TextFormat permits TextFormatText, TextFormatJsonObject, TextFormatJsonSchema, UnknownTextFormat {
    /** The {@code type} tag. */
    String type();
}
