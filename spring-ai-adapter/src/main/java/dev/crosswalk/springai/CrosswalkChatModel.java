package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.chat.ChatCompletion;
import dev.crosswalk.translator.chat.ChatCompletionRequest;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.responses.Reasoning;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponsesRequest;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.observation.conventions.AiProvider;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClientException;

/**
 * A Spring AI {@link ChatModel} for an endpoint that speaks OpenAI Chat Completions or Responses, chosen per model
 * and per call with {@link CrosswalkChatOptions#getWireApi()}. Spring AI messages and options are mapped to a Chat
 * Completions request; on the Responses wire, Crosswalk's core translates it, and translates the answer (or the
 * stream) back, so both wires behave alike.
 *
 * <pre>{@code
 * CrosswalkChatModel model = CrosswalkChatModel.builder()
 *         .api(CrosswalkApi.builder().apiKey(System.getenv("OPENAI_API_KEY")).build())
 *         .options(CrosswalkChatOptions.builder().wireApi(WireApi.RESPONSES).model("gpt-5-mini").build())
 *         .build();
 * ChatClient chatClient = ChatClient.create(model);
 * String answer = chatClient.prompt("Name three rivers").call().content();
 * }</pre>
 *
 * <p>As in Spring AI 2.0, the model never runs tools: it returns the tool calls (in a stream, each call once,
 * complete, in the last response) and {@code ChatClient}'s tool-calling advisor runs the loop. Options of another
 * type ({@link ChatOptions}, {@link ToolCallingChatOptions}, ...) are folded into the model's defaults. Options the
 * chosen wire has no field for follow one rule: rejected, or left out with a warning when
 * {@linkplain Builder#lenient(boolean) lenient}.
 */
