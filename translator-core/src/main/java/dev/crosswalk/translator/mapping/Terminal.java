package dev.crosswalk.translator.mapping;

/**
 * How an answer ended, in both protocols' words: Chat {@code finish_reason} ⇄ Responses {@code status} +
 * {@code incomplete_details.reason}. Truncation is never reported as success.
 *
 * @param finishReason Chat's finish_reason
 * @param status Responses' status
 * @param incompleteReason Responses' incomplete_details.reason, or {@code null}
 *
 * <p>Shared by the body and the stream translators, so both end an answer the same way. Internal API.
 */
public record Terminal(String finishReason, String status, String incompleteReason) {
    public static final Terminal STOP = new Terminal("stop", "completed", null);
    public static final Terminal TOOL_CALLS = new Terminal("tool_calls", "completed", null);
    public static final Terminal LENGTH = new Terminal("length", "incomplete", "max_output_tokens");
    public static final Terminal CONTENT_FILTER = new Terminal("content_filter", "incomplete", "content_filter");

    static Terminal ofFinishReason(String finishReason, Report report) {
        if (finishReason == null) {
            report.untranslatable("$.choices[0].finish_reason", "a completion without finish_reason did not finish");
            return STOP;
        }
        Terminal known = known(finishReason);
        if (known == null) {
            report.untranslatable("$.choices[0].finish_reason", "finish_reason '" + finishReason + "' is not known");
            return STOP;
        }
        return known;
    }

    /** The terminal state a Chat {@code finish_reason} names, or {@code null} for one this version does not know. */
    public static Terminal known(String finishReason) {
        return switch (finishReason) {
            case "stop" -> STOP;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            case "length" -> LENGTH;
            case "content_filter" -> CONTENT_FILTER;
            default -> null;
        };
    }

    /** For a Responses object or stream end; {@code hasCalls} decides between {@code stop} and {@code tool_calls}. */
    public static Terminal ofStatus(String status, String incompleteReason, boolean hasCalls) {
        if ("incomplete".equals(status)) {
            return "content_filter".equals(incompleteReason) ? CONTENT_FILTER : LENGTH;
        }
        return hasCalls ? TOOL_CALLS : STOP;
    }
}
