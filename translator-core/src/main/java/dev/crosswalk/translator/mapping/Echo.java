package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.responses.FunctionTool;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseText;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.ResponsesTool;
import dev.crosswalk.translator.responses.ResponsesToolChoice;
import dev.crosswalk.translator.responses.TextFormatText;
import java.util.List;
import java.util.Map;

/**
 * The request fields a Responses object echoes back, taken from the request it answers, with the values the
 * API reports when the request left them out. Required-but-nullable fields are always set (possibly to null).
 *
 * <p>{@code store} is not echoed: the official SDKs' {@code Response} model has no such property.
 */
final class Echo {
    private Echo() {
    }

    static Response.Builder from(ResponsesRequest request) {
        ResponsesRequest req = request != null ? request : ResponsesRequest.builder().build();
        return Response.builder()
                .instructions(req.instructions())
                .tools(req.tools() != null ? req.tools().stream().map(Echo::tool).toList() : List.of())
                .toolChoice(req.toolChoice() != null ? req.toolChoice() : new ResponsesToolChoice.Mode("auto"))
                .parallelToolCalls(req.parallelToolCalls() != null ? req.parallelToolCalls() : Boolean.TRUE)
                .temperature(req.temperature())
                .topP(req.topP())
                .maxOutputTokens(req.maxOutputTokens())
                .maxToolCalls(req.maxToolCalls())
                .previousResponseId(req.previousResponseId())
                .reasoning(req.reasoning())
                .text(req.text() != null ? req.text() : new ResponseText(new TextFormatText(Map.of()), null, Map.of()))
                .topLogprobs(req.topLogprobs())
                .truncation(req.truncation())
                .user(req.user())
                .metadata(req.metadata() != null ? req.metadata() : Map.of())
                .serviceTier(req.serviceTier())
                .background(req.background())
                .safetyIdentifier(req.safetyIdentifier())
                .promptCacheKey(req.promptCacheKey())
                .promptCacheRetention(req.promptCacheRetention())
                .conversation(req.conversation())
                .prompt(req.prompt());
    }

    /** A function tool sent without {@code strict} is strict (the Responses default); the API echoes {@code strict: true}. */
    private static ResponsesTool tool(ResponsesTool tool) {
        if (tool instanceof FunctionTool f && f.strict() == null) {
            return new FunctionTool(f.name(), f.description(), f.parameters(), Boolean.TRUE, f.extra());
        }
        return tool;
    }
}
