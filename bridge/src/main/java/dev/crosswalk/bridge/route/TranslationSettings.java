package dev.crosswalk.bridge.route;

import dev.crosswalk.translator.TranslatorOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The translation options an upstream may set in the routes file ({@code translation:} under an upstream), each
 * mapped to its {@link TranslatorOptions.Builder} setter. A new option of the core is one line here.
 */
final class TranslationSettings {
    /** How a YAML scalar becomes a setter call; returns {@code null} when the value has the wrong type. */
    private record Setting(Class<?> type, BiFunction<TranslatorOptions.Builder, Object, TranslatorOptions.Builder> apply) {
    }

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        bool("lenient", TranslatorOptions.Builder::lenient);
        bool("systemOnlyAtStart", TranslatorOptions.Builder::systemOnlyAtStart);
        bool("reasoningContent", TranslatorOptions.Builder::reasoningContent);
        text("instructionsRole", TranslatorOptions.Builder::instructionsRole);
    }

    private TranslationSettings() {
    }

    private static void bool(String name, BiFunction<TranslatorOptions.Builder, Boolean, TranslatorOptions.Builder> setter) {
        SETTINGS.put(name, new Setting(Boolean.class, (b, v) -> setter.apply(b, (Boolean) v)));
    }

    private static void text(String name, BiFunction<TranslatorOptions.Builder, String, TranslatorOptions.Builder> setter) {
        SETTINGS.put(name, new Setting(String.class, (b, v) -> setter.apply(b, (String) v)));
    }

    static Set<String> names() {
        return SETTINGS.keySet();
    }

    /** The type the option's value must have, or {@code null} for an unknown option. */
    static Class<?> type(String name) {
        Setting s = SETTINGS.get(name);
        return s == null ? null : s.type();
    }

    static TranslatorOptions.Builder apply(TranslatorOptions.Builder builder, String name, Object value) {
        return SETTINGS.get(name).apply().apply(builder, value);
    }
}
