package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.List;

/**
 * One request as it goes on the wire.
 *
 * @param wire the protocol
 * @param body the JSON body
 * @param warnings what the translation dropped, as {@code "path: reason"}
 * @param sent the Responses request sent (its echoes in the answer are no loss), or {@code null} on Chat Completions
 */
record WireRequest(WireApi wire, String body, List<String> warnings, ResponsesRequest sent) {
    WireRequest {
        warnings = List.copyOf(warnings);
    }
}
