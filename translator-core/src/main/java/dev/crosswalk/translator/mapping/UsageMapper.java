package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.CompletionTokensDetails;
import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.PromptTokensDetails;
import dev.crosswalk.translator.responses.InputTokensDetails;
import dev.crosswalk.translator.responses.OutputTokensDetails;
import dev.crosswalk.translator.responses.ResponseUsage;
import org.mapstruct.BeanMapping;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/**
 * Token usage, lossless both ways for the counts both protocols have. Responses requires both detail objects and
 * {@code cache_write_tokens} (spec 2.3.0, validated by the official SDKs): absent counts are written as 0.
 * Chat's audio and prediction counts, and unknown detail counts, have no Responses field: the caller reports them.
 */
@Mapper
public interface UsageMapper {
    UsageMapper INSTANCE = Mappers.getMapper(UsageMapper.class);

    @Mapping(target = "inputTokens", source = "promptTokens", defaultValue = "0")
    @Mapping(target = "outputTokens", source = "completionTokens", defaultValue = "0")
    @Mapping(target = "totalTokens", source = "totalTokens", defaultValue = "0")
    @Mapping(target = "inputTokensDetails", source = "usage")
    @Mapping(target = "outputTokensDetails", source = "usage")
    @BeanMapping(ignoreUnmappedSourceProperties = {"promptTokensDetails", "completionTokensDetails"})
    ResponseUsage toResponses(CompletionUsage usage);

    @Mapping(target = "cachedTokens", source = "promptTokensDetails.cachedTokens", defaultValue = "0")
    @Mapping(target = "cacheWriteTokens", constant = "0")
    @Mapping(target = "extra", ignore = true)
    @BeanMapping(ignoreUnmappedSourceProperties = {"promptTokens", "completionTokens", "totalTokens", "completionTokensDetails", "extra"})
    InputTokensDetails toInputDetails(CompletionUsage usage);

    @Mapping(target = "reasoningTokens", source = "completionTokensDetails.reasoningTokens", defaultValue = "0")
    @Mapping(target = "extra", ignore = true)
    @BeanMapping(ignoreUnmappedSourceProperties = {"promptTokens", "completionTokens", "totalTokens", "promptTokensDetails", "extra"})
    OutputTokensDetails toOutputDetails(CompletionUsage usage);

    @Mapping(target = "promptTokens", source = "inputTokens")
    @Mapping(target = "completionTokens", source = "outputTokens")
    @Mapping(target = "promptTokensDetails", source = "inputTokensDetails")
    @Mapping(target = "completionTokensDetails", source = "outputTokensDetails")
    CompletionUsage toChat(ResponseUsage usage);

    @BeanMapping(ignoreUnmappedSourceProperties = "cacheWriteTokens")
    @Mapping(target = "audioTokens", ignore = true)
    PromptTokensDetails toChat(InputTokensDetails details);

    @Mapping(target = "audioTokens", ignore = true)
    @Mapping(target = "acceptedPredictionTokens", ignore = true)
    @Mapping(target = "rejectedPredictionTokens", ignore = true)
    CompletionTokensDetails toChat(OutputTokensDetails details);
}
