package dev.crosswalk.translator;

import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.internal.RequestJson;
import dev.crosswalk.translator.internal.TokenCodec;
import dev.crosswalk.translator.mapping.ChatCompletionToResponse;
import dev.crosswalk.translator.mapping.ChatRequestToResponses;
import dev.crosswalk.translator.mapping.ResponseToChatCompletion;
import dev.crosswalk.translator.mapping.ResponsesRequestToChat;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.mapping.StreamSupport;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates requests and non-streaming responses between Chat Completions and Responses. Immutable and
 * thread-safe (as long as its {@link IdSource} is); get one from {@link Crosswalk#translator()}.
 *
 * <pre>{@code
 * Translator translator = Crosswalk.translator();
 * Translation<ResponsesRequest> t = translator.toResponses(chatRequest);
 * t.warnings().forEach(w -> log.warn("dropped {}", w));
 * ResponsesRequest request = t.value();
 *
 * // JSON text in, JSON text out:
 * String chatJson = translator.requestToChat(responsesJson).value();
 * }</pre>
 *
 * <p>Every method throws {@link UntranslatableException} listing every field that has no equivalent (unless the
 * options are lenient, when such fields are dropped and reported as warnings); the JSON methods also throw
 * {@link MalformedJsonException} naming where the input is not JSON or not of the protocol's shape.
 */
public final class Translator {
    private final TranslatorOptions options;

    Translator(TranslatorOptions options) {
        this.options = options;
    }

    /** The options this translator uses. */
    public TranslatorOptions options() {
        return options;
    }

    /** A translator like this one with other options, e.g. {@code t.with(t.options().toBuilder().lenient(true).build())}. */
    public Translator with(TranslatorOptions options) {
        return new Translator(options);
    }

    /** A translator like this one that drops untranslatable fields with warnings instead of rejecting them. */
    public Translator lenient() {
        return with(options.toBuilder().lenient(true).build());
    }

    /** A Chat Completions request as a Responses request. */
    public Translation<ResponsesRequest> toResponses(ChatCompletionRequest request) {
        return new ChatRequestToResponses(options).translate(request);
    }

    /** A Responses request as a Chat Completions request. {@code previous_response_id} must be expanded first. */
    public Translation<ChatCompletionRequest> toChat(ResponsesRequest request) {
        return new ResponsesRequestToChat(options).translate(request);
    }

    /**
     * A Responses object as a Chat completion.
     *
     * @throws ResponseFailedException if the response failed or was cancelled: there is no completion, only its error
     */
    public Translation<ChatCompletion> toChat(Response response) {
        return new ResponseToChatCompletion(options).translate(response, null);
    }

    /**
     * A Responses object as a Chat completion, knowing the request it answers: its {@code instructions} and
     * {@code metadata}, which a completion has no place for, are reported only when they are not that request's
     * echo (without the request, whenever they are set).
     *
     * <pre>{@code
     * ResponsesRequest sent = translator.toResponses(chatRequest).value();
     * Translation<ChatCompletion> answer = translator.toChat(upstreamResponse, sent);
     * }</pre>
     *
     * @param sent the Responses request sent upstream, or {@code null} if unknown
     * @throws ResponseFailedException if the response failed or was cancelled: there is no completion, only its error
     */
    public Translation<ChatCompletion> toChat(Response response, ResponsesRequest sent) {
        return new ResponseToChatCompletion(options).translate(response, sent);
    }

    /** A Chat completion as a Responses object with the API's defaults in its echo fields (no request known). */
    public Translation<Response> toResponses(ChatCompletion completion) {
        return new ChatCompletionToResponse(options).translate(completion, null);
    }

    /**
     * A Chat completion as a Responses object whose echo fields come from the Responses request it answers.
     *
     * @param request the Responses request being answered; {@link #toResponses(ChatCompletion)} when there is none
     */
    public Translation<Response> toResponses(ChatCompletion completion, ResponsesRequest request) {
        return new ChatCompletionToResponse(options).translate(completion, request);
    }

    /**
     * A Chat completion as a Responses object whose echo fields come from the Chat request it answers
     * (translated leniently to its Responses form: echo fields are informational).
     */
    public Translation<Response> toResponses(ChatCompletion completion, ChatCompletionRequest request) {
        ResponsesRequest echo = request == null ? null : lenient().toResponses(request).value();
        return toResponses(completion, echo);
    }

    /**
     * A stream translator for serving a Responses client from a Chat upstream: feed it the upstream's chunks.
     *
     * <pre>{@code
     * ChatToResponsesStream stream = translator.streamToResponses(responsesRequest);
     * chunks.forEach(chunk -> stream.onChunk(chunk).forEach(send));
     * stream.onEnd().forEach(send);
     * }</pre>
     *
     * @param request the Responses request being answered (echo fields), or {@code null}
     */
    public ChatToResponsesStream streamToResponses(ResponsesRequest request) {
        return new ChatToResponsesStream(options, request);
    }

    /**
     * A stream translator for serving a Chat client from a Responses upstream: feed it the upstream's events.
     *
     * @param request the Chat request being answered: its {@code stream_options.include_usage} decides the usage chunk;
     *        {@code null} for none
     * @param ignored told of each event with no Chat equivalent (hosted-tool progress, unknown types)
     */
    public ResponsesToChatStream streamToChat(ChatCompletionRequest request, Consumer<ResponseStreamEvent> ignored) {
        return new ResponsesToChatStream(options, includeUsage(request), ignored);
    }

    /**
     * A stream translator for serving a Chat client from a Responses upstream, knowing the Responses request sent
     * upstream: the stream's {@code instructions} and {@code metadata}, which Chat chunks have no place for, are
     * reported in {@link ResponsesToChatStream#warnings()} only when they are not that request's echo — the rule of
     * {@link #toChat(Response, ResponsesRequest)}. The other overloads report them whenever they are set.
     *
     * <pre>{@code
     * ResponsesRequest sent = translator.toResponses(chatRequest).value();
     * ResponsesToChatStream stream = translator.streamToChat(chatRequest, sent, ignored -> {});
     * // ... feed the upstream's events, then:
     * stream.warnings().forEach(w -> log.debug("dropped {}", w));
     * }</pre>
     *
     * @param request the Chat request being answered (its {@code stream_options.include_usage}), or {@code null}
     * @param sent the Responses request sent upstream, or {@code null} if unknown
     * @param ignored told of each event with no Chat equivalent
     */
    public ResponsesToChatStream streamToChat(ChatCompletionRequest request, ResponsesRequest sent,
            Consumer<ResponseStreamEvent> ignored) {
        return new ResponsesToChatStream(options, includeUsage(request), sent, ignored);
    }

    /**
     * A stream translator for a Chat client from a Responses upstream, when the Chat request is not at hand.
     *
     * @param includeUsage whether to end with the usage chunk ({@code choices:[]}) before {@code [DONE]}
     * @param ignored told of each event with no Chat equivalent
     */
    public ResponsesToChatStream streamToChat(boolean includeUsage, Consumer<ResponseStreamEvent> ignored) {
        return new ResponsesToChatStream(options, includeUsage, ignored);
    }

    /**
     * {@link #streamToChat(ChatCompletionRequest, ResponsesRequest, Consumer)} when the Chat request is not at hand.
     *
     * @param includeUsage whether to end with the usage chunk ({@code choices:[]}) before {@code [DONE]}
     * @param sent the Responses request sent upstream, or {@code null} if unknown
     * @param ignored told of each event with no Chat equivalent
     */
    public ResponsesToChatStream streamToChat(boolean includeUsage, ResponsesRequest sent, Consumer<ResponseStreamEvent> ignored) {
        return new ResponsesToChatStream(options, includeUsage, sent, ignored);
    }

    /** Whether a Chat request asked for the usage chunk ({@code stream_options.include_usage}); false for null. */
    public static boolean includeUsage(ChatCompletionRequest request) {
        return StreamSupport.includeUsage(request);
    }

    /** JSON form of {@link #toResponses(ChatCompletionRequest)}. */
    public Translation<String> requestToResponses(String chatRequestJson) {
        RequestJson.Read<ChatCompletionRequest> in = request(chatRequestJson, ChatCompletionRequest.class);
        return json(new ChatRequestToResponses(options).translate(in.value(), in.unknownMembers()));
    }

    /** JSON form of {@link #toChat(ResponsesRequest)}. */
    public Translation<String> requestToChat(String responsesRequestJson) {
        RequestJson.Read<ResponsesRequest> in = request(responsesRequestJson, ResponsesRequest.class);
        return json(new ResponsesRequestToChat(options).translate(in.value(), in.unknownMembers()));
    }

    /**
     * {@link #requestToResponses(String)} over UTF-8 bytes: what a server receives and sends, with no text decoded
     * or encoded on the way. The bytes are those of the {@code String} form, encoded; warnings and errors are the same (but a
     * malformed document's column counts bytes).
     *
     * <pre>{@code
     * Translation<byte[]> t = translator.requestToResponses(httpBody);
     * upstream.send(t.value()); // a Responses request body, UTF-8
     * }</pre>
     */
    public Translation<byte[]> requestToResponses(byte[] chatRequestJson) {
        RequestJson.Read<ChatCompletionRequest> in = request(chatRequestJson, ChatCompletionRequest.class);
        return bytes(new ChatRequestToResponses(options).translate(in.value(), in.unknownMembers()));
    }

    /**
     * {@link #requestToChat(String)} over UTF-8 bytes (see {@link #requestToResponses(byte[])}).
     *
     * <pre>{@code
     * byte[] chatBody = translator.requestToChat(responsesBody).value();
     * }</pre>
     */
    public Translation<byte[]> requestToChat(byte[] responsesRequestJson) {
        RequestJson.Read<ResponsesRequest> in = request(responsesRequestJson, ResponsesRequest.class);
        return bytes(new ResponsesRequestToChat(options).translate(in.value(), in.unknownMembers()));
    }

    /** JSON form of {@link #toChat(Response)}. */
    public Translation<String> responseToChat(String responseJson) {
        return json(toChat(read(responseJson, Response.class)));
    }

    /**
     * JSON form of {@link #toChat(Response, ResponsesRequest)}.
     *
     * @param sentRequestJson the request sent upstream, in either protocol (told apart by {@code messages} or
     *        {@code input}), or {@code null}
     */
    public Translation<String> responseToChat(String responseJson, String sentRequestJson) {
        Response response = read(responseJson, Response.class);
        return json(toChat(response, responsesForm(sentRequestJson)));
    }

    /**
     * JSON form of {@link #toResponses(ChatCompletion, ResponsesRequest)}.
     *
     * @param originalRequestJson the request being answered, in either protocol (told apart by {@code messages} or
     *        {@code input}), or {@code null}
     */
    public Translation<String> responseToResponses(String chatCompletionJson, String originalRequestJson) {
        ChatCompletion completion = read(chatCompletionJson, ChatCompletion.class);
        return json(toResponses(completion, responsesForm(originalRequestJson)));
    }

    /** The Responses form of a request in either protocol, told apart by its shape; {@code null} for {@code null}. */
    public ResponsesRequest responsesForm(String requestJson) {
        if (requestJson == null) {
            return null;
        }
        Object tree = options.codec().readTree(requestJson);
        if (tree instanceof Map<?, ?> map && map.containsKey("messages")) {
            return lenient().toResponses(options.codec().convert(tree, ChatCompletionRequest.class)).value();
        }
        if (tree instanceof Map<?, ?> map && map.containsKey("input")) {
            return options.codec().convert(tree, ResponsesRequest.class);
        }
        throw new MalformedJsonException("$", "the request is neither Chat Completions (messages) nor Responses (input)", null);
    }

    /**
     * A request read by the codec, with whether it may hold unknown members: a request read without any translates
     * without the duplicate-key check, which can only find one of them ({@code Report}).
     */
    private <T> RequestJson.Read<T> request(String json, Class<T> type) {
        RequestJson.Read<T> in = options.codec() instanceof TokenCodec tokens ? tokens.readRequest(json, type)
                : new RequestJson.Read<>(options.codec().read(json, type), true);
        notNull(in.value());
        return in;
    }

    private <T> RequestJson.Read<T> request(byte[] json, Class<T> type) {
        RequestJson.Read<T> in = options.codec() instanceof TokenCodec tokens ? tokens.readRequest(json, type)
                : new RequestJson.Read<>(options.codec().read(json, type), true);
        notNull(in.value());
        return in;
    }

    private <T> T read(String json, Class<T> type) {
        return notNull(options.codec().read(json, type));
    }

    private <T> T read(byte[] json, Class<T> type) {
        return notNull(options.codec().read(json, type));
    }

    private static <T> T notNull(T value) {
        if (value == null) {
            throw new MalformedJsonException("$", "expected a JSON object, got null", null);
        }
        return value;
    }

    private Translation<byte[]> bytes(Translation<?> translation) {
        return new Translation<>(options.codec().writeBytes(translation.value()), translation.warnings());
    }

    private Translation<String> json(Translation<?> translation) {
        return new Translation<>(options.codec().write(translation.value()), translation.warnings());
    }
}
