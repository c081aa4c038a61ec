package dev.crosswalk.translator.internal;

/** Limits and message clean-up the Jackson 2 and Jackson 3 codecs share, so that they behave identically. */
public final class JsonLimits {
    public static final int MAX_NESTING_DEPTH = 500;
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;
    /** Above the read limit: a translation nests some values a level or two deeper than they were read. */
    public static final int MAX_WRITE_NESTING_DEPTH = 2 * MAX_NESTING_DEPTH;

    private JsonLimits() {
    }

    /** Jackson's messages append source excerpts on later lines; keep the first, and never echo input beyond it. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
