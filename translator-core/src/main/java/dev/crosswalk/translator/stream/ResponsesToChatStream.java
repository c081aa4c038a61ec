package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.internal.JsonOut;
import dev.crosswalk.translator.internal.ResponsesDelta;
import dev.crosswalk.translator.internal.StreamJsonWriter;
import dev.crosswalk.translator.internal.RawResponsesDelta;
import dev.crosswalk.translator.internal.TokenCodec;
import dev.crosswalk.translator.internal.TokenSession;
import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChoiceLogprobs;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkFunction;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.chat.TokenLogprob;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.mapping.ResponseEchoes;
import dev.crosswalk.translator.mapping.StreamSupport;
import dev.crosswalk.translator.mapping.Terminal;
import dev.crosswalk.translator.responses.CustomToolCallItem;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.LogProb;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.RefusalContent;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.UrlCitationAnnotation;
import dev.crosswalk.translator.responses.events.ContentPartAddedEvent;
import dev.crosswalk.translator.responses.events.ContentPartDoneEvent;
import dev.crosswalk.translator.responses.events.CustomToolCallInputDeltaEvent;
import dev.crosswalk.translator.responses.events.CustomToolCallInputDoneEvent;
import dev.crosswalk.translator.responses.events.ErrorEvent;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDeltaEvent;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDoneEvent;
import dev.crosswalk.translator.responses.events.OutputItemAddedEvent;
import dev.crosswalk.translator.responses.events.OutputItemDoneEvent;
import dev.crosswalk.translator.responses.events.OutputTextAnnotationAddedEvent;
import dev.crosswalk.translator.responses.events.OutputTextDeltaEvent;
import dev.crosswalk.translator.responses.events.OutputTextDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryPartAddedEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryPartDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryTextDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDoneEvent;
import dev.crosswalk.translator.responses.events.RefusalDeltaEvent;
import dev.crosswalk.translator.responses.events.RefusalDoneEvent;
import dev.crosswalk.translator.responses.events.ResponseCompletedEvent;
import dev.crosswalk.translator.responses.events.ResponseCreatedEvent;
import dev.crosswalk.translator.responses.events.ResponseFailedEvent;
import dev.crosswalk.translator.responses.events.ResponseInProgressEvent;
import dev.crosswalk.translator.responses.events.ResponseIncompleteEvent;
import dev.crosswalk.translator.responses.events.ResponseQueuedEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Responses stream events → Chat completion chunks, for serving {@code /v1/chat/completions} over a Responses
 * upstream (docs/architecture.md §6). Push-style and single-threaded: feed each event to {@link #onEvent}, then {@link #onEnd} at
 * end of input, or {@link #onError} when the upstream fails.
 *
 * <pre>{@code
 * ResponsesToChatStream stream = translator.streamToChat(chatRequest, ignored -> {});
 * for (ResponseStreamEvent event : upstream) {
 *     stream.onEvent(event).forEach(sink::send);
 * }
 * stream.onEnd().forEach(sink::send);   // ends with ChatStreamOutput.Done, always
 * }</pre>
 *
 * <p>Tool calls get {@code index} = their ordinal among the response's calls, found by {@code output_index} (some
 * servers rotate item ids). Arguments that reach only the {@code .done} event (or only {@code output_item.done})
 * are sent as the missing suffix. Exactly one chunk carries {@code finish_reason}; the usage chunk follows only if
 * the client asked for it.
 */
public final class ResponsesToChatStream {
    private final TranslatorOptions options;
    private final boolean includeUsage;
    private final Consumer<ResponseStreamEvent> ignored;
    private final ResponsesRequest sent;
    private String id;
    private final List<ChatStreamOutput> out = new ArrayList<>();
    private final Map<Integer, Call> callsByOutputIndex = new HashMap<>();
    private final Map<String, Call> callsByItemId = new HashMap<>();
    private final Map<String, Call> callsByCallId = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private int partStart;
    private Long created;
    private String model;
    private final List<Problem> warnings = new java.util.ArrayList<>();
    private boolean started;
    private boolean finished;
    private final ResponsesDelta deltaEvent = new ResponsesDelta();
    private final RawResponsesDelta rawDelta = new RawResponsesDelta();
    /** {@link #chunkHead}: the last head made, and the id, created and model it names. */
    private byte[] head;
    private String headId;
    private Long headCreated;
    private String headModel;
    /** The token path's parser and generator, made on its first use; {@code null} with a codec that has none. */
    private TokenSession tokens;

    /**
     * Prefer {@link dev.crosswalk.translator.Translator#streamToChat}, which passes the translator's options; this
     * constructor stays public only because the {@code Translator} lives in another package. The request sent
     * upstream is not known: the response's {@code instructions} and {@code metadata} are reported whenever set.
     *
     * @param options ids, clock, reasoning option
     * @param includeUsage whether the client asked for the usage chunk ({@code stream_options.include_usage})
     * @param ignored told of each event with no Chat equivalent (hosted-tool progress, keep-alives, unknown types)
     */
    public ResponsesToChatStream(TranslatorOptions options, boolean includeUsage, Consumer<ResponseStreamEvent> ignored) {
        this(options, includeUsage, null, ignored);
    }

    /**
     * Prefer {@link dev.crosswalk.translator.Translator#streamToChat(boolean, ResponsesRequest, Consumer)}.
     *
     * @param sent the Responses request sent upstream: the response's {@code instructions} and {@code metadata} that
     *        echo it are no loss; others are reported (docs/architecture.md §5). {@code null} if unknown
     */
    public ResponsesToChatStream(TranslatorOptions options, boolean includeUsage, ResponsesRequest sent,
            Consumer<ResponseStreamEvent> ignored) {
        this.options = options;
        this.includeUsage = includeUsage;
        this.sent = ResponseEchoes.echoFields(sent);
        this.ignored = ignored;
    }

    /**
     * What was dropped so far, by path: unknown members of the upstream's usage that would be duplicate keys, and the
     * response's {@code instructions}/{@code metadata} when they are not the echo of the request sent (seen on
     * {@code response.created} and on the terminal event; each path reported once).
     */
    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    /** Whether a chunk has been produced: before that, a failure can still be answered with an HTTP error. */
    public boolean started() {
        return started;
    }

    /** Whether the stream has ended ({@link ChatStreamOutput.Done} produced). */
    public boolean finished() {
        return finished;
    }

    public List<ChatStreamOutput> onEvent(ResponseStreamEvent event) {
        out.clear();
        if (finished) {
            return List.of();
        }
        if (event == null) {
            fail(new OpenAiError("the upstream sent null instead of an event", "server_error", null, "upstream_protocol_error"));
            return List.copyOf(out);
        }
        if (event instanceof ResponseCreatedEvent e) {
            begin(e.response());
        } else if (event instanceof ResponseInProgressEvent || event instanceof ResponseQueuedEvent) {
            return List.of();
        } else if (event instanceof ContentPartAddedEvent e && e.part() instanceof OutputTextContent) {
            // Chat content is every part's text in one string: a part's annotation offsets start where it starts.
            partStart = text.codePointCount(0, text.length());
            return List.of();
        } else if (event instanceof ContentPartAddedEvent || event instanceof ContentPartDoneEvent
                || event instanceof OutputTextDoneEvent || event instanceof RefusalDoneEvent
                || event instanceof ReasoningTextDoneEvent || event instanceof ReasoningSummaryTextDoneEvent
                || event instanceof ReasoningSummaryPartAddedEvent || event instanceof ReasoningSummaryPartDoneEvent) {
            return List.of(); // structure only: what they carry came with the deltas; not "ignored"
        } else if (event instanceof OutputTextDeltaEvent e) {
            text(e.delta(), e.logprobs());
        } else if (event instanceof RefusalDeltaEvent e) {
            refusal(e.delta());
        } else if (event instanceof OutputTextAnnotationAddedEvent e && e.annotation() instanceof UrlCitationAnnotation a) {
            send(new ChunkDelta(null, null, null, null, null, null, Map.of("annotations", List.of(StreamSupport.annotation(a, partStart)))));
        } else if (event instanceof ReasoningTextDeltaEvent e && options.reasoningContent()) {
            send(new ChunkDelta(null, null, null, null, e.delta(), null, Map.of()));
        } else if (event instanceof ReasoningSummaryTextDeltaEvent e && options.reasoningContent()) {
            send(new ChunkDelta(null, null, null, null, e.delta(), null, Map.of()));
        } else if (event instanceof OutputItemAddedEvent e) {
            itemAdded(e.outputIndex(), e.item());
        } else if (event instanceof FunctionCallArgumentsDeltaEvent e) {
            arguments(call(e.outputIndex(), e.itemId()), e.delta());
        } else if (event instanceof CustomToolCallInputDeltaEvent e) {
            arguments(call(e.outputIndex(), e.itemId()), e.delta());
        } else if (event instanceof FunctionCallArgumentsDoneEvent e) {
            catchUp(call(e.outputIndex(), e.itemId()), e.arguments());
        } else if (event instanceof CustomToolCallInputDoneEvent e) {
            catchUp(call(e.outputIndex(), e.itemId()), e.input());
        } else if (event instanceof OutputItemDoneEvent e) {
            itemDone(e.outputIndex(), e.item());
        } else if (event instanceof ResponseCompletedEvent e) {
            finish(e.response());
        } else if (event instanceof ResponseIncompleteEvent e) {
            finish(e.response());
        } else if (event instanceof ErrorEvent e) {
            OpenAiError error = UpstreamError.fromEvent(e);
            fail(error.type() != null ? error
                    : new OpenAiError(error.message(), "server_error", error.param(), error.code(), error.extra()));
        } else if (event instanceof ResponseFailedEvent e) {
            Response r = e.response();
            String message = r != null && r.error() != null ? r.error().message() : "the response failed";
            String code = r != null && r.error() != null ? r.error().code() : null;
            fail(new OpenAiError(message, "server_error", null, code));
        } else {
            ignored.accept(event);
        }
        return List.copyOf(out);
    }

    /**
     * The token-streaming path for most of every stream: a {@code response.output_text.delta}, {@code
     * response.function_call_arguments.delta} or {@code response.custom_tool_call_input.delta} event given as its
     * JSON bytes, once the stream has started, is translated straight into its Chat chunk's JSON, written as UTF-8
     * into {@code out} — parser to generator, no event or chunk record, the same bytes as the chunk {@link #onEvent}
     * gives for it, written by the codec (with {@code model} in place of its model, when given). An event written as
     * live servers write it ({@code internal.RawResponsesDelta}) takes neither parser nor generator: the chunk's head
     * is written once per stream and the delta's JSON string copied as it came; others are read with {@code
     * internal.ByteTokens} (the codec's parser for what that does not cover) and written by the stream's generator.
     *
     * <pre>{@code
     * if (!stream.onDeltaEvent(data, 0, data.length, null, buffer)) {   // the usual case: one chunk written
     *     outputs = stream.onEvent(codec.read(data, ResponseStreamEvent.class));   // anything else
     * }
     * }</pre>
     *
     * @param model the model the chunk names, as a caller that renames {@link #onEvent}'s chunks' model does (a
     *        route's alias); {@code null}: the upstream's, as {@code onEvent}'s chunks carry it
     * @return {@code true} if exactly that one chunk was written; {@code false} when the event is anything else (or
     *         has logprobs, or is a call's delta that adds nothing or belongs to no call, or the codec is not one of
     *         the shipped two): then nothing was written and nothing changed, and the event goes to {@link #onEvent}
     */
    public boolean onDeltaEvent(byte[] json, int offset, int length, String model, java.io.OutputStream out) {
        if (finished || !started || !ResponsesDelta.mayBe(json, offset, length) || tokens() == null) {
            return false;
        }
        if (rawDelta.read(json, offset, length)) {
            return onRawDelta(model, out);
        }
        if (!tokens.read(json, offset, length, deltaEvent)) {
            return false;
        }
        String delta = deltaEvent.delta();
        Call call = null;
        if (deltaEvent.kind() != ResponsesDelta.TEXT) {
            call = call(deltaEvent.outputIndex(), deltaEvent.itemId());
            if (call == null || delta.isEmpty()) {
                return false; // onEvent sends nothing for it
            }
        }
        if (created == null) {
            created = options.clock().instant().getEpochSecond();
        }
        String named = model != null ? model : this.model;
        JsonOut o = tokens.start(out);
        if (call == null) {
            StreamJsonWriter.textChunk(o, id, created, named, delta);
            text.append(delta);
        } else {
            StreamJsonWriter.argumentsChunk(o, id, created, named, call.index, "custom".equals(call.type), delta);
            call.sent.append(delta);
        }
        tokens.end();
        return true;
    }

    /**
     * {@link #onDeltaEvent} for an event as live servers write it ({@link RawResponsesDelta}): the chunk's constant
     * head made once per stream, the delta's JSON string copied as it came — no parser, no generator.
     */
    private boolean onRawDelta(String model, java.io.OutputStream out) {
        Call call = null;
        if (rawDelta.kind() != ResponsesDelta.TEXT) {
            // as call(): by output index first, then by item id (made only then)
            Integer outputIndex = rawDelta.outputIndex();
            call = outputIndex != null ? callsByOutputIndex.get(outputIndex) : null;
            if (call == null) {
                String itemId = rawDelta.itemId();
                call = itemId != null ? callsByItemId.get(itemId) : null;
            }
            if (call == null || rawDelta.deltaIsEmpty()) {
                return false; // onEvent sends nothing for it
            }
        }
        if (created == null) {
            created = options.clock().instant().getEpochSecond();
        }
        byte[] head = chunkHead(model != null ? model : this.model);
        if (call == null) {
            StreamJsonWriter.textChunk(out, head, rawDelta.json(), rawDelta.deltaFrom(), rawDelta.deltaTo());
            rawDelta.appendDelta(text);
        } else {
            StreamJsonWriter.argumentsChunk(out, head, call.index, "custom".equals(call.type), rawDelta.json(),
                    rawDelta.deltaFrom(), rawDelta.deltaTo());
            rawDelta.appendDelta(call.sent);
        }
        return true;
    }

    /** The head of every token-path chunk naming {@code model}: written by the codec once, then reused. */
    private byte[] chunkHead(String model) {
        if (head == null || !Objects.equals(headModel, model) || !id.equals(headId) || !created.equals(headCreated)) {
            java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream(160);
            StreamJsonWriter.textChunk(tokens.start(written), id, created, model, "");
            tokens.end();
            head = StreamJsonWriter.chunkHead(written.toByteArray());
            headId = id;
            headCreated = created;
            headModel = model;
        }
        return head;
    }

    private TokenSession tokens() {
        if (tokens == null && options.codec() instanceof TokenCodec codec) {
            tokens = codec.session();
        }
        return tokens;
    }

    /** The end of the upstream stream. Without a terminal event first, the stream failed: never a silent stop. */
    public List<ChatStreamOutput> onEnd() {
        out.clear();
        if (!finished) {
            fail(new OpenAiError("the upstream stream ended before response.completed", "server_error", null, "stream_incomplete"));
        }
        return List.copyOf(out);
    }

    /** The upstream failed: after the first chunk, an error payload then {@code [DONE]}. */
    public List<ChatStreamOutput> onError(OpenAiError error) {
        out.clear();
        if (!finished) {
            fail(error);
        }
        return List.copyOf(out);
    }

    private void begin(Response response) {
        if (response != null) {
            created = response.createdAt();
            model = response.model();
            reportUnechoed(response);
        }
        if (id == null) {
            // The same id as the non-streaming answer would have: the response's, under Chat's prefix.
            id = ResponseEchoes.completionId(response == null ? null : response.id(), options.ids());
        }
        send(new ChunkDelta("assistant", "", null, null, null, null, Map.of()));
    }

    private void text(String delta, List<LogProb> logprobs) {
        if (delta == null) {
            return;
        }
        text.append(delta);
        ChoiceLogprobs chatLogprobs = null;
        if (logprobs != null && !logprobs.isEmpty()) {
            List<TokenLogprob> content = new ArrayList<>(logprobs.size());
            logprobs.forEach(l -> content.add(StreamSupport.logprob(l)));
            chatLogprobs = new ChoiceLogprobs(content, null, Map.of());
        }
        send(new ChunkDelta(null, delta, null, null, null, null, Map.of()), null, chatLogprobs);
    }

    private void itemAdded(Integer outputIndex, ResponseItem item) {
        if (item instanceof FunctionCallItem f) {
            open(outputIndex, f.id(), f.callId(), f.name(), "function", f.arguments());
        } else if (item instanceof CustomToolCallItem c) {
            open(outputIndex, c.id(), c.callId(), c.name(), "custom", c.input());
        }
    }

    private Call open(Integer outputIndex, String itemId, String callId, String name, String type, String initial) {
        Call call = new Call(callsByCallId.size(), callId, type);
        if (outputIndex != null) {
            callsByOutputIndex.put(outputIndex, call);
        }
        if (itemId != null) {
            callsByItemId.put(itemId, call);
        }
        callsByCallId.put(callId == null ? "#" + call.index : callId, call);
        Map<String, Object> extra = Map.of();
        if ("custom".equals(type)) {
            Map<String, Object> custom = new LinkedHashMap<>(); // written in this order: name, then input
            custom.put("name", name == null ? "" : name);
            custom.put("input", "");
            extra = Map.of("custom", custom);
        }
        ChunkFunction function = "custom".equals(type) ? null : new ChunkFunction(name, "", Map.of());
        send(new ChunkDelta(null, null, null, List.of(new ChunkToolCall(call.index, callId, type, function, extra)), null, null, Map.of()));
        if (initial != null && !initial.isEmpty()) {
            arguments(call, initial);
        }
        return call;
    }

    private Call call(Integer outputIndex, String itemId) {
        Call call = outputIndex != null ? callsByOutputIndex.get(outputIndex) : null;
        return call != null ? call : itemId != null ? callsByItemId.get(itemId) : null;
    }

    private void arguments(Call call, String delta) {
        if (call == null || delta == null || delta.isEmpty()) {
            return;
        }
        call.sent.append(delta);
        ChunkToolCall fragment = "custom".equals(call.type)
                ? new ChunkToolCall(call.index, null, null, null, Map.of("custom", Map.of("input", delta)))
                : new ChunkToolCall(call.index, null, null, new ChunkFunction(null, delta, Map.of()), Map.of());
        send(new ChunkDelta(null, null, null, List.of(fragment), null, null, Map.of()));
    }

    /** Sends what the deltas missed when the full arguments arrive; a mismatch cannot be repaired and is left. */
    private void catchUp(Call call, String full) {
        if (call != null && full != null && full.length() > call.sent.length() && full.startsWith(call.sent.toString())) {
            arguments(call, full.substring(call.sent.length()));
        }
    }

    private void itemDone(Integer outputIndex, ResponseItem item) {
        if (item instanceof FunctionCallItem f) {
            Call call = call(outputIndex, f.id());
            catchUp(call != null ? call : open(outputIndex, f.id(), f.callId(), f.name(), "function", null), f.arguments());
        } else if (item instanceof CustomToolCallItem c) {
            Call call = call(outputIndex, c.id());
            catchUp(call != null ? call : open(outputIndex, c.id(), c.callId(), c.name(), "custom", null), c.input());
        }
    }

    /** Recovers what only the final response carries (servers that stream little or nothing), then ends. */
    private void finish(Response response) {
        if (response != null) {
            reportUnechoed(response);
            if (created == null) {
                created = response.createdAt();
                model = response.model();
            }
            recover(response.output() == null ? List.of() : response.output());
        }
        String status = response == null ? "completed" : response.status();
        String reason = response == null || response.incompleteDetails() == null ? null : response.incompleteDetails().reason();
        String finishReason = Terminal.ofStatus(status, reason, !callsByCallId.isEmpty()).finishReason();
        send(new ChunkDelta(null, null, null, null, null, null, Map.of()), finishReason, null);
        if (includeUsage) {
            out.add(new ChatStreamOutput.Chunk(chunk(List.of()).usage(StreamSupport.usage(response == null ? null : response.usage(), warnings)).build()));
        }
        end();
    }

    /** The same rule as the non-streaming answer's; a server may change them between created and the end. */
    private void reportUnechoed(Response response) {
        ResponseEchoes.reportUnechoed(response, sent, (path, reason) -> {
            if (warnings.stream().noneMatch(w -> w.path().equals(path))) {
                warnings.add(new Problem(path, reason));
            }
        });
    }

    private void refusal(String delta) {
        if (delta != null && !delta.isEmpty()) {
            refusal.append(delta);
            send(new ChunkDelta(null, null, delta, null, null, null, Map.of()));
        }
    }

    private void recover(List<ResponseItem> output) {
        StringBuilder finalRefusal = new StringBuilder();
        StringBuilder finalText = new StringBuilder();
        List<LogProb> finalLogprobs = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            ResponseItem item = output.get(i);
            if (item instanceof MessageItem m && m.content() != null) {
                if (m.content().isText()) {
                    finalText.append(m.content().text());
                } else {
                    for (ResponseContent c : m.content().parts()) {
                        if (c instanceof RefusalContent r && r.refusal() != null) {
                            finalRefusal.append(r.refusal());
                        }
                        if (c instanceof OutputTextContent t && t.text() != null) {
                            finalText.append(t.text());
                            if (t.logprobs() != null) {
                                finalLogprobs.addAll(t.logprobs());
                            }
                        }
                    }
                }
            } else if (item instanceof FunctionCallItem f && (f.callId() == null || !callsByCallId.containsKey(f.callId()))) {
                itemDone(i, f);
            } else if (item instanceof CustomToolCallItem c && (c.callId() == null || !callsByCallId.containsKey(c.callId()))) {
                itemDone(i, c);
            } else if (item instanceof FunctionCallItem f) {
                catchUp(callsByCallId.get(f.callId()), f.arguments()); // streamed, but maybe not all its arguments
            } else if (item instanceof CustomToolCallItem c) {
                catchUp(callsByCallId.get(c.callId()), c.input());
            }
        }
        String full = finalText.toString();
        if (full.length() > text.length() && full.startsWith(text.toString())) {
            text(full.substring(text.length()), text.length() == 0 ? finalLogprobs : null); // none streamed: all of them
        }
        String fullRefusal = finalRefusal.toString();
        if (fullRefusal.length() > refusal.length() && fullRefusal.startsWith(refusal.toString())) {
            refusal(fullRefusal.substring(refusal.length()));
        }
    }

    private void fail(OpenAiError error) {
        out.add(new ChatStreamOutput.Error(error));
        end();
    }

    private void end() {
        finished = true;
        if (tokens != null) {
            tokens.close(); // the token path's buffers go back to the codec's pool
        }
        out.add(new ChatStreamOutput.Done());
    }

    private void send(ChunkDelta delta) {
        send(delta, null, null);
    }

    private void send(ChunkDelta delta, String finishReason, ChoiceLogprobs logprobs) {
        if (!started) {
            started = true;
            out.add(new ChatStreamOutput.Chunk(chunk(List.of(new ChunkChoice(0,
                    new ChunkDelta("assistant", "", null, null, null, null, Map.of()), null, null, Map.of()))).build()));
            if ("assistant".equals(delta.role())) {
                return;
            }
        } else if ("assistant".equals(delta.role())) {
            return;
        }
        out.add(new ChatStreamOutput.Chunk(chunk(List.of(new ChunkChoice(0, delta, finishReason, logprobs, Map.of()))).build()));
    }

    private ChatCompletionChunk.Builder chunk(List<ChunkChoice> choices) {
        if (created == null) {
            created = options.clock().instant().getEpochSecond();
        }
        if (id == null) {
            id = ResponseEchoes.completionId(null, options.ids());
        }
        return ChatCompletionChunk.builder().id(id).object("chat.completion.chunk").created(created).model(model).choices(choices);
    }

    /** A tool call's Chat index and what of its arguments has been sent. */
    private static final class Call {
        final int index;
        final String callId;
        final String type;
        final StringBuilder sent = new StringBuilder();

        Call(int index, String callId, String type) {
            this.index = index;
            this.callId = callId;
            this.type = type;
        }
    }
}
