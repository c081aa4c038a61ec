package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An annotation on {@code output_text}.
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link OtherAnnotation}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = OtherAnnotation.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = UrlCitationAnnotation.class, name = "url_citation")
})
public sealed interface Annotation permits UrlCitationAnnotation, OtherAnnotation {
    /** The {@code type} tag. */
    String type();
}