public final class CrosswalkChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(CrosswalkChatModel.class);

    private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION =
            new DefaultChatModelObservationConvention();

    private final CrosswalkApi api;
    private final CrosswalkChatOptions defaultOptions;
    private final ObservationRegistry observationRegistry;
    private final boolean lenient;
    private final String provider;
    private final JsonCodec codec = JsonCodec.jackson3();
    private final TranslatorOptions translatorOptions;
    private final Translator translator;
    private final ChatRequestMapper requestMapper = new ChatRequestMapper(codec);
    private final ChatResponseMapper responseMapper = new ChatResponseMapper(codec);
    private ChatModelObservationConvention observationConvention = DEFAULT_OBSERVATION_CONVENTION;

    private CrosswalkChatModel(Builder b) {
        Assert.state(b.api != null, "a CrosswalkApi is required");
        this.api = b.api;
        CrosswalkChatOptions options = b.options != null ? b.options : CrosswalkChatOptions.builder().build();
        this.defaultOptions = options.getWireApi() != null ? options
                : options.mutate().wireApi(WireApi.CHAT_COMPLETIONS).build();
        this.observationRegistry = b.observationRegistry;
        this.lenient = b.lenient;
        this.provider = b.provider;
        // Reasoning on: Responses reasoning reaches Spring AI as reasoning text, as Spring AI's OpenAI model has it.
        this.translatorOptions = TranslatorOptions.builder().codec(codec).lenient(lenient).reasoningContent(true)
                .build();
        this.translator = Crosswalk.translator(translatorOptions);
        if (b.observationConvention != null) {
            this.observationConvention = b.observationConvention;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model's default options; a call's options are laid over them. */
    @Override
    public CrosswalkChatOptions getOptions() {
        return defaultOptions;
    }

    /** The convention the observations use, instead of Spring AI's default one. */
    public void setObservationConvention(ChatModelObservationConvention observationConvention) {
        Assert.notNull(observationConvention, "observationConvention cannot be null");
        this.observationConvention = observationConvention;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        Prompt request = resolve(prompt);
        CrosswalkChatOptions options = (CrosswalkChatOptions) request.getOptions();
        WireRequest wire = wireRequest(request, options, false);
        ChatModelObservationContext context = ChatModelObservationContext.builder()
                .prompt(request).provider(provider).build();
        return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                .observation(observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context, observationRegistry)
                .observe(() -> {
                    ChatResponse response = decode(wire, api.post(wire.api(), wire.body()));
                    context.setResponse(response);
                    return response;
                });
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.deferContextual(contextView -> {
            Prompt request = resolve(prompt);
            CrosswalkChatOptions options = (CrosswalkChatOptions) request.getOptions();
            WireRequest wire = wireRequest(request, options, true);
            ChatModelObservationContext context = ChatModelObservationContext.builder()
                    .prompt(request).provider(provider).streaming(true).build();
            Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
                    observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context, observationRegistry);
            Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
            observation.parentObservation(parent);
            // Starting inside the parent's scope makes tracing derive this span's parent from it, not from whatever
            // scope the subscribing thread has open.
            Observation.Scope parentScope = parent != null ? parent.openScope() : Observation.Scope.NOOP;
            try {
                observation.start();
            } finally {
                parentScope.close();
            }
            Flux<ChatResponse> responses = Flux.defer(() -> {
                StreamDecoder decoder = StreamDecoder.of(wire.api(), codec, api.errors(), translatorOptions, wire.sent());
                return api.stream(wire.api(), wire.body())
                        .concatMapIterable(decoder::onEvent)
                        .concatWith(Flux.defer(() -> Flux.fromIterable(decoder.onEnd())))
                        .onErrorMap(MalformedJsonException.class, e -> malformed(wire, e));
            });
            // The aggregator hands the observation its response on completion; the observation stops right after,
            // before the terminal signal travels on (doFinally would run after it), so that whoever sees the
            // stream end also sees a finished observation.
            return new MessageAggregator().aggregate(responses, context::setResponse)
                    .doOnComplete(observation::stop)
                    .doOnError(e -> {
                        observation.error(e);
                        observation.stop();
                    })
                    .doOnCancel(observation::stop)
                    .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    /** The prompt with its options laid over the defaults, whatever their type. */
    private Prompt resolve(Prompt prompt) {
        return prompt.mutate().chatOptions(resolve(prompt.getOptions())).build();
    }

    CrosswalkChatOptions resolve(@Nullable ChatOptions requested) {
        // Any type: Crosswalk's own options, Spring AI's portable ones, or another model's (what they share is kept).
        return requested == null ? defaultOptions : CrosswalkChatOptions.overlay(defaultOptions, requested);
    }

    private WireRequest wireRequest(Prompt request, CrosswalkChatOptions options, boolean stream) {
        WireApi wire = options.getWireApi() != null ? options.getWireApi() : WireApi.CHAT_COMPLETIONS;
        OptionPolicy.check(options, wire, lenient);
        ChatCompletionRequest chat = requestMapper.map(request.getInstructions(), options, wire, stream);
        Object body = chat;
        ResponsesRequest sent = null;
        if (wire == WireApi.RESPONSES) {
            Translation<ResponsesRequest> translated = translator.toResponses(chat);
            translated.warnings().forEach(w -> log.warn("Left out {}: {}", w.path(), w.reason()));
            sent = responsesOnly(translated.value().toBuilder(), options, stream).build();
            body = sent;
        }
        return new WireRequest(wire, json(body, options.getExtraBody()), sent);
    }

    /** What only Responses has, set on the translated request. */
    private static ResponsesRequest.Builder responsesOnly(ResponsesRequest.Builder b, CrosswalkChatOptions o,
            boolean stream) {
        if (stream) {
            b.stream(true);
        }
        if (o.getReasoningSummary() != null) {
            Reasoning r = b.build().reasoning();
            b.reasoning(new Reasoning(r == null ? null : r.effort(), o.getReasoningSummary(),
                    r == null ? null : r.generateSummary(), r == null ? Map.of() : r.extra()));
        }
        if (o.getPreviousResponseId() != null) {
            b.previousResponseId(o.getPreviousResponseId());
        }
        if (o.getInclude() != null && !o.getInclude().isEmpty()) {
            b.include(o.getInclude());
        }
        return b;
    }

    /** The request's JSON, with {@code extraBody} laid over it last (so it can also replace a mapped field). */
    @SuppressWarnings("unchecked")
    private byte[] json(Object body, @Nullable Map<String, Object> extraBody) {
        if (extraBody == null || extraBody.isEmpty()) {
            return codec.writeBytes(body);
        }
        Map<String, Object> tree = new LinkedHashMap<>((Map<String, Object>) codec.readTree(codec.write(body)));
        tree.putAll(extraBody);
        return codec.writeBytes(tree);
    }

    private ChatResponse decode(WireRequest wire, byte[] body) {
        try {
            if (wire.api() == WireApi.CHAT_COMPLETIONS) {
                ChatCompletion completion = codec.read(body, ChatCompletion.class);
                return responseMapper.map(completion, completion.id() == null ? "" : completion.id());
            }
            Response response = codec.read(body, Response.class);
            Translation<ChatCompletion> completion = translator.toChat(response, wire.sent());
            completion.warnings().forEach(w -> log.debug("Not in the Spring AI answer: {}: {}", w.path(), w.reason()));
            String id = response.id() != null ? response.id() : completion.value().id();
            return responseMapper.map(completion.value(), id);
        } catch (MalformedJsonException e) {
            throw malformed(wire, e);
        } catch (ResponseFailedException e) {
            throw new ResponseFailedException(api.errors().redact(e.error()));
        }
    }

    private RestClientException malformed(WireRequest wire, MalformedJsonException e) {
        String what = wire.api() == WireApi.RESPONSES ? "a Responses answer" : "a Chat Completions answer";
        return new RestClientException("POST " + api.url(wire.api()) + ": the upstream's body is not " + what
                + " (at " + e.path() + "): " + api.redact(e.getMessage()), e);
    }

    @Override
    public String toString() {
        return "CrosswalkChatModel{api=" + api + ", defaultOptions=" + defaultOptions + ", lenient=" + lenient + "}";
    }

    /** A request ready for the wire. */
    private record WireRequest(WireApi api, byte[] body, @Nullable ResponsesRequest sent) {
    }

    /** Builds a {@link CrosswalkChatModel}; {@link #api} is required. */
    public static final class Builder {
        private @Nullable CrosswalkApi api;
        private @Nullable CrosswalkChatOptions options;
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private @Nullable ChatModelObservationConvention observationConvention;
        private boolean lenient;
        private String provider = AiProvider.OPENAI.value();

        private Builder() {
        }

        /** Where and how to send requests. */
        public Builder api(CrosswalkApi api) {
            this.api = api;
            return this;
        }

        /** The default options (the wire API defaults to {@link WireApi#CHAT_COMPLETIONS}). */
        public Builder options(CrosswalkChatOptions options) {
            this.options = options;
            return this;
        }

        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = observationRegistry;
            return this;
        }

        public Builder observationConvention(ChatModelObservationConvention observationConvention) {
            this.observationConvention = observationConvention;
            return this;
        }

        /**
         * Leave out, with a warning in the log, what the chosen wire cannot carry (options such as {@code topK},
         * content such as audio on Responses) instead of failing the call. Off by default.
         */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        /** The {@code gen_ai.system} observations report; default {@code openai}, the protocols' owner. */
        public Builder provider(String provider) {
            Assert.hasText(provider, "provider must not be empty");
            this.provider = provider;
            return this;
        }

        public CrosswalkChatModel build() {
            return new CrosswalkChatModel(this);
        }
    }
}
