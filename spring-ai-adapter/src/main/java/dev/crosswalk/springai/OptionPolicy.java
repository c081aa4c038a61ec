package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.UntranslatableException;

/**
 * The one rule for options that the chosen wire has no field for: by default the call fails before anything is
 * sent, with an {@link UntranslatableException} naming every such option; a lenient model leaves them out and logs a
 * warning for each. Crosswalk never drops a setting that changes the answer without saying so.
 */
final class OptionPolicy {

    private static final Logger log = LoggerFactory.getLogger(OptionPolicy.class);

    private OptionPolicy() {
    }

    /**
     * Checks {@code options} against {@code wire}.
     *
     * @throws UntranslatableException if an option has no equivalent and {@code lenient} is false
     */
    static void check(CrosswalkChatOptions options, WireApi wire, boolean lenient) {
        List<Problem> problems = unsupported(options, wire);
        if (problems.isEmpty()) {
            return;
        }
        if (!lenient) {
            throw new UntranslatableException(problems);
        }
        problems.forEach(p -> log.warn("Left out option {}: {}", p.path(), p.reason()));
    }

    static List<Problem> unsupported(CrosswalkChatOptions o, WireApi wire) {
        List<Problem> problems = new ArrayList<>();
        if (o.getTopK() != null) {
            problems.add(new Problem("topK", "neither Chat Completions nor Responses has top-k sampling"));
        }
        if (wire == WireApi.RESPONSES) {
            String onlyChat = "Responses has no such field (Chat Completions only)";
            if (o.getStopSequences() != null && !o.getStopSequences().isEmpty()) {
                problems.add(new Problem("stopSequences", onlyChat));
            }
            if (o.getFrequencyPenalty() != null) {
                problems.add(new Problem("frequencyPenalty", onlyChat));
            }
            if (o.getPresencePenalty() != null) {
                problems.add(new Problem("presencePenalty", onlyChat));
            }
        } else {
            String onlyResponses = "Chat Completions has no such field (Responses only)";
            if (o.getReasoningSummary() != null) {
                problems.add(new Problem("reasoningSummary", onlyResponses));
            }
            if (o.getPreviousResponseId() != null) {
                problems.add(new Problem("previousResponseId", onlyResponses
                        + "; the conversation it names would be missing"));
            }
            if (o.getInclude() != null && !o.getInclude().isEmpty()) {
                problems.add(new Problem("include", onlyResponses));
            }
        }
        return problems;
    }
}
