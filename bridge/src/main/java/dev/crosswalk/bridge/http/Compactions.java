package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.InputTextContent;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.ResponsesInput;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.seal.SealException;
import dev.crosswalk.translator.seal.Sealer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compaction over a Chat upstream ({@code POST /v1/responses/compact}, issue 11): the upstream model summarises the
 * conversation with {@link #DEFAULT_PROMPT} (or the configured prompt), and the answer is the spec's
 * {@code response.compaction} object: the conversation's user messages, then one {@code compaction} item whose
 * {@code encrypted_content} is the summary sealed with the bridge's {@link Sealer} (purpose {@link Sealer#COMPACTION}).
 * Any bridge instance holding the same seal key opens it: a later request that contains the item gets the summary
 * back as context; a tampered item, or one sealed with a key this bridge does not hold, is a 400 naming its path.
 */
final class Compactions {
    /** The summarising instruction sent as the last user message; configurable with {@code --compaction-prompt}. */
    static final String DEFAULT_PROMPT = """
            You are performing a context checkpoint compaction. Write a handoff summary of the conversation so far for \
            another instance of yourself that will continue it without seeing it: the user's goals and constraints, \
            decisions made, work done and its results (files, commands, tool outputs that matter), open questions, and \
            the exact next steps. Be concise and factual; do not address the user; do not invent anything.""";
    /** How an opened summary is put back into the context, as a user message before what follows it. */
    static final String SUMMARY_PREFIX = "Summary of the conversation so far (context compaction):\n\n";

    private final Sealer sealer;
    private final String prompt;
    private final Translator translator;
    private final JsonCodec codec;

    Compactions(Sealer sealer, String prompt, Translator translator) {
        this.sealer = sealer;
        this.prompt = prompt != null ? prompt : DEFAULT_PROMPT;
        this.translator = translator;
        this.codec = translator.options().codec();
    }

    /**
     * {@code items} with each {@code compaction} item replaced by its opened summary as a user message. Items from
     * {@code clientStart} on are the client's own {@code input} (named {@code input[i]} in errors); earlier ones come
     * from the turn named by {@code previous_response_id}. Returns {@code items} itself when there is none.
     */
    List<ResponseItem> unseal(List<ResponseItem> items, int clientStart) {
        List<ResponseItem> out = null;
        for (int i = 0; i < items.size(); i++) {
            ResponseItem item = items.get(i);
            if ("compaction".equals(item.type())) {
                if (out == null) {
                    out = new ArrayList<>(items.subList(0, i));
                }
                String path = i >= clientStart ? "input[" + (i - clientStart) + "].encrypted_content" : "previous_response_id";
                Object fields = codec.readTree(codec.write(item));
                out.add(userText(SUMMARY_PREFIX + open(fields instanceof Map<?, ?> m ? m.get("encrypted_content") : null, path)));
            } else if (out != null) {
                out.add(item);
            }
        }
        return out != null ? out : items;
    }

    private String open(Object blob, String path) {
        if (!(blob instanceof String sealed)) {
            throw BridgeException.of(400, Errors.INVALID_REQUEST, path, "invalid_encrypted_content",
                    "The compaction item at " + path + " has no encrypted_content.");
        }
        if (sealer == null) {
            throw unavailable();
        }
        try {
            return sealer.open(Sealer.COMPACTION, sealed);
        } catch (SealException e) {
            String why = switch (e.reason()) {
                case NOT_SEALED -> "was not produced by this bridge";
                case FOREIGN_KEY -> "was sealed with a key this bridge does not hold (was the seal key rotated without keeping the old one?)";
                case TAMPERED -> "was modified after it was sealed";
            };
            throw BridgeException.of(400, Errors.INVALID_REQUEST, path, "invalid_encrypted_content",
                    "The compaction item's encrypted_content at " + path + " " + why + ".");
        }
    }

    /** The summarising request: the conversation, then the prompt as the last user message. */
    ResponsesRequest summaryRequest(Map<String, Object> body) {
        Object model = body.get("model");
        if (!(model instanceof String m) || m.isBlank()) {
            throw BridgeException.of(400, Errors.INVALID_REQUEST, "model", "missing_required_parameter",
                    "Missing required parameter: 'model'.");
        }
        if (sealer == null) {
            throw unavailable();
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", m);
        for (String key : List.of("input", "instructions", "previous_response_id")) {
            if (body.get(key) != null) {
                request.put(key, body.get(key));
            }
        }
        ResponsesRequest parsed = codec.read(codec.write(request), ResponsesRequest.class);
        List<ResponseItem> input = new ArrayList<>(ResponsesOverChat.inputItems(parsed));
        input.add(userText(prompt));
        return parsed.toBuilder().input(ResponsesInput.of(input)).store(false).stream(false).build();
    }

    /** The spec's compacted response: the user messages kept as they were, then the sealed summary. */
    Map<String, Object> compacted(List<ResponseItem> context, ChatCompletion completion, ResponsesRequest request) {
        Response answer = translator.toResponses(completion, request).value();
        StringBuilder summary = new StringBuilder();
        for (ResponseItem item : answer.output()) {
            if (item instanceof MessageItem m && m.content() != null && m.content().parts() != null) {
                m.content().parts().stream().filter(OutputTextContent.class::isInstance)
                        .forEach(p -> summary.append(((OutputTextContent) p).text()));
            }
        }
        if (summary.isEmpty()) {
            throw Errors.upstreamProtocol("an empty summary for the compaction");
        }
        List<Object> output = new ArrayList<>();
        for (ResponseItem item : context) {
            if (item instanceof MessageItem m && "user".equals(m.role()) && !isSummary(m)) {
                output.add(codec.readTree(codec.write(asOutputItem(m))));
            }
        }
        Map<String, Object> compaction = new LinkedHashMap<>();
        compaction.put("type", "compaction");
        compaction.put("id", translator.options().ids().next("cmp_"));
        compaction.put("encrypted_content", sealer.seal(Sealer.COMPACTION, summary.toString()));
        output.add(compaction);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", translator.options().ids().next("resp_"));
        out.put("object", "response.compaction");
        out.put("created_at", translator.options().clock().instant().getEpochSecond());
        out.put("output", output);
        out.put("usage", codec.readTree(codec.write(answer.usage())));
        return out;
    }

    /** A summary opened into a user message is not a user message of the conversation: it is not kept twice. */
    /**
     * A kept user message as the live API lists it in a compacted output: a full message item, with an id, a status
     * and its content as parts ({@code input_text} for plain text), not the shorthand the client may have sent.
     */
    private MessageItem asOutputItem(MessageItem m) {
        ResponsesContent content = m.content() != null && m.content().isText()
                ? ResponsesContent.of(List.of(new InputTextContent(m.content().text(), Map.of())))
                : m.content() != null ? m.content() : ResponsesContent.of(List.of());
        return new MessageItem(m.id() != null ? m.id() : translator.options().ids().next("msg_"), "user", content,
                m.status() != null ? m.status() : "completed", m.phase(), m.extra());
    }

    private static boolean isSummary(MessageItem m) {
        ResponsesContent c = m.content();
        return c != null && c.isText() && c.text().startsWith(SUMMARY_PREFIX);
    }

    private static MessageItem userText(String text) {
        return new MessageItem(null, "user", ResponsesContent.of(text), null, null, Map.of());
    }

    private static BridgeException unavailable() {
        return BridgeException.of(501, Errors.SERVER_ERROR, null, "compaction_unavailable",
                "Compaction needs a seal key: this bridge was configured without a Sealer (crosswalk serve always has one).");
    }
}
