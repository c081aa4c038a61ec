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
 * The request fields a Responses object echoes back, taken from the request it answers, with the values the live API
 * reports when the request left them out: {@code temperature} 1, {@code top_p} 1, penalties 0, {@code top_logprobs} 0,
 * {@code truncation "disabled"}, {@code background false}, {@code store} true, {@code service_tier "auto"}.
 * Required-but-nullable fields ({@code previous_response_id}, {@code reasoning}, {@code max_tool_calls}, ...) are set,
 * possibly to null. See docs/responses-api.md.
 *
 * <p>{@code store} and the penalties are echoed as the live API does, although the official SDKs' {@code Response}
 * models lack them (the oracle tests' allow-list records that).
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
                .temperature(req.temperature() != null ? req.temperature() : 1.0)
                .topP(req.topP() != null ? req.topP() : 1.0)
                .presencePenalty(number(req.extra().get("presence_penalty")))
                .frequencyPenalty(number(req.extra().get("frequency_penalty")))
                .maxOutputTokens(req.maxOutputTokens())
                .maxToolCalls(req.maxToolCalls())
                .previousResponseId(req.previousResponseId())
                .reasoning(req.reasoning())
                .text(req.text() != null ? req.text() : new ResponseText(new TextFormatText(Map.of()), null, Map.of()))
                .topLogprobs(req.topLogprobs() != null ? req.topLogprobs() : 0)
                .truncation(req.truncation() != null ? req.truncation() : "disabled")
                .user(req.user())
                .metadata(req.metadata() != null ? req.metadata() : Map.of())
                .serviceTier(req.serviceTier() != null ? req.serviceTier() : "auto")
                .store(!Boolean.FALSE.equals(req.store()))
                .background(Boolean.TRUE.equals(req.background()))
                .safetyIdentifier(req.safetyIdentifier())
                .promptCacheKey(req.promptCacheKey())
                .promptCacheRetention(req.promptCacheRetention())
                .conversation(req.conversation())
                .prompt(req.prompt());
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0.0;
    }

    /** A function tool sent without {@code strict} is strict (the Responses default); the API echoes {@code strict: true}. */
    private static ResponsesTool tool(ResponsesTool tool) {
        if (tool instanceof FunctionTool f && f.strict() == null) {
            return new FunctionTool(f.name(), f.description(), f.parameters(), Boolean.TRUE, f.extra());
        }
        return tool;
    }
}
