package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.MessageAnnotation;
import dev.crosswalk.translator.chat.TokenLogprob;
import dev.crosswalk.translator.chat.TopLogprob;
import dev.crosswalk.translator.chat.UrlCitation;
import dev.crosswalk.translator.responses.LogProb;
import dev.crosswalk.translator.responses.TopLogProb;
import dev.crosswalk.translator.responses.UrlCitationAnnotation;
import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/** Output metadata: {@code url_citation} annotations (nested in Chat, flat in Responses) and token logprobs. */
@Mapper(imports = Extras.class)
public interface AnnotationMapper {
    AnnotationMapper INSTANCE = Mappers.getMapper(AnnotationMapper.class);

    @BeanMapping(ignoreUnmappedSourceProperties = {"type", "extra"})
    @Mapping(target = "url", source = "urlCitation.url")
    @Mapping(target = "title", source = "urlCitation.title")
    @Mapping(target = "startIndex", source = "urlCitation.startIndex")
    @Mapping(target = "endIndex", source = "urlCitation.endIndex")
    @Mapping(target = "extra", expression = "java(Extras.merge(annotation.extra(), annotation.urlCitation().extra()))")
    UrlCitationAnnotation toResponses(MessageAnnotation annotation);

    @BeanMapping(ignoreUnmappedSourceProperties = {"url", "title", "startIndex", "endIndex", "extra"})
    @Mapping(target = "type", constant = "url_citation")
    @Mapping(target = "urlCitation", source = "annotation")
    @Mapping(target = "extra", expression = "java(java.util.Map.of())")
    MessageAnnotation toChat(UrlCitationAnnotation annotation);

    UrlCitation toUrlCitation(UrlCitationAnnotation annotation);

    /** Chat's {@code bytes} is {@code null} for tokens without a byte form; Responses requires the array: empty. */
    @Mapping(target = "bytes", source = "bytes", defaultExpression = "java(java.util.List.of())")
    LogProb toResponses(TokenLogprob logprob);

    @Mapping(target = "bytes", source = "bytes", defaultExpression = "java(java.util.List.of())")
    TopLogProb toResponses(TopLogprob logprob);

    TokenLogprob toChat(LogProb logprob);

    TopLogprob toChat(TopLogProb logprob);
}
