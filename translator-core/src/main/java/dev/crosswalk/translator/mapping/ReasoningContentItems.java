package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.SummaryTextContent;
import dev.crosswalk.translator.seal.Sealer;
import java.util.List;
import java.util.Map;

/**
 * A Chat upstream's {@code reasoning_content} as a Responses {@code reasoning} item (docs/chat-only-providers.md), one rule for
 * streams and whole completions:
 * <ul>
 *   <li>the text is the item's {@code reasoning_text} content;</li>
 *   <li>when the request asked for {@code reasoning.summary}, the same text is also its one {@code summary_text}
 *       part: the upstream's raw thinking is the only summary there is;</li>
 *   <li>when the request includes {@code reasoning.encrypted_content} and a {@link Sealer} is configured, the text is
 *       sealed into {@code encrypted_content}, which a later request hands back (Codex keeps no server state) to be
 *       opened into the {@code reasoning_content} that thinking models require on the next tool-call turn.</li>
 * </ul>
 */
public final class ReasoningContentItems {
    /** The {@code include} value asking for encrypted reasoning. */
    public static final String ENCRYPTED_CONTENT = "reasoning.encrypted_content";

    private ReasoningContentItems() {
    }

    /** Whether the reasoning is offered as a summary too. */
    public static boolean summaryAsked(ResponsesRequest request) {
        return request != null && request.reasoning() != null
                && (request.reasoning().summary() != null || request.reasoning().generateSummary() != null)
                && !"none".equals(request.reasoning().summary());
    }

    /** Whether the reasoning is sealed into {@code encrypted_content}. */
    public static boolean sealed(TranslatorOptions options, ResponsesRequest request) {
        return options.sealer() != null && request != null && request.include() != null
                && request.include().contains(ENCRYPTED_CONTENT);
    }

    /** The finished item for {@code text}. */
    public static ReasoningItem item(TranslatorOptions options, ResponsesRequest request, String id, String text, String status) {
        List<ResponseContent> summary = summaryAsked(request) ? List.of(new SummaryTextContent(text, Map.of())) : List.of();
        String encrypted = sealed(options, request) ? options.sealer().seal(Sealer.REASONING, text) : null;
        return new ReasoningItem(id, summary, List.of(new ReasoningTextContent(text, Map.of())), encrypted, status, Map.of());
    }
}
