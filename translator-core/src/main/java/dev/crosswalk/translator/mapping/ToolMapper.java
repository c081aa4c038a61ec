package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.CustomToolDefinition;
import dev.crosswalk.translator.chat.FunctionDefinition;
import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/**
 * Tools, nested (Chat: {@code {type, function: {name, ...}}}) ⇄ flat (Responses: {@code {type, name, ...}}).
 *
 * <p>The {@code strict} rule: Chat without {@code strict} means non-strict, so Chat → Responses writes an explicit
 * {@code strict: false} (Responses would otherwise read it as strict). Responses without {@code strict} means strict,
 * so Responses → Chat writes {@code strict: true} where the schema allows it, and nothing otherwise.
 * A custom tool's grammar format is nested in Chat and flat in Responses ({@link CustomFormats}).
 */
@Mapper(uses = SameMaps.class, imports = {Extras.class, StrictSchemas.class, CustomFormats.class})
public interface ToolMapper {
    ToolMapper INSTANCE = Mappers.getMapper(ToolMapper.class);

    @BeanMapping(ignoreUnmappedSourceProperties = "extra")
    @Mapping(target = "name", source = "function.name")
    @Mapping(target = "description", source = "function.description")
    @Mapping(target = "parameters", source = "function.parameters")
    @Mapping(target = "strict", source = "function.strict", defaultValue = "false")
    @Mapping(target = "extra", expression = "java(Extras.merge(tool.extra(), tool.function().extra()))")
    dev.crosswalk.translator.responses.FunctionTool toResponses(dev.crosswalk.translator.chat.FunctionTool tool);

    @BeanMapping(ignoreUnmappedSourceProperties = {"name", "description", "parameters", "strict", "extra"})
    @Mapping(target = "function", source = "tool")
    @Mapping(target = "extra", expression = "java(java.util.Map.of())")
    dev.crosswalk.translator.chat.FunctionTool toChat(dev.crosswalk.translator.responses.FunctionTool tool);

    @BeanMapping(ignoreUnmappedSourceProperties = "strict")
    @Mapping(target = "strict", expression = "java(StrictSchemas.chatStrict(tool.strict(), tool.parameters()))")
    FunctionDefinition toDefinition(dev.crosswalk.translator.responses.FunctionTool tool);

    @BeanMapping(ignoreUnmappedSourceProperties = "extra")
    @Mapping(target = "name", source = "custom.name")
    @Mapping(target = "description", source = "custom.description")
    @Mapping(target = "format", expression = "java(CustomFormats.flat(tool.custom().format()))")
    @Mapping(target = "extra", expression = "java(Extras.merge(tool.extra(), tool.custom().extra()))")
    dev.crosswalk.translator.responses.CustomTool toResponses(dev.crosswalk.translator.chat.CustomTool tool);

    @BeanMapping(ignoreUnmappedSourceProperties = {"name", "description", "format", "extra"})
    @Mapping(target = "custom", source = "tool")
    @Mapping(target = "extra", expression = "java(java.util.Map.of())")
    dev.crosswalk.translator.chat.CustomTool toChat(dev.crosswalk.translator.responses.CustomTool tool);

    @BeanMapping(ignoreUnmappedSourceProperties = "format")
    @Mapping(target = "format", expression = "java(CustomFormats.nested(tool.format()))")
    CustomToolDefinition toDefinition(dev.crosswalk.translator.responses.CustomTool tool);
}
