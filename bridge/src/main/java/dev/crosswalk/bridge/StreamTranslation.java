package dev.crosswalk.bridge;

import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.CrosswalkException;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseReader;
import dev.crosswalk.translator.sse.SseWriter;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code translate --kind stream}: reads SSE of one protocol and writes SSE of the other as it goes, one event
 * flushed per event produced. A stream that fails (an upstream error, or input that stops early) still gets the
 * target protocol's error events, and the command exits 3.
 */
final class StreamTranslation {
    private final Translator translator;
    private final JsonCodec codec;
    private final boolean fromChat;
    private final String requestJson;
    private final PrintWriter out;
    private final PrintWriter err;

    StreamTranslation(Translator translator, boolean fromChat, String requestJson, PrintWriter out, PrintWriter err) {
        this.translator = translator;
        this.codec = translator.options().codec();
        this.fromChat = fromChat;
        this.requestJson = requestJson;
        this.out = out;
        this.err = err;
    }

    int run(InputStream input) throws IOException {
        SseWriter writer = new SseWriter(out);
        try (SseReader reader = new SseReader(input)) {
            return fromChat ? chatToResponses(reader, writer) : responsesToChat(reader, writer);
        }
    }

    private int chatToResponses(SseReader reader, SseWriter writer) throws IOException {
        ResponsesRequest echo = translator.responsesForm(requestJson);
        ChatToResponsesStream stream = translator.streamToResponses(echo);
        try {
            for (SseEvent event = reader.next(); event != null && !stream.finished(); event = reader.next()) {
                if (event.isDone()) {
                    break;
                }
                OpenAiError error = UpstreamError.fromFrame(codec, event.data());
                if (error != null) {
                    write(writer, stream.onError(error));
                } else {
                    write(writer, stream.onChunk(codec.read(event.data(), ChatCompletionChunk.class)));
                }
            }
            write(writer, stream.onEnd());
        } catch (CrosswalkException e) {
            write(writer, stream.onError(protocolError(e)));
        }
        TranslateCommand.warn(stream.warnings(), err);
        return stream.failed() ? TranslateCommand.FAILED : TranslateCommand.OK;
    }

    private int responsesToChat(SseReader reader, SseWriter writer) throws IOException {
        // The request answered, as sent upstream: instructions and metadata echoing it are no loss (§5).
        ResponsesToChatStream stream = translator.streamToChat(includeUsage(), translator.responsesForm(requestJson),
                ignored -> err.println("warning: ignored event " + ignored.type() + ": no Chat Completions equivalent"));
        boolean failed = false;
        try {
            for (SseEvent event = reader.next(); event != null && !stream.finished(); event = reader.next()) {
                if (event.isDone()) {
                    break;
                }
                failed |= writeChat(writer, stream.onEvent(codec.read(event.data(), ResponseStreamEvent.class)));
            }
            failed |= writeChat(writer, stream.onEnd());
        } catch (CrosswalkException e) {
            failed |= writeChat(writer, stream.onError(protocolError(e)));
        }
        TranslateCommand.warn(stream.warnings(), err);
        err.flush();
        return failed ? TranslateCommand.FAILED : TranslateCommand.OK;
    }

    /** Chat's usage chunk is sent only if the client-side (Chat) form of the request asked for it. */
    private boolean includeUsage() {
        if (requestJson == null) {
            return false;
        }
        Object tree = codec.readTree(requestJson);
        ChatCompletionRequest chat = tree instanceof Map<?, ?> m && m.containsKey("messages")
                ? codec.convert(tree, ChatCompletionRequest.class)
                : translator.lenient().toChat(translator.responsesForm(requestJson)).value();
        return Translator.includeUsage(chat);
    }

    private static OpenAiError protocolError(CrosswalkException e) {
        return new OpenAiError("the upstream stream is malformed: " + e.getMessage(), "server_error", null, "upstream_protocol_error");
    }

    private void write(SseWriter writer, List<ResponseStreamEvent> events) throws IOException {
        for (ResponseStreamEvent e : events) {
            writer.write(SseEvent.of(e.type(), codec.write(e)));
        }
    }

    /** Writes chunks; returns whether the stream failed. */
    private boolean writeChat(SseWriter writer, List<ChatStreamOutput> outputs) throws IOException {
        boolean failed = false;
        for (ChatStreamOutput o : outputs) {
            if (o instanceof ChatStreamOutput.Chunk c) {
                writer.write(SseEvent.data(codec.write(c.chunk())));
            } else if (o instanceof ChatStreamOutput.Error e) {
                writer.write(SseEvent.data(codec.write(e.error().toResponse())));
                failed = true;
            } else {
                writer.writeDone();
            }
        }
        return failed;
    }
}
