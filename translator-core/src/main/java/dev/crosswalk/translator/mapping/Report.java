package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.UntranslatableException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one translation could not carry over, under the untranslatable policy (docs/architecture.md §4):
 * fields that change the model's answer are rejected (or, when lenient, dropped with a warning); fields that do
 * not change it and have no place in the target are always dropped with a warning.
 */
public final class Report {
    private final boolean lenient;
    private final boolean unknownMembers;
    private List<Problem> problems; // each made on its first entry: most translations have none
    private List<Problem> warnings;

    public Report(boolean lenient) {
        this(lenient, true);
    }

    /**
     * A report for translating an input that may or may not hold unknown members. The duplicate-key check
     * ({@link #finish}) can only find a member of some record's {@code extra} map; the request mappers fill those
     * maps only with the input's own unknown members, never with names of their own, so for a request read without
     * any ({@code unknownMembers} false: the fast-path reader saw none) every extra of the translation is empty and
     * the check, a walk over every output record, is skipped.
     */
    public Report(boolean lenient, boolean unknownMembers) {
        this.lenient = lenient;
        this.unknownMembers = unknownMembers;
    }

    /** A field that changes the answer and has no equivalent in the target. */
    public void untranslatable(String path, String reason) {
        if (lenient) {
            dropped(path, reason);
        } else {
            problems = problems != null ? problems : new ArrayList<>();
            problems.add(new Problem(path, reason));
        }
    }

    /** A field that does not change the answer and has no place in the target. */
    public void dropped(String path, String reason) {
        warnings = warnings != null ? warnings : new ArrayList<>();
        warnings.add(new Problem(path, reason));
    }

    void untranslatable(Path path, String reason) {
        untranslatable(path.toString(), reason);
    }

    void dropped(Path path, String reason) {
        dropped(path.toString(), reason);
    }

    public boolean lenient() {
        return lenient;
    }

    /**
     * The translation, or the exception listing every problem if there was any. Unknown members copied from the input
     * under a name the translation writes itself are such problems (they would be duplicate keys).
     */
    public <T> Translation<T> finish(T value) {
        T clean = unknownMembers ? Collisions.clean(value, this) : value;
        if (problems != null) {
            throw new UntranslatableException(problems);
        }
        return new Translation<>(clean, warnings != null ? warnings : List.of());
    }
}
