package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.JsonSchema;
import dev.crosswalk.translator.chat.ResponseFormatJsonObject;
import dev.crosswalk.translator.chat.ResponseFormatJsonSchema;
import dev.crosswalk.translator.chat.ResponseFormatText;
import dev.crosswalk.translator.responses.TextFormatJsonObject;
import dev.crosswalk.translator.responses.TextFormatJsonSchema;
import dev.crosswalk.translator.responses.TextFormatText;
import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/**
 * Structured output: Chat {@code response_format} ⇄ Responses {@code text.format}. The JSON Schema variant is nested
 * in Chat ({@code json_schema: {name, schema, strict}}) and flat in Responses.
 */
@Mapper(uses = SameMaps.class, imports = Extras.class)
public interface FormatMapper {
    FormatMapper INSTANCE = Mappers.getMapper(FormatMapper.class);

    TextFormatText toResponses(ResponseFormatText format);

    TextFormatJsonObject toResponses(ResponseFormatJsonObject format);

    @BeanMapping(ignoreUnmappedSourceProperties = "extra")
    @Mapping(target = "name", source = "jsonSchema.name")
    @Mapping(target = "description", source = "jsonSchema.description")
    @Mapping(target = "schema", source = "jsonSchema.schema")
    @Mapping(target = "strict", source = "jsonSchema.strict")
    @Mapping(target = "extra", expression = "java(Extras.merge(format.extra(), format.jsonSchema().extra()))")
    TextFormatJsonSchema toResponses(ResponseFormatJsonSchema format);

    ResponseFormatText toChat(TextFormatText format);

    ResponseFormatJsonObject toChat(TextFormatJsonObject format);

    @BeanMapping(ignoreUnmappedSourceProperties = {"name", "description", "schema", "strict", "extra"})
    @Mapping(target = "jsonSchema", source = "format")
    @Mapping(target = "extra", expression = "java(java.util.Map.of())")
    ResponseFormatJsonSchema toChat(TextFormatJsonSchema format);

    JsonSchema toJsonSchema(TextFormatJsonSchema format);
}
