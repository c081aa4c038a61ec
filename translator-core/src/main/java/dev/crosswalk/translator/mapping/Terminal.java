package dev.crosswalk.translator.mapping;

/**
 * How an answer ended, in both protocols' words: Chat {@code finish_reason} ⇄ Responses {@code status} +
 * {@code incomplete_details.reason}. Truncation is never reported as success.
 *
 * @param finishReason Chat's finish_reason
 * @param status Responses' status
 * @param incompleteReason Responses' incomplete_details.reason, or {@code null}
 */
record Terminal(String finishReason, String status, String incompleteReason) {
    static final Terminal STOP = new Terminal("stop", "completed", null);
    static final Terminal TOOL_CALLS = new Terminal("tool_calls", "completed", null);
    static final Terminal LENGTH = new Terminal("length", "incomplete", "max_output_tokens");
    static final Terminal CONTENT_FILTER = new Terminal("content_filter", "incomplete", "content_filter");

    static Terminal ofFinishReason(String finishReason, Report report) {
        if (finishReason == null) {
            report.untranslatable("$.choices[0].finish_reason", "a completion without finish_reason did not finish");
            return STOP;
        }
        return switch (finishReason) {
            case "stop" -> STOP;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            case "length" -> LENGTH;
            case "content_filter" -> CONTENT_FILTER;
            default -> {
                report.untranslatable("$.choices[0].finish_reason", "finish_reason '" + finishReason + "' is not known");
                yield STOP;
            }
        };
    }

    /** For a Responses object or stream end; {@code hasCalls} decides between {@code stop} and {@code tool_calls}. */
    static Terminal ofStatus(String status, String incompleteReason, boolean hasCalls) {
        if ("incomplete".equals(status)) {
            return "content_filter".equals(incompleteReason) ? CONTENT_FILTER : LENGTH;
        }
        return hasCalls ? TOOL_CALLS : STOP;
    }
}
