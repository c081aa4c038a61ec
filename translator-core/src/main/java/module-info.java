/**
 * Crosswalk's translator core: both OpenAI protocols as records, every translation between them (through
 * {@link dev.crosswalk.translator.Translator}), the stream translators, the SSE and JSON codecs, and the seams every
 * module shares (upstream errors, redaction, tool-call fragments, the protocol enum).
 *
 * <p>Exported packages are the public API; {@code mapping} and {@code internal} are not. Jackson (either major,
 * whichever the application has) reads and writes the protocol records reflectively, hence the qualified
 * {@code opens}; MapStruct instantiates the generated mappers. See docs/architecture.md §3.
 *
 * <pre>{@code
 * module my.app {
 *     requires dev.crosswalk.translator;
 *     requires com.fasterxml.jackson.databind;   // or tools.jackson.databind
 * }
 * }</pre>
 */
module dev.crosswalk.translator {
    requires com.fasterxml.jackson.annotation;
    requires org.mapstruct;
    requires static com.fasterxml.jackson.core;
    requires static com.fasterxml.jackson.databind;
    requires static tools.jackson.core;
    requires static tools.jackson.databind;

    exports dev.crosswalk.translator;
    exports dev.crosswalk.translator.chat;
    exports dev.crosswalk.translator.error;
    exports dev.crosswalk.translator.json;
    exports dev.crosswalk.translator.responses;
    exports dev.crosswalk.translator.responses.events;
    exports dev.crosswalk.translator.seal;
    exports dev.crosswalk.translator.sse;
    exports dev.crosswalk.translator.stream;

    opens dev.crosswalk.translator.chat to com.fasterxml.jackson.databind, tools.jackson.databind;
    opens dev.crosswalk.translator.error to com.fasterxml.jackson.databind, tools.jackson.databind;
    opens dev.crosswalk.translator.responses to com.fasterxml.jackson.databind, tools.jackson.databind;
    opens dev.crosswalk.translator.responses.events to com.fasterxml.jackson.databind, tools.jackson.databind;
    opens dev.crosswalk.translator.internal to com.fasterxml.jackson.databind, tools.jackson.databind;
    opens dev.crosswalk.translator.mapping to org.mapstruct, com.fasterxml.jackson.databind, tools.jackson.databind;
}
