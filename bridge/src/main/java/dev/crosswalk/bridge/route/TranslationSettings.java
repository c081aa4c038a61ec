package dev.crosswalk.bridge.route;

import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.ProviderProfile;
import dev.crosswalk.translator.SystemMessagePolicy;
import dev.crosswalk.translator.TranslatorOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The translation options an upstream may set in the routes file ({@code translation:} under an upstream), each
 * mapped to its {@link TranslatorOptions.Builder} setter. A new option of the core is one line here. They are applied
 * in this order whatever the file's, so a provider profile's presets come first and the other options override them.
 */
final class TranslationSettings {
    /** How a YAML scalar becomes a setter call; returns {@code null} when the value has the wrong type. */
    private record Setting(Class<?> type, BiFunction<TranslatorOptions.Builder, Object, TranslatorOptions.Builder> apply) {
    }

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        text("providerProfile", (b, v) -> b.providerProfile(choice(ProviderProfile.class, v)));
        text("customTools", (b, v) -> b.customTools(choice(CustomTools.class, v)));
        bool("lenient", TranslatorOptions.Builder::lenient);
        bool("systemOnlyAtStart", TranslatorOptions.Builder::systemOnlyAtStart);
        bool("reasoningContent", TranslatorOptions.Builder::reasoningContent);
        text("instructionsRole", TranslatorOptions.Builder::instructionsRole);
        text("systemMessages", (b, v) -> b.systemMessages(choice(SystemMessagePolicy.class, v)));
    }

    private TranslationSettings() {
    }

    private static void bool(String name, BiFunction<TranslatorOptions.Builder, Boolean, TranslatorOptions.Builder> setter) {
        SETTINGS.put(name, new Setting(Boolean.class, (b, v) -> setter.apply(b, (Boolean) v)));
    }

    private static void text(String name, BiFunction<TranslatorOptions.Builder, String, TranslatorOptions.Builder> setter) {
        SETTINGS.put(name, new Setting(String.class, (b, v) -> setter.apply(b, (String) v)));
    }

    /** An enum constant by its name in the file: {@code as-functions} → {@code AS_FUNCTIONS}. */
    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        String name = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()) + ", got '" + value + "'");
    }

    /** Checks a value by applying it to a scratch builder; the message of what is wrong, or {@code null}. */
    static String check(String name, Object value) {
        try {
            apply(TranslatorOptions.builder(), name, value);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Applies {@code values} in this class's order. */
    static TranslatorOptions.Builder applyAll(TranslatorOptions.Builder builder, Map<String, Object> values) {
        TranslatorOptions.Builder b = builder;
        for (String name : SETTINGS.keySet()) {
            if (values.containsKey(name)) {
                b = apply(b, name, values.get(name));
            }
        }
        return b;
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
