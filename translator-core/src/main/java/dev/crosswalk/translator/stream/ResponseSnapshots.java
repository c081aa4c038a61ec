package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.mapping.StreamSupport;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponseUsage;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.List;

/**
 * What every {@code response} object of one translated stream repeats: its id, the request's echo fields, and what
 * the upstream's chunks said about the whole answer (created, model, service tier, usage). One snapshot per event
 * that carries a response ({@code created}, {@code in_progress}, the terminal one).
 */
final class ResponseSnapshots {
    private final TranslatorOptions options;
    private final ResponsesRequest request;
    private final String responseId;
    private Long createdAt;
    private String model;
    private String serviceTier;
    private ResponseUsage usage;

    ResponseSnapshots(TranslatorOptions options, ResponsesRequest request) {
        this.options = options;
        this.request = request;
        this.responseId = options.ids().next("resp_");
    }

    /** Takes what a chunk says about the whole answer: the first chunk's creation time and model, any tier, usage. */
    void observe(ChatCompletionChunk chunk) {
        if (createdAt == null) {
            createdAt = chunk.created() != null ? chunk.created() : options.clock().instant().getEpochSecond();
            model = chunk.model();
        }
        if (chunk.serviceTier() != null) {
            serviceTier = chunk.serviceTier();
        }
        if (chunk.usage() != null) {
            usage = StreamSupport.usage(chunk.usage());
        }
    }

    /** A later chunk's {@code service_tier} ({@code null}: unchanged), as {@link #observe} takes it. */
    void serviceTier(String tier) {
        if (tier != null) {
            serviceTier = tier;
        }
    }

    /** The response as it stands, with the items that are done. */
    Response.Builder of(String status, List<ResponseItem> output) {
        Response.Builder b = StreamSupport.echo(request)
                .id(responseId)
                .object("response")
                .createdAt(createdAt)
                .status(status)
                .model(model != null ? model : request == null ? null : request.model()) // no chunk yet: the model asked for
                .output(List.copyOf(output))
                .usage(usage);
        // The tier that served the answer when the upstream says; else the echo's (the request's, or "auto").
        if (serviceTier != null) {
            b.serviceTier(serviceTier);
        }
        return b;
    }
}
