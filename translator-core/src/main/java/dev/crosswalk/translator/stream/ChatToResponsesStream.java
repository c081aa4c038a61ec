package dev.crosswalk.translator.stream;

import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.internal.ChatDelta;
import dev.crosswalk.translator.internal.RawDeltaEvents;
import dev.crosswalk.translator.internal.StreamJsonWriter;
import dev.crosswalk.translator.internal.TokenCodec;
import dev.crosswalk.translator.internal.TokenSession;
import dev.crosswalk.translator.CustomTools;
import dev.crosswalk.translator.mapping.CustomToolsAsFunctions;
import dev.crosswalk.translator.mapping.NamespaceTools;
import dev.crosswalk.translator.mapping.ReasoningContentItems;
import dev.crosswalk.translator.responses.CustomToolCallItem;
import dev.crosswalk.translator.responses.SummaryTextContent;
import dev.crosswalk.translator.responses.events.CustomToolCallInputDeltaEvent;
import dev.crosswalk.translator.responses.events.CustomToolCallInputDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryPartAddedEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryPartDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningSummaryTextDoneEvent;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChunkChoice;
import dev.crosswalk.translator.chat.ChunkDelta;
import dev.crosswalk.translator.chat.ChunkToolCall;
import dev.crosswalk.translator.chat.MessageAnnotation;
import dev.crosswalk.translator.chat.TokenLogprob;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.mapping.StreamSupport;
import dev.crosswalk.translator.mapping.Terminal;
import dev.crosswalk.translator.responses.Annotation;
import dev.crosswalk.translator.responses.FunctionCallItem;
import dev.crosswalk.translator.responses.IncompleteDetails;
import dev.crosswalk.translator.responses.LogProb;
import dev.crosswalk.translator.responses.MessageItem;
import dev.crosswalk.translator.responses.OutputTextContent;
import dev.crosswalk.translator.responses.ReasoningItem;
import dev.crosswalk.translator.responses.ReasoningTextContent;
import dev.crosswalk.translator.responses.RefusalContent;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseContent;
import dev.crosswalk.translator.responses.ResponseError;
import dev.crosswalk.translator.responses.ResponseItem;
import dev.crosswalk.translator.responses.ResponsesContent;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ContentPartAddedEvent;
import dev.crosswalk.translator.responses.events.ContentPartDoneEvent;
import dev.crosswalk.translator.responses.events.ErrorEvent;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDeltaEvent;
import dev.crosswalk.translator.responses.events.FunctionCallArgumentsDoneEvent;
import dev.crosswalk.translator.responses.events.OutputItemAddedEvent;
import dev.crosswalk.translator.responses.events.OutputItemDoneEvent;
import dev.crosswalk.translator.responses.events.OutputTextAnnotationAddedEvent;
import dev.crosswalk.translator.responses.events.OutputTextDeltaEvent;
import dev.crosswalk.translator.responses.events.OutputTextDoneEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDeltaEvent;
import dev.crosswalk.translator.responses.events.ReasoningTextDoneEvent;
import dev.crosswalk.translator.responses.events.RefusalDeltaEvent;
import dev.crosswalk.translator.responses.events.RefusalDoneEvent;
import dev.crosswalk.translator.responses.events.ResponseCompletedEvent;
import dev.crosswalk.translator.responses.events.ResponseCreatedEvent;
import dev.crosswalk.translator.responses.events.ResponseFailedEvent;
import dev.crosswalk.translator.responses.events.ResponseInProgressEvent;
import dev.crosswalk.translator.responses.events.ResponseIncompleteEvent;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chat completion chunks → Responses stream events, for serving {@code /v1/responses} over a Chat upstream
 * (docs/architecture.md §6). Push-style and single-threaded: feed each chunk to {@link #onChunk}, then call {@link #onEnd} at
 * end of input or {@link #onError} when the upstream fails; each call returns the events to send, in order.
 *
 * <pre>{@code
 * ChatToResponsesStream stream = translator.streamToResponses(responsesRequest);
 * for (ChatCompletionChunk chunk : upstream) {
 *     stream.onChunk(chunk).forEach(sink::send);
 * }
 * stream.onEnd().forEach(sink::send);   // response.completed, or error + response.failed
 * }</pre>
 *
 * <p>Items open lazily and one at a time: the first text delta opens a message, a tool call's first fragment opens a
 * function_call item, and opening one closes the other. A call takes over from the open one once that one's
 * arguments are complete JSON; calls whose fragments interleave with an unfinished one are buffered and sent
 * afterwards, each as one contiguous item. A stream that ends without {@code finish_reason}
 * fails, never completes.
 *
 * <p>This class owns the lifecycle (created, items opening and closing one at a time, the terminal event). The rest
 * is split by concern: {@link ToolCallBuffer} (which call goes live when), {@link ToolCallDraft} (one call from its
 * fragments: function, or custom in either shape, its {@code {"input": ...}} unwrapped as it arrives), {@link
 * JsonNesting} (is a call's JSON complete yet) and {@link ResponseSnapshots} (the response object every snapshot
 * repeats). Reasoning deltas become a reasoning item, offered as a summary too when the request asked for one and
 * sealed into {@code encrypted_content} when it included that ({@code ReasoningContentItems}).
 */
public final class ChatToResponsesStream {
    /** The codes of the spec's {@code ResponseErrorCode} that an upstream's stream failure can have. */
    private static final Set<String> RESPONSE_ERROR_CODES = Set.of("server_error", "rate_limit_exceeded", "invalid_prompt");
    private final TranslatorOptions options;
    private final ResponsesRequest request;
    private final ResponseSnapshots snapshots;
    private final List<ResponseStreamEvent> out = new ArrayList<>();
    private final List<ResponseItem> output = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final ToolCallBuffer calls;
    private final ChatDelta deltaChunk = new ChatDelta();
    /** The token path's two events written with no generator, when their delta can be copied. */
    private final RawDeltaEvents rawEvents = new RawDeltaEvents();
    /** The token path's parser and generator, made on its first use; {@code null} with a codec that has none. */
    private TokenSession tokens;
    /** Function name → namespace, for the request's namespace tools flattened for the Chat upstream. */
    private final Map<String, String> namespaces;
    private int sequence;
    private Open open;
    private String finishReason;
    private boolean finished;
    private String terminalStatus;
    private boolean unknownFinishWarned;
    private Response terminal;
    /** The request asked for reasoning summaries: the thinking is offered as one (docs/chat-only-providers.md). */
    private final boolean summary;

    /**
     * Prefer {@link dev.crosswalk.translator.Translator#streamToResponses}, which passes the translator's options;
     * this constructor stays public only because the {@code Translator} lives in another package.
     *
     * @param options ids, clock, reasoning option
     * @param request the Responses request being answered (its echo fields fill every response snapshot); may be null
     */
    public ChatToResponsesStream(TranslatorOptions options, ResponsesRequest request) {
        this.options = options;
        this.request = request;
        this.snapshots = new ResponseSnapshots(options, request);
        this.summary = ReasoningContentItems.summaryAsked(request);
        this.namespaces = NamespaceTools.namespaces(request == null ? null : request.tools());
        // calls to the request's custom tools sent as functions come back as custom_tool_call items
        this.calls = new ToolCallBuffer(options.ids(), options.customTools() == CustomTools.AS_FUNCTIONS && request != null
                ? CustomToolsAsFunctions.names(request.tools()) : Set.of(), options.codec());
    }

    /** Whether any event has been produced: before that, a failure can still be answered with an HTTP error. */
    public boolean started() {
        return sequence > 0;
    }

    /** Whether a terminal event ({@code response.completed}, {@code .incomplete} or {@code .failed}) was produced. */
    public boolean finished() {
        return finished;
    }

    /** Whether the stream ended in {@code response.failed}. */
    public boolean failed() {
        return "failed".equals(terminalStatus);
    }

    /** What the translation dropped so far (reasoning deltas when not opted in, unknown fields). */
    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    /** Translates one chunk. Chunks after the end are ignored. */
    public List<ResponseStreamEvent> onChunk(ChatCompletionChunk chunk) {
        out.clear();
        if (finished) {
            return List.of();
        }
        if (chunk == null) {
            fail(new OpenAiError("the upstream sent null instead of a chunk", "server_error", null, "upstream_protocol_error"));
            return List.copyOf(out);
        }
        if (chunk.extra().get("error") instanceof Map<?, ?> error) {
            // data: {"error": {...}}: how a Chat server fails after its first chunk; its message must reach the client
            fail(options.codec().convert(error, OpenAiError.class));
            return List.copyOf(out);
        }
        start(chunk);
        List<ChunkChoice> choices = chunk.choices() == null ? List.of() : chunk.choices();
        for (ChunkChoice choice : choices) {
            if (choice == null) {
                continue;
            }
            if (choice.index() != null && choice.index() != 0) {
                fail(new OpenAiError("the upstream sent several choices (n > 1); Responses has one answer", "invalid_request_error", "n", "untranslatable"));
                return List.copyOf(out);
            }
            if (finishReason != null && choice.delta() != null && hasContent(choice.delta())) {
                fail(new OpenAiError("the upstream sent content after finish_reason", "server_error", null, "upstream_protocol_error"));
                return List.copyOf(out);
            }
            delta(choice);
            if (finished) {
                return List.copyOf(out);
            }
            if (choice.finishReason() != null && finishReason == null) {
                finishReason = choice.finishReason();
                closeAll();
            }
        }
        return List.copyOf(out);
    }

    /**
     * The token-streaming path for most of every stream: a chunk given as its JSON bytes that carries only more text
     * of the message part already open, or only more arguments of the function call already open, is translated
     * straight into its one {@code response.output_text.delta} or {@code response.function_call_arguments.delta}
     * event — parser to generator, no chunk or event record, the same bytes as {@code codec.writeTo(onChunk(
     * codec.read(json, ChatCompletionChunk.class)).get(0), out)}. The stream's generator is reused from chunk to
     * chunk.
     *
     * <pre>{@code
     * if (!stream.onDeltaChunk(data, 0, data.length, type -> frames.eventStart(type))) {   // the usual case
     *     events = stream.onChunk(codec.read(data, ChatCompletionChunk.class));             // anything else
     * }
     * }</pre>
     *
     * @param frame called once, with the event's {@code type}, right before its JSON is written: returns the stream to
     *        write it into (an SSE sink writes the {@code event:} line first)
     * @return {@code true} if exactly that one event was written; {@code false} when the chunk is anything else (the
     *         first text, a call's first fragment, a custom tool call, a finish reason, an error, malformed...) or the
     *         codec is not one of the shipped two: then {@code frame} was not called, nothing changed, and the chunk
     *         goes to {@link #onChunk}
     */
    public boolean onDeltaChunk(byte[] json, int offset, int length, Function<String, java.io.OutputStream> frame) {
        if (finished || sequence == 0 || finishReason != null || !(open instanceof OpenCall || open instanceof OpenMessage)
                || tokens() == null || !tokens.read(json, offset, length, deltaChunk)) {
            return false;
        }
        String text = deltaChunk.text();
        // The delta's JSON string copied as it came when both codecs would write it so, with the item's id.
        boolean raw = deltaChunk.rawFrom() >= 0;
        if (text != null) {
            if (!(open instanceof OpenMessage m) || m.text == null) {
                return false;
            }
            byte[] id = raw ? rawEvents.itemId(m.id) : null;
            java.io.OutputStream target = frame.apply(StreamJsonWriter.TEXT_DELTA);
            if (id != null) {
                rawEvents.textDelta(target, sequence, id, m.index, m.partIndex, json, deltaChunk.rawFrom(), deltaChunk.rawTo());
            } else {
                StreamJsonWriter.textDelta(tokens.start(target), sequence, m.id, m.index, m.partIndex, text);
                tokens.end();
            }
            // What onChunk does for this chunk: the snapshot's service tier, the text, one event.
            m.text.append(text);
        } else {
            ToolCallDraft call = calls.find(deltaChunk.callIndex());
            if (!(open instanceof OpenCall oc) || oc.call != call || call.closed || call.custom() || !call.streamedAll()) {
                return false;
            }
            // What onChunk does for this chunk: the fragment absorbed by its call, which is live, and streamed —
            // all of it, as the call had nothing pending (the fragment's empty id or type changes nothing).
            String pending = deltaChunk.arguments();
            call.appendStreamed(pending);
            byte[] id = raw ? rawEvents.itemId(call.itemId()) : null;
            java.io.OutputStream target = frame.apply(StreamJsonWriter.ARGUMENTS_DELTA);
            if (id != null) {
                rawEvents.argumentsDelta(target, sequence, id, call.outputIndex, json, deltaChunk.rawFrom(), deltaChunk.rawTo());
            } else {
                StreamJsonWriter.argumentsDelta(tokens.start(target), sequence, call.itemId(), call.outputIndex, pending);
                tokens.end();
            }
        }
        snapshots.serviceTier(deltaChunk.serviceTier());
        sequence++;
        return true;
    }

    private TokenSession tokens() {
        if (tokens == null && options.codec() instanceof TokenCodec codec) {
            tokens = codec.session();
        }
        return tokens;
    }

    /** The end of the upstream stream ({@code [DONE]} or EOF). */
    public List<ResponseStreamEvent> onEnd() {
        out.clear();
        if (finished) {
            return List.of();
        }
        if (finishReason == null) {
            fail(new OpenAiError("the upstream stream ended before finish_reason", "server_error", null, "stream_incomplete"));
        } else {
            complete();
        }
        return List.copyOf(out);
    }

    /** The upstream failed mid-stream: an {@code error} event, then {@code response.failed}. */
    public List<ResponseStreamEvent> onError(OpenAiError error) {
        out.clear();
        if (!finished) {
            fail(error);
        }
        return List.copyOf(out);
    }

    /** The response as it stands (complete after a terminal event). */
    public Response response() {
        return terminal != null ? terminal : snapshot("in_progress").build();
    }

    private void start(ChatCompletionChunk chunk) {
        snapshots.observe(chunk);
        if (sequence == 0) {
            Response initial = snapshot("in_progress").usage(null).build();
            emit(new ResponseCreatedEvent(sequence, initial, Map.of()));
            emit(new ResponseInProgressEvent(sequence, initial, Map.of()));
        }
    }

    private static boolean hasContent(ChunkDelta d) {
        return (d.content() != null && !d.content().isEmpty()) || d.refusal() != null
                || (d.toolCalls() != null && !d.toolCalls().isEmpty()) || d.reasoningContent() != null;
    }

    private void delta(ChunkChoice choice) {
        ChunkDelta delta = choice.delta();
        if (delta == null) {
            return;
        }
        // Reasoning first: a chunk may carry reasoning and text together, and the text must not be lost.
        String reasoning = delta.reasoningContent() != null ? delta.reasoningContent()
                : delta.extra().get("reasoning") instanceof String s ? s : null;
        if (reasoning != null && !reasoning.isEmpty()) {
            reasoning(reasoning);
        }
        if (delta.content() != null && !delta.content().isEmpty()) {
            text(delta.content(), logprobs(choice));
        }
        if (delta.refusal() != null && !delta.refusal().isEmpty()) {
            refusal(delta.refusal());
            if (choice.logprobs() != null && choice.logprobs().refusal() != null && !choice.logprobs().refusal().isEmpty()) {
                warnOnce(new Problem("$.choices[0].logprobs.refusal", "Responses has no logprobs for refusals"));
            }
        }
        if (delta.extra().get("annotations") instanceof List<?> annotations) {
            annotations(annotations);
        }
        if (delta.toolCalls() != null) {
            for (ChunkToolCall call : delta.toolCalls()) {
                if (call != null && !finished) {
                    toolCall(call);
                }
            }
        }
    }

    private void warnOnce(Problem p) {
        if (!warnings.contains(p)) {
            warnings.add(p);
        }
    }

    private List<LogProb> logprobs(ChunkChoice choice) {
        if (choice.logprobs() == null || choice.logprobs().content() == null) {
            return List.of(); // nearly every delta: nothing to allocate
        }
        List<LogProb> list = new ArrayList<>();
        for (TokenLogprob l : choice.logprobs().content()) {
            if (l != null) {
                list.add(StreamSupport.logprob(l));
            } else {
                // A null entry carries no token; it must not break the stream (issue 10).
                warnOnce(new Problem("$.choices[0].logprobs.content", "a null logprobs entry has nothing to carry"));
            }
        }
        return list;
    }

    private void reasoning(String text) {
        if (!options.reasoningContent()) {
            if (warnings.isEmpty() || !warnings.get(warnings.size() - 1).path().endsWith("reasoning_content")) {
                warnings.add(new Problem("$.choices[0].delta.reasoning_content",
                        "reasoning_content is a vendor extension; enable reasoningContent to translate it"));
            }
            return;
        }
        if (!(open instanceof OpenReasoning)) {
            closeOpen();
            OpenReasoning r = new OpenReasoning(options.ids().next("rs_"), output.size());
            open = r;
            emit(new OutputItemAddedEvent(sequence, r.index, new ReasoningItem(r.id, List.of(), List.of(), null, null, Map.of()), Map.of()));
            if (summary) {
                emit(new ReasoningSummaryPartAddedEvent(sequence, r.id, r.index, 0, new SummaryTextContent("", Map.of()), Map.of()));
            }
            emit(new ContentPartAddedEvent(sequence, r.id, r.index, 0, new ReasoningTextContent("", Map.of()), Map.of()));
        }
        OpenReasoning r = (OpenReasoning) open;
        r.text.append(text);
        if (summary) {
            emit(new ReasoningSummaryTextDeltaEvent(sequence, r.id, r.index, 0, text, Map.of()));
        }
        emit(new ReasoningTextDeltaEvent(sequence, r.id, r.index, 0, text, Map.of()));
    }

    private OpenMessage message() {
        if (!(open instanceof OpenMessage)) {
            closeOpen();
            OpenMessage m = new OpenMessage(options.ids().next("msg_"), output.size());
            open = m;
            emit(new OutputItemAddedEvent(sequence, m.index,
                    new MessageItem(m.id, "assistant", ResponsesContent.of(List.of()), "in_progress", null, Map.of()), Map.of()));
        }
        return (OpenMessage) open;
    }

    private void text(String delta, List<LogProb> logprobs) {
        OpenMessage m = message();
        if (m.text == null) {
            m.closePart(this);
            m.text = new StringBuilder();
            m.partIndex = m.parts.size();
            emit(new ContentPartAddedEvent(sequence, m.id, m.index, m.partIndex, new OutputTextContent("", List.of(), List.of(), Map.of()), Map.of()));
        }
        m.text.append(delta);
        m.logprobs.addAll(logprobs);
        emit(new OutputTextDeltaEvent(sequence, m.id, m.index, m.partIndex, delta, logprobs, Map.of()));
    }

    private void refusal(String delta) {
        OpenMessage m = message();
        if (m.refusal == null) {
            m.closePart(this);
            m.refusal = new StringBuilder();
            m.partIndex = m.parts.size();
            emit(new ContentPartAddedEvent(sequence, m.id, m.index, m.partIndex, new RefusalContent("", Map.of()), Map.of()));
        }
        m.refusal.append(delta);
        emit(new RefusalDeltaEvent(sequence, m.id, m.index, m.partIndex, delta, Map.of()));
    }

    private void annotations(List<?> annotations) {
        OpenMessage m = open instanceof OpenMessage om && om.text != null ? om : null;
        for (Object raw : annotations) {
            MessageAnnotation chat = raw instanceof Map ? options.codec().convert(raw, MessageAnnotation.class) : null;
            if (m == null || chat == null || chat.urlCitation() == null) {
                warnings.add(new Problem("$.choices[0].delta.annotations", "an annotation outside output text, or not a url_citation"));
                continue;
            }
            Annotation a = StreamSupport.annotation(chat);
            emit(new OutputTextAnnotationAddedEvent(sequence, m.id, m.index, m.partIndex, m.annotations.size(), a, Map.of()));
            m.annotations.add(a);
        }
    }

    private void toolCall(ChunkToolCall fragment) {
        ToolCallDraft call = calls.add(fragment);
        if (call.closed) {
            if (!ToolCallDraft.isBlank(fragment)) {
                fail(new OpenAiError("the upstream sent a fragment of tool call " + (fragment.index() == null ? 0 : fragment.index())
                        + " after it ended", "server_error", null, "upstream_protocol_error"));
            }
            return;
        }
        if (open instanceof OpenCall oc && oc.call == call) {
            streamBuffered(call);
        } else {
            advanceCalls(call);
        }
    }

    /**
     * Calls go live one at a time, in the order they first appeared, when a fragment of a waiting call arrives. The
     * open call gives way once its arguments are complete JSON (calls usually arrive one after another); while it
     * is unfinished, interleaved fragments of other calls wait in their buffers.
     */
    private void advanceCalls(ToolCallDraft target) {
        while (!(open instanceof OpenCall oc && !oc.call.complete())) {
            ToolCallDraft next = calls.nextToOpen();
            if (next == null) {
                return;
            }
            closeOpen();
            openCall(next);
            streamBuffered(next);
            if (next == target) {
                return;
            }
        }
    }

    /** Sends what a call holds but has not streamed: its deltas must add up to its arguments (or input). */
    private void streamBuffered(ToolCallDraft call) {
        String pending = call.takePending();
        if (pending.isEmpty()) {
            return;
        }
        emit(call.custom() ? new CustomToolCallInputDeltaEvent(sequence, call.itemId(), call.outputIndex, pending, Map.of())
                : new FunctionCallArgumentsDeltaEvent(sequence, call.itemId(), call.outputIndex, pending, Map.of()));
    }

    private void openCall(ToolCallDraft call) {
        call.outputIndex = output.size();
        open = new OpenCall(call);
        // custom_tool_call items have no status (spec CustomToolCall, SDK ResponseCustomToolCall)
        emit(new OutputItemAddedEvent(sequence, call.outputIndex, call.custom()
                ? new CustomToolCallItem(call.itemId(), call.callId(), call.name(), "", null, null, Map.of())
                : new FunctionCallItem(call.itemId(), call.callId(), call.name(), "", "in_progress", namespaces.get(call.name()), Map.of()), Map.of()));
    }

    /**
     * Closes the open item, then sends every buffered call as its own contiguous item. Only the last item can be the
     * one a truncation cut; the items before it had ended, as in the non-streaming translation.
     */
    private void closeAll() {
        List<ToolCallDraft> pending = calls.waiting(open instanceof OpenCall oc ? oc.call : null);
        closeOpen(pending.isEmpty() ? itemStatus() : "completed");
        for (int i = 0; i < pending.size(); i++) {
            ToolCallDraft call = pending.get(i);
            openCall(call);
            streamBuffered(call);
            closeOpen(i == pending.size() - 1 ? itemStatus() : "completed");
        }
    }

    /** Closes the open item as one that ended normally: a later item replaced it. */
    private void closeOpen() {
        closeOpen("completed");
    }

    private void closeOpen(String status) {
        if (open == null) {
            return;
        }
        Open closing = open;
        open = null;
        if (closing instanceof OpenMessage m) {
            m.closePart(this);
            MessageItem item = new MessageItem(m.id, "assistant", ResponsesContent.of(m.parts), status, null, Map.of());
            output.add(item);
            emit(new OutputItemDoneEvent(sequence, m.index, item, Map.of()));
        } else if (closing instanceof OpenReasoning r) {
            String text = r.text.toString();
            emit(new ReasoningTextDoneEvent(sequence, r.id, r.index, 0, text, Map.of()));
            ReasoningTextContent part = new ReasoningTextContent(text, Map.of());
            emit(new ContentPartDoneEvent(sequence, r.id, r.index, 0, part, Map.of()));
            if (summary) {
                emit(new ReasoningSummaryTextDoneEvent(sequence, r.id, r.index, 0, text, Map.of()));
                emit(new ReasoningSummaryPartDoneEvent(sequence, r.id, r.index, 0, new SummaryTextContent(text, Map.of()), Map.of()));
            }
            ReasoningItem item = ReasoningContentItems.item(options, request, r.id, text, null);
            output.add(item);
            emit(new OutputItemDoneEvent(sequence, r.index, item, Map.of()));
        } else if (closing instanceof OpenCall c) {
            closeCall(c.call, status);
        }
    }

    private void closeCall(ToolCallDraft call, String status) {
        call.finish();
        streamBuffered(call);
        ResponseItem item;
        if (call.custom()) {
            if (call.warning() != null) {
                warnings.add(new Problem("$.choices[0].delta.tool_calls[" + call.outputIndex + "].function.arguments", call.warning()));
            }
            emit(new CustomToolCallInputDoneEvent(sequence, call.itemId(), call.outputIndex, call.input(), Map.of()));
            item = new CustomToolCallItem(call.itemId(), call.callId(), call.name(), call.input(), null, null, Map.of());
        } else {
            emit(new FunctionCallArgumentsDoneEvent(sequence, call.itemId(), call.outputIndex, call.name(), call.arguments(), Map.of()));
            item = new FunctionCallItem(call.itemId(), call.callId(), call.name(), call.arguments(), status, namespaces.get(call.name()), Map.of());
        }
        output.add(item);
        emit(new OutputItemDoneEvent(sequence, call.outputIndex, item, Map.of()));
    }

    private String itemStatus() {
        return finishReason == null || ending().status().equals("completed") ? "completed" : "incomplete";
    }

    /** How the answer ended; an unknown finish_reason ends it normally, with a warning. */
    private Terminal ending() {
        Terminal t = Terminal.known(finishReason);
        if (t == null) {
            if (!unknownFinishWarned) {
                unknownFinishWarned = true;
                warnings.add(new Problem("$.choices[0].finish_reason", "finish_reason '" + finishReason + "' is not known; ended as stop"));
            }
            return Terminal.STOP;
        }
        return t;
    }

    private void complete() {
        closeAll();
        finish();
        Terminal t = ending();
        if (t.incompleteReason() != null) {
            terminalStatus = "incomplete";
            Response r = snapshot("incomplete").incompleteDetails(new IncompleteDetails(t.incompleteReason(), Map.of())).build();
            terminal = r;
            emit(new ResponseIncompleteEvent(sequence, r, Map.of()));
        } else {
            terminalStatus = "completed";
            Response r = snapshot("completed").completedAt(options.clock().instant().getEpochSecond()).build();
            terminal = r;
            emit(new ResponseCompletedEvent(sequence, r, Map.of()));
        }
    }

    private void fail(OpenAiError error) {
        if (sequence == 0) {
            start(ChatCompletionChunk.builder().build());
        }
        finish();
        terminalStatus = "failed";
        emit(ErrorEvent.of(sequence, error));
        Response r = snapshot("failed").error(responseError(error)).build();
        terminal = r;
        emit(new ResponseFailedEvent(sequence, r, Map.of()));
    }

    /**
     * The {@code error} of a response that failed with {@code error}, for whoever ends a Responses stream as failed:
     * its message, and its code if the spec's {@code ResponseErrorCode} enum has it, else {@code server_error} (the
     * upstream's own code stays in the stream's {@code error} event).
     */
    public static ResponseError responseError(OpenAiError error) {
        String code = error.code() != null && RESPONSE_ERROR_CODES.contains(error.code()) ? error.code() : "server_error";
        return new ResponseError(code, error.message(), Map.of());
    }

    /** The stream is over: nothing more is translated, the token path's buffers go back to the codec's pool. */
    private void finish() {
        finished = true;
        if (tokens != null) {
            tokens.close();
        }
    }

    private Response.Builder snapshot(String status) {
        return snapshots.of(status, output);
    }

    private void emit(ResponseStreamEvent event) {
        out.add(event);
        sequence++;
    }

    /** The item being streamed. */
    private abstract static class Open {
        final String id;
        final int index;

        Open(String id, int index) {
            this.id = id;
            this.index = index;
        }
    }

    private static final class OpenReasoning extends Open {
        final StringBuilder text = new StringBuilder();

        OpenReasoning(String id, int index) {
            super(id, index);
        }
    }

    private static final class OpenMessage extends Open {
        final List<ResponseContent> parts = new ArrayList<>();
        final List<Annotation> annotations = new ArrayList<>();
        final List<LogProb> logprobs = new ArrayList<>();
        StringBuilder text;
        StringBuilder refusal;
        int partIndex;

        OpenMessage(String id, int index) {
            super(id, index);
        }

        /** Closes the open text or refusal part: its {@code .done} events carry the full text. */
        void closePart(ChatToResponsesStream s) {
            if (text != null) {
                String full = text.toString();
                s.emit(new OutputTextDoneEvent(s.sequence, id, index, partIndex, full, List.copyOf(logprobs), Map.of()));
                OutputTextContent part = new OutputTextContent(full, List.copyOf(annotations), List.copyOf(logprobs), Map.of());
                s.emit(new ContentPartDoneEvent(s.sequence, id, index, partIndex, part, Map.of()));
                parts.add(part);
                text = null;
                annotations.clear();
                logprobs.clear();
            } else if (refusal != null) {
                String full = refusal.toString();
                s.emit(new RefusalDoneEvent(s.sequence, id, index, partIndex, full, Map.of()));
                RefusalContent part = new RefusalContent(full, Map.of());
                s.emit(new ContentPartDoneEvent(s.sequence, id, index, partIndex, part, Map.of()));
                parts.add(part);
                refusal = null;
            }
        }
    }

    private static final class OpenCall extends Open {
        final ToolCallDraft call;

        OpenCall(ToolCallDraft call) {
            super(call.itemId(), call.outputIndex);
            this.call = call;
        }
    }
}
