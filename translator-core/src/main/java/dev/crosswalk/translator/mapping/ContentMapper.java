package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.FilePart;
import dev.crosswalk.translator.chat.FileRef;
import dev.crosswalk.translator.chat.ImageUrl;
import dev.crosswalk.translator.chat.ImageUrlPart;
import dev.crosswalk.translator.chat.RefusalPart;
import dev.crosswalk.translator.chat.TextPart;
import dev.crosswalk.translator.responses.InputFileContent;
import dev.crosswalk.translator.responses.InputImageContent;
import dev.crosswalk.translator.responses.InputTextContent;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.RefusalContent;
import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/**
 * Content parts. Chat nests image and file fields ({@code image_url: {url, detail}}, {@code file: {...}});
 * Responses has them flat. Callers check first for the fields one side lacks ({@code input_image.file_id},
 * {@code input_file.file_url}, {@code input_audio}) and report them.
 */
@Mapper(uses = SameMaps.class, imports = {Extras.class, java.util.List.class})
public interface ContentMapper {
    ContentMapper INSTANCE = Mappers.getMapper(ContentMapper.class);

    InputTextContent toInputText(TextPart part);

    /** Assistant history text: Responses requires {@code output_text} (an assistant {@code input_text} is a 400). */
    @Mapping(target = "annotations", expression = "java(List.of())")
    @Mapping(target = "logprobs", ignore = true)
    OutputTextContent toOutputText(TextPart part);

    /** Chat's absent {@code detail} means {@code auto}; Responses' {@code input_image} requires it (spec, SDK). */
    @BeanMapping(ignoreUnmappedSourceProperties = "extra")
    @Mapping(target = "imageUrl", source = "imageUrl.url")
    @Mapping(target = "detail", source = "imageUrl.detail", defaultValue = "auto")
    @Mapping(target = "fileId", ignore = true)
    @Mapping(target = "extra", expression = "java(Extras.merge(part.extra(), part.imageUrl().extra()))")
    InputImageContent toInputImage(ImageUrlPart part);

    @BeanMapping(ignoreUnmappedSourceProperties = "extra")
    @Mapping(target = "fileId", source = "file.fileId")
    @Mapping(target = "fileData", source = "file.fileData")
    @Mapping(target = "filename", source = "file.filename")
    @Mapping(target = "fileUrl", ignore = true)
    @Mapping(target = "extra", expression = "java(Extras.merge(part.extra(), part.file().extra()))")
    InputFileContent toInputFile(FilePart part);

    RefusalContent toRefusal(RefusalPart part);

    TextPart toText(InputTextContent part);

    /** Annotations and logprobs of history text have no place in a Chat request; the caller reports them. */
    @BeanMapping(ignoreUnmappedSourceProperties = {"annotations", "logprobs"})
    TextPart toText(OutputTextContent part);

    @BeanMapping(ignoreUnmappedSourceProperties = {"imageUrl", "detail", "fileId", "extra"})
    @Mapping(target = "imageUrl", source = "part")
    @Mapping(target = "extra", expression = "java(java.util.Map.of())")
    ImageUrlPart toImageUrl(InputImageContent part);

    @BeanMapping(ignoreUnmappedSourceProperties = "fileId")
    @Mapping(target = "url", source = "imageUrl")
    ImageUrl toImageUrlObject(InputImageContent part);

    @BeanMapping(ignoreUnmappedSourceProperties = {"fileId", "fileData", "fileUrl", "filename", "extra"})
    @Mapping(target = "file", source = "part")
    @Mapping(target = "extra", expression = "java(java.util.Map.of())")
    FilePart toFile(InputFileContent part);

    @BeanMapping(ignoreUnmappedSourceProperties = "fileUrl")
    FileRef toFileRef(InputFileContent part);

    RefusalPart toRefusal(RefusalContent part);
}
