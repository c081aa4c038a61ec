package dev.crosswalk.translator.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * A JSON value that is either a string or an array, as several protocol fields are
 * ({@code content}, {@code input}, a tool's {@code output}). Subclasses add the Jackson creators.
 *
 * @param <E> the array's element type
 */
public abstract class TextOrList<E> {
    private final String text;
    private final List<E> items;

    protected TextOrList(String text, List<E> items) {
        if ((text == null) == (items == null)) {
            throw new IllegalArgumentException("exactly one of text and items must be given");
        }
        this.text = text;
        this.items = Copies.list(items);
    }

    /** Whether the value is a plain string. */
    public final boolean isText() {
        return text != null;
    }

    /** The string form, or {@code null} when the value is an array. */
    public final String text() {
        return text;
    }

    /** The array form, or {@code null} when the value is a string. */
    public final List<E> items() {
        return items;
    }

    @JsonValue
    final Object json() {
        return text != null ? text : items;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && Objects.equals(text, ((TextOrList<?>) o).text) && Objects.equals(items, ((TextOrList<?>) o).items);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(text, items);
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + (text != null ? '"' + text + '"' : items) + "]";
    }
}
