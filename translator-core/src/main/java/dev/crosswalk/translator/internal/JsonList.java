package dev.crosswalk.translator.internal;

import java.util.ArrayList;

/**
 * The list class the codecs have Jackson build for {@code List} properties. Jackson hands it to a record's
 * constructor and keeps no reference, so {@link Copies#list} adopts it instead of copying it again.
 * Not for use outside the codecs.
 */
public final class JsonList<T> extends ArrayList<T> {
    private static final long serialVersionUID = 1L;
}
