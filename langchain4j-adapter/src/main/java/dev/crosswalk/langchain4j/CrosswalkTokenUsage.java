package dev.crosswalk.langchain4j;

import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;

/**
 * Token usage with the two details both protocols report: input tokens served from the prompt cache and output
 * tokens spent on reasoning. Either is {@code null} when the endpoint did not report it.
 *
 * <pre>{@code
 * ChatResponse response = model.chat(request);
 * if (response.metadata().tokenUsage() instanceof CrosswalkTokenUsage usage) {
 *     log.info("cached {} of {} input tokens", usage.cachedInputTokens(), usage.inputTokenCount());
 * }
 * }</pre>
 */
public class CrosswalkTokenUsage extends TokenUsage {

    private final Integer cachedInputTokens;
    private final Integer reasoningTokens;

    public CrosswalkTokenUsage(Integer inputTokenCount, Integer outputTokenCount, Integer totalTokenCount,
            Integer cachedInputTokens, Integer reasoningTokens) {
        super(inputTokenCount, outputTokenCount, totalTokenCount);
        this.cachedInputTokens = cachedInputTokens;
        this.reasoningTokens = reasoningTokens;
    }

    /** Input tokens read from the prompt cache ({@code cached_tokens}), or {@code null} if not reported. */
    public Integer cachedInputTokens() {
        return cachedInputTokens;
    }

    /** Output tokens spent on reasoning ({@code reasoning_tokens}), or {@code null} if not reported. */
    public Integer reasoningTokens() {
        return reasoningTokens;
    }

    /** Sums counts and details; AiServices uses this to total usage over tool-calling round trips. */
    @Override
    public CrosswalkTokenUsage add(TokenUsage that) {
        if (that == null) {
            return this;
        }
        Integer thatCached = that instanceof CrosswalkTokenUsage c ? c.cachedInputTokens : null;
        Integer thatReasoning = that instanceof CrosswalkTokenUsage c ? c.reasoningTokens : null;
        return new CrosswalkTokenUsage(
                sum(inputTokenCount(), that.inputTokenCount()),
                sum(outputTokenCount(), that.outputTokenCount()),
                sum(totalTokenCount(), that.totalTokenCount()),
                sum(cachedInputTokens, thatCached),
                sum(reasoningTokens, thatReasoning));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CrosswalkTokenUsage that)) {
            return false;
        }
        return Objects.equals(inputTokenCount(), that.inputTokenCount())
                && Objects.equals(outputTokenCount(), that.outputTokenCount())
                && Objects.equals(totalTokenCount(), that.totalTokenCount())
                && Objects.equals(cachedInputTokens, that.cachedInputTokens)
                && Objects.equals(reasoningTokens, that.reasoningTokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputTokenCount(), outputTokenCount(), totalTokenCount(), cachedInputTokens, reasoningTokens);
    }

    @Override
    public String toString() {
        return "CrosswalkTokenUsage{inputTokenCount=" + inputTokenCount() + ", outputTokenCount=" + outputTokenCount()
                + ", totalTokenCount=" + totalTokenCount() + ", cachedInputTokens=" + cachedInputTokens
                + ", reasoningTokens=" + reasoningTokens + '}';
    }
}
