package dev.crosswalk.translator.stream;

/**
 * Tracks the nesting of JSON text as it arrives, one fragment at a time, so knowing whether a tool call's
 * arguments are complete costs one pass over each character and no parsing. Not a validator: it only follows
 * strings (with escapes) and brackets.
 */
final class JsonNesting {
    private int depth;
    private boolean sawValue;
    private boolean inString;
    private boolean escaped;

    void scan(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
                sawValue = true;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** Whether the text so far is one complete JSON object or array (its closing bracket has arrived). */
    boolean complete() {
        return depth == 0 && sawValue;
    }
}
