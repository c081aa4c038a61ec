package dev.crosswalk.translator.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Set;

/**
 * Which protocol records read their own type tag ({@code "type"}, {@code "role"}). The polymorphic interfaces declare
 * the tag {@code visible}, which makes Jackson buffer every object and replay it with the tag put back; but only the
 * catch-all records ({@code UnknownItem}, {@code HostedTool}, ...) keep it, every other record ignores it and writes
 * it from a constant. The codecs replay the tag only for the records that read it. Not for use outside the codecs.
 */
public final class TypeTags {
    private static final ClassValue<Set<String>> IGNORED = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            JsonIgnoreProperties ignored = type.getAnnotation(JsonIgnoreProperties.class);
            return ignored == null ? Set.of() : Set.of(ignored.value());
        }
    };

    private TypeTags() {
    }

    /** Whether records of this type read the tag named {@code tag} (do not ignore it). */
    public static boolean readBy(Class<?> type, String tag) {
        return type == null || !IGNORED.get(type).contains(tag);
    }
}
