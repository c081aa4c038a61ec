package dev.crosswalk.translator.responses;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A content part of a message item, a tool output or a reasoning item.
 *
 * <p>Read by its {@code type} tag; a tag this version does not know becomes {@link UnknownContent}, kept whole.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownContent.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = InputTextContent.class, name = "input_text"),
        @JsonSubTypes.Type(value = InputImageContent.class, name = "input_image"),
        @JsonSubTypes.Type(value = InputFileContent.class, name = "input_file"),
        @JsonSubTypes.Type(value = OutputTextContent.class, name = "output_text"),
        @JsonSubTypes.Type(value = RefusalContent.class, name = "refusal"),
        @JsonSubTypes.Type(value = ReasoningTextContent.class, name = "reasoning_text"),
        @JsonSubTypes.Type(value = SummaryTextContent.class, name = "summary_text")
})
public sealed interface ResponseContent permits InputTextContent, InputImageContent, InputFileContent, OutputTextContent, RefusalContent, ReasoningTextContent, SummaryTextContent, UnknownContent {
    /** The {@code type} tag. */
    String type();
}
