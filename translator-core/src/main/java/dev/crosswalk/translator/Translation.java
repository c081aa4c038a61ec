package dev.crosswalk.translator;

import dev.crosswalk.translator.error.Problem;
import java.util.List;
import java.util.Objects;

/**
 * The result of one translation: the translated value and what was dropped on the way, each with its JSON path
 * in the input and the reason. Warnings are empty when nothing was dropped.
 *
 * @param value the translated value
 * @param warnings what was dropped (known fields in the order the translator meets them; unknown fields, which
 *        Jackson collects in hash order, in no particular order)
 * @param <T> the translated type
 */
public record Translation<T>(T value, List<Problem> warnings) {
    public Translation {
        Objects.requireNonNull(value, "value");
        warnings = List.copyOf(warnings);
    }
}
