package dev.crosswalk.translator.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The input holds fields that change the model's answer and have no equivalent in the target protocol.
 * Lists every such field, not just the first. Translate leniently to drop them with warnings instead.
 */
public final class UntranslatableException extends CrosswalkException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public UntranslatableException(List<Problem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an UntranslatableException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order the translator met them. */
    public List<Problem> problems() {
        return problems;
    }

    /** The first problem's path as OpenAI writes {@code param} ({@code tools[2].type}, no {@code $.}). */
    public String param() {
        return OpenAiError.param(problems.get(0).path());
    }

    /**
     * This error in OpenAI's error shape: {@code invalid_request_error}, {@code param} = the first path in OpenAI's form, and
     * every problem with its full JSON path as {@code problems: [{path, reason}]} for programs that read it.
     */
    public OpenAiError toOpenAiError() {
        List<Map<String, String>> list = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("path", p.path());
            entry.put("reason", p.reason());
            list.add(entry);
        }
        return new OpenAiError(getMessage(), "invalid_request_error", param(), "untranslatable", Map.of("problems", list));
    }

    private static String describe(List<Problem> problems) {
        return "cannot translate " + problems.size() + (problems.size() == 1 ? " field: " : " fields: ")
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
