package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.json.JsonCodec;
import java.util.Map;

/**
 * The raw input of a custom tool that went upstream as a function ({@link dev.crosswalk.translator.CustomTools#AS_FUNCTIONS}),
 * recovered from the call's arguments as they arrive: {@code {"input": "*** Begin Patch\n..."}} yields
 * {@code *** Begin Patch}⏎{@code ...}, decoded incrementally so a stream can pass it on as it comes.
 *
 * <pre>{@code
 * CustomCallInput input = new CustomCallInput(codec);
 * for (String fragment : argumentFragments) {
 *     send(input.feed(fragment));          // decoded text available now ("" while undecided)
 * }
 * send(input.finish());                    // the rest; input.text() is the whole input
 * input.warning();                         // why the arguments were not the expected {"input": "..."}, or null
 * }</pre>
 *
 * <p>The recovery rule, one for streams and whole completions: arguments of the shape {@code {"input": "..."}} yield
 * the string. Arguments whose first non-blank character is not <code>&#123;</code> are the input itself (models sometimes
 * answer with the raw patch instead of the JSON around it), with a warning. Other JSON objects are decided at the
 * end: one with a string {@code input} yields it (other members are ignored, with a warning); anything else is taken
 * as the raw input, with a warning. An {@code input} string cut short (the answer hit its token limit) yields what
 * arrived, with a warning.
 */
public final class CustomCallInput {
    private enum State { KEY_OPEN, KEY, KEY_CLOSE, COLON, VALUE_OPEN, STRING, AFTER, RAW, UNDECIDED }

    private static final String KEY_NAME = "input";

    private final JsonCodec codec;
    private final StringBuilder arguments = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private State state;
    private int keyIndex;
    private boolean escaped;
    /** Hex digits of a {@code \\u} escape being read, or null. */
    private StringBuilder unicode;
    /** A high surrogate held back until its pair arrives: a delta must not end in half a character. */
    private char pendingHigh;
    private String warning;
    private boolean finished;
    private int afterStart;

    public CustomCallInput(JsonCodec codec) {
        this.codec = codec;
    }

    /** Decodes the whole arguments of a finished call. */
    public static CustomCallInput of(JsonCodec codec, String arguments) {
        CustomCallInput input = new CustomCallInput(codec);
        input.feed(arguments == null ? "" : arguments);
        input.finish();
        return input;
    }

    /** Takes the next fragment of the arguments; returns the input text it completes (possibly empty). */
    public String feed(String fragment) {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        int from = text.length();
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            arguments.append(c);
            step(c);
        }
        return text.substring(from);
    }

    /** The end of the arguments; returns the input text not yet returned. */
    public String finish() {
        if (finished) {
            return "";
        }
        finished = true;
        int from = text.length();
        switch (state == null ? State.RAW : state) {
            case STRING -> {
                flushPending();
                warning = "the arguments ended inside the \"input\" string (cut short?); the input is what arrived";
            }
            case AFTER -> {
                String rest = arguments.substring(afterStart).strip();
                if (!rest.equals("}") && warning == null) {
                    warning = "the arguments had members besides \"input\"; they were ignored";
                }
            }
            case RAW -> {
                if (state == null) {
                    text.append(arguments); // empty or blank arguments: an empty input
                } else {
                    warning = "the arguments were not {\"input\": ...} JSON; the model's raw answer was taken as the input";
                }
            }
            default -> decideAtEnd();
        }
        return text.substring(from);
    }

    /** The input so far (all of it after {@link #finish()}). */
    public String text() {
        return text.toString();
    }

    /** Why the arguments were not plain {@code {"input": "..."}}, or {@code null}. */
    public String warning() {
        return warning;
    }

    private void step(char c) {
        if (state == null) {
            if (Character.isWhitespace(c)) {
                return;
            }
            if (c != '{') {
                state = State.RAW;
                text.append(arguments);
                return;
            }
            state = State.KEY_OPEN;
            return;
        }
        switch (state) {
            case RAW -> text.append(c);
            case KEY_OPEN -> expect(c, '"', State.KEY);
            case KEY -> {
                if (c == KEY_NAME.charAt(keyIndex)) {
                    if (++keyIndex == KEY_NAME.length()) {
                        state = State.KEY_CLOSE;
                    }
                } else {
                    state = State.UNDECIDED;
                }
            }
            case KEY_CLOSE -> state = c == '"' ? State.COLON : State.UNDECIDED;
            case COLON -> expect(c, ':', State.VALUE_OPEN);
            case VALUE_OPEN -> expect(c, '"', State.STRING);
            case STRING -> string(c);
            default -> {
                // AFTER and UNDECIDED: decided at the end from the whole arguments
            }
        }
    }

    private void expect(char c, char wanted, State next) {
        if (c == wanted) {
            state = next;
        } else if (!Character.isWhitespace(c)) {
            state = State.UNDECIDED;
        }
    }

    private void string(char c) {
        if (unicode != null) {
            unicode.append(c);
            if (unicode.length() == 4) {
                char decoded;
                try {
                    decoded = (char) Integer.parseInt(unicode.toString(), 16);
                } catch (NumberFormatException e) {
                    // not JSON, but part of the input may already be sent: keep the text as written
                    lenient("\\u" + unicode);
                    unicode = null;
                    return;
                }
                unicode = null;
                append(decoded);
            }
        } else if (escaped) {
            escaped = false;
            switch (c) {
                case 'n' -> append('\n');
                case 't' -> append('\t');
                case 'r' -> append('\r');
                case 'b' -> append('\b');
                case 'f' -> append('\f');
                case 'u' -> unicode = new StringBuilder(4);
                case '"', '\\', '/' -> append(c);
                default -> lenient("\\" + c);
            }
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            flushPending();
            state = State.AFTER;
            afterStart = arguments.length();
        } else {
            append(c);
        }
    }

    private void append(char c) {
        if (pendingHigh != 0) {
            text.append(pendingHigh);
            pendingHigh = 0;
        }
        if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else {
            text.append(c);
        }
    }

    private void lenient(String written) {
        for (int i = 0; i < written.length(); i++) {
            append(written.charAt(i));
        }
        warning = "the \"input\" string is not valid JSON; its text was kept as written";
    }

    private void flushPending() {
        if (pendingHigh != 0) {
            text.append(pendingHigh);
            pendingHigh = 0;
        }
    }

    /** Arguments that were not {@code {"input": "...` from the start: parse them whole. */
    private void decideAtEnd() {
        text.setLength(0);
        Object tree;
        try {
            tree = codec.readTree(arguments.toString());
        } catch (RuntimeException e) {
            tree = null;
        }
        if (tree instanceof Map<?, ?> map && map.get(KEY_NAME) instanceof String s) {
            text.append(s);
            if (map.size() > 1) {
                warning = "the arguments had members besides \"input\"; they were ignored";
            }
        } else {
            text.append(arguments);
            warning = "the arguments were not {\"input\": ...} JSON; the model's raw answer was taken as the input";
        }
    }
}
