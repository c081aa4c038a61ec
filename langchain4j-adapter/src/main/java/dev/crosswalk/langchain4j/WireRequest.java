package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import java.util.List;

/**
 * One request as it goes on the wire.
 *
 * @param wire the protocol
 * @param body the JSON body
 * @param warnings what the translation dropped, as {@code "path: reason"}
 */
record WireRequest(WireApi wire, String body, List<String> warnings) {
    WireRequest {
        warnings = List.copyOf(warnings);
    }
}
