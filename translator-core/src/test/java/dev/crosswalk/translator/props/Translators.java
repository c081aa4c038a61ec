package dev.crosswalk.translator.props;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.IdSource;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.json.JsonCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Translators for the property tests: deterministic ids and clock, one per codec. */
final class Translators {
    static final JsonCodec JACKSON2 = JsonCodec.jackson2();
    static final JsonCodec JACKSON3 = JsonCodec.jackson3();
    static final List<JsonCodec> CODECS = List.of(JACKSON2, JACKSON3);
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private Translators() {
    }

    static TranslatorOptions.Builder options(JsonCodec codec) {
        return TranslatorOptions.builder().codec(codec).ids(IdSource.sequential()).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Translator strict(JsonCodec codec) {
        return Crosswalk.translator(options(codec).build());
    }

    static Translator lenient(JsonCodec codec) {
        return Crosswalk.translator(options(codec).lenient(true).build());
    }
}
