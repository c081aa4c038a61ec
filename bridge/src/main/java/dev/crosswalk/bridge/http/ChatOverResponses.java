package dev.crosswalk.bridge.http;

import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.WireApi;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/chat/completions} over a Responses upstream: translates the request (which always writes
 * {@code store}, so the upstream keeps nothing the client did not ask it to), calls the upstream, and translates the
 * answer or the stream back.
 */
final class ChatOverResponses {
    private static final Logger log = LoggerFactory.getLogger(ChatOverResponses.class);

    private final BridgeConfig config;
    private final Translator translator;
    private final JsonCodec codec;
    private final UpstreamCalls calls;

    ChatOverResponses(BridgeConfig config, Translator translator, UpstreamCalls calls) {
        this.config = config;
        this.translator = translator;
        this.codec = translator.options().codec();
        this.calls = calls;
    }

    Mono<Void> create(Exchange ex, ClientAuth.Grant grant) {
        ex.mode("chat>responses");
        return ex.body(config.maxBodyBytes()).flatMap(bytes -> {
            ChatCompletionRequest chat;
            try {
                chat = codec.read(bytes, ChatCompletionRequest.class);
            } catch (OutOfMemoryError e) {
                throw Bodies.outOfMemory();
            }
            if (chat == null) {
                throw BridgeException.of(400, Errors.INVALID_REQUEST, null, "invalid_json", "The request body must be a JSON object.");
            }
            ex.dropBody();
            ex.model(chat.model());
            Translation<ResponsesRequest> request = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> translator.toResponses(chat));
            warn(request.warnings());
            ex.warnings(request.warnings());
            byte[] body = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE, () -> codec.writeBytes(request.value()));
            // Of the request sent, the answer's translation reads only instructions and metadata (§5): the upstream
            // call keeps those, not a second copy of the conversation beside the bytes sent.
            ResponsesRequest echo = ResponsesRequest.builder().instructions(request.value().instructions())
                    .metadata(request.value().metadata()).build();
            boolean stream = Boolean.TRUE.equals(chat.stream());
            ex.stream(stream);
            if (stream) {
                // The request sent: its instructions and metadata, echoed back by the stream, are no loss.
                ChatFromResponsesRelay relay = new ChatFromResponsesRelay(translator, Translator.includeUsage(chat), echo,
                        config.maxEventBytes(), ex.redactor(), ex.alias(), ex::upstreamModel, dropped -> {
                            warn(dropped);
                            ex.warnings(dropped);
                        });
                return StreamSender.send(ex, calls.stream(ex, WireApi.RESPONSES.path(), body, grant.upstreamAuthorization(), relay));
            }
            return calls.unary(ex, WireApi.RESPONSES.path(), body, grant.upstreamAuthorization(), Response.class)
                    .map(response -> {
                        try {
                            // The request sent: its instructions and metadata, echoed back, are no loss.
                            Translation<ChatCompletion> completion = OutOfMemory.guard(ex, OutOfMemory.Stage.TRANSLATE,
                                    () -> translator.toChat(response, echo));
                            warn(completion.warnings());
                            ex.warnings(completion.warnings());
                            ChatCompletion value = completion.value();
                            String alias = ex.alias();
                            if (alias == null || alias.equals(value.model())) {
                                return value;
                            }
                            // The route renamed the client's model: the answer says the name the client asked for.
                            ex.upstreamModel(value.model());
                            return value.toBuilder().model(alias).build();
                        } catch (ResponseFailedException failed) {
                            // The upstream answered 200 with a failed or cancelled response: there is no completion.
                            OpenAiError e = failed.error();
                            OpenAiError safe = ex.redactor().redact(e);
                            throw new BridgeException(UpstreamError.status(safe), safe);
                        }
                    })
                    .flatMap(completion -> ex.json(200, completion));
        });
    }

    private static void warn(List<Problem> warnings) {
        for (Problem p : warnings) {
            log.debug("dropped {}: {}", p.path(), p.reason());
        }
    }
}
