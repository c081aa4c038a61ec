package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The settings {@link CrosswalkChatModel.Builder} and {@link CrosswalkStreamingChatModel.Builder} share, named as in
 * LangChain4j's OpenAI provider. Request parameters set here become the model's
 * {@link CrosswalkChatRequestParameters defaults}; each wins over the same field of
 * {@link #defaultRequestParameters(ChatRequestParameters)}.
 *
 * <pre>{@code
 * CrosswalkChatModel model = CrosswalkChatModel.builder()
 *         .baseUrl("https://api.openai.com/v1")
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .wireApi(WireApi.RESPONSES)
 *         .modelName("gpt-5-mini")
 *         .reasoningEffort("low")
 *         .timeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * @param <B> the concrete builder
 */
public abstract class CrosswalkModelBuilder<B extends CrosswalkModelBuilder<B>> {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final int DEFAULT_MAX_RETRIES = 2;

    private HttpClientBuilder httpClientBuilder;
    private String baseUrl;
    private String apiKey;
    private String organizationId;
    private String projectId;
    private Supplier<Map<String, String>> customHeaders;
    private Duration timeout;
    private Integer maxRetries;
    private Boolean logRequests;
    private Boolean logResponses;
    private List<ChatModelListener> listeners;
    private Boolean returnThinking;
    private Boolean sendThinking;
    private ChatRequestParameters defaultRequestParameters;
    private final CrosswalkChatRequestParameters.Builder parameters = CrosswalkChatRequestParameters.builder();

    protected CrosswalkModelBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The LangChain4j HTTP client to use; by default the one found on the class path (the JDK client). */
    public B httpClientBuilder(HttpClientBuilder httpClientBuilder) {
        this.httpClientBuilder = httpClientBuilder;
        return self();
    }

    /** The base URL, up to and including {@code /v1}; default {@code https://api.openai.com/v1}. */
    public B baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return self();
    }

    /** Sent as {@code Authorization: Bearer …}; never logged nor put in exceptions. */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /** Sent as {@code OpenAI-Organization}. */
    public B organizationId(String organizationId) {
        this.organizationId = organizationId;
        return self();
    }

    /** Sent as {@code OpenAI-Project}. */
    public B projectId(String projectId) {
        this.projectId = projectId;
        return self();
    }

    /** Extra HTTP headers sent with every request. */
    public B customHeaders(Map<String, String> customHeaders) {
        Map<String, String> copy = customHeaders == null ? Map.of() : Map.copyOf(customHeaders);
        this.customHeaders = () -> copy;
        return self();
    }

    /** Extra HTTP headers computed before every request, for example a refreshed OAuth token. */
    public B customHeaders(Supplier<Map<String, String>> customHeaders) {
        this.customHeaders = customHeaders;
        return self();
    }

    /** The protocol the endpoint speaks; default {@link WireApi#CHAT_COMPLETIONS}. */
    public B wireApi(WireApi wireApi) {
        parameters.wireApi(wireApi);
        return self();
    }

    public B modelName(String modelName) {
        parameters.modelName(modelName);
        return self();
    }

    public B temperature(Double temperature) {
        parameters.temperature(temperature);
        return self();
    }

    public B topP(Double topP) {
        parameters.topP(topP);
        return self();
    }

    /** {@code max_tokens} on Chat Completions (as LangChain4j's OpenAI model sends it), {@code max_output_tokens} on Responses. */
    public B maxOutputTokens(Integer maxOutputTokens) {
        parameters.maxOutputTokens(maxOutputTokens);
        return self();
    }

    /** Chat Completions only: Responses has no stop sequences, and a request with them is rejected there. */
    public B stopSequences(List<String> stopSequences) {
        parameters.stopSequences(stopSequences);
        return self();
    }

    public B toolSpecifications(List<ToolSpecification> toolSpecifications) {
        parameters.toolSpecifications(toolSpecifications);
        return self();
    }

    public B toolSpecifications(ToolSpecification... toolSpecifications) {
        return toolSpecifications(Arrays.asList(toolSpecifications));
    }

    public B toolChoice(ToolChoice toolChoice) {
        parameters.toolChoice(toolChoice);
        return self();
    }

    public B parallelToolCalls(Boolean parallelToolCalls) {
        parameters.parallelToolCalls(parallelToolCalls);
        return self();
    }

    /** Send tools strict unless a tool says otherwise; default {@code false}, written explicitly on Responses. */
    public B strictTools(Boolean strictTools) {
        parameters.strictTools(strictTools);
        return self();
    }

    public B responseFormat(ResponseFormat responseFormat) {
        parameters.responseFormat(responseFormat);
        return self();
    }

    /** Send JSON-schema response formats strict; default {@code false}. */
    public B strictJsonSchema(Boolean strictJsonSchema) {
        parameters.strictJsonSchema(strictJsonSchema);
        return self();
    }

    public B reasoningEffort(String reasoningEffort) {
        parameters.reasoningEffort(reasoningEffort);
        return self();
    }

    /** Responses only: ask for reasoning summaries ({@code auto}, {@code concise}, {@code detailed}). */
    public B reasoningSummary(String reasoningSummary) {
        parameters.reasoningSummary(reasoningSummary);
        return self();
    }

    /**
     * Put the model's reasoning (Chat's {@code reasoning_content}, Responses' reasoning summaries and text) into
     * {@code AiMessage.thinking()} and stream it to {@code onPartialThinking}; default {@code false}.
     */
    public B returnThinking(Boolean returnThinking) {
        this.returnThinking = returnThinking;
        return self();
    }

    /**
     * Send {@code AiMessage.thinking()} of earlier turns back (as {@code reasoning_content} on Chat, as a reasoning
     * item on Responses), as DeepSeek-style servers require during tool calls; default {@code false}. Encrypted
     * reasoning returned by Responses is always sent back on Responses.
     */
    public B sendThinking(Boolean sendThinking) {
        this.sendThinking = sendThinking;
        return self();
    }

    public B store(Boolean store) {
        parameters.store(store);
        return self();
    }

    /** Responses only. */
    public B previousResponseId(String previousResponseId) {
        parameters.previousResponseId(previousResponseId);
        return self();
    }

    /** Responses only, for example {@code List.of("reasoning.encrypted_content")}. */
    public B include(List<String> include) {
        parameters.include(include);
        return self();
    }

    public B serviceTier(String serviceTier) {
        parameters.serviceTier(serviceTier);
        return self();
    }

    public B promptCacheKey(String promptCacheKey) {
        parameters.promptCacheKey(promptCacheKey);
        return self();
    }

    /** Connect (at most 15 s) and read timeout; for streams also the longest silence between two reads. Default 60 s. */
    public B timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    /** Retries of rate-limited, 5xx and timed-out calls (streams: only before the first event); default 2. */
    public B maxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
        return self();
    }

    /** Log request bodies at INFO through SLF4J, with credential headers masked. */
    public B logRequests(Boolean logRequests) {
        this.logRequests = logRequests;
        return self();
    }

    /** Log response bodies and stream events at INFO (events at DEBUG) through SLF4J. */
    public B logResponses(Boolean logResponses) {
        this.logResponses = logResponses;
        return self();
    }

    public B listeners(List<ChatModelListener> listeners) {
        this.listeners = listeners;
        return self();
    }

    public B listeners(ChatModelListener... listeners) {
        return listeners(Arrays.asList(listeners));
    }

    /**
     * Default request parameters, common ({@code DefaultChatRequestParameters}) or Crosswalk's own; the individual
     * builder methods win over them.
     */
    public B defaultRequestParameters(ChatRequestParameters defaultRequestParameters) {
        this.defaultRequestParameters = defaultRequestParameters;
        return self();
    }

    /** The settings, resolved once. */
    ModelConfig config() {
        CrosswalkChatRequestParameters individual = parameters.build();
        CrosswalkChatRequestParameters defaults = CrosswalkChatRequestParameters.builder()
                .wireApi(WireApi.CHAT_COMPLETIONS)
                .overrideWith(defaultRequestParameters == null ? CrosswalkChatRequestParameters.EMPTY : defaultRequestParameters)
                .overrideWith(individual)
                .build();
        HttpTransport transport = new HttpTransport(httpClientBuilder, baseUrl != null ? baseUrl : DEFAULT_BASE_URL,
                new RequestHeaders(apiKey, organizationId, projectId, customHeaders), timeout,
                Boolean.TRUE.equals(logRequests), Boolean.TRUE.equals(logResponses));
        return new ModelConfig(defaults, transport, maxRetries != null ? maxRetries : DEFAULT_MAX_RETRIES,
                Boolean.TRUE.equals(returnThinking), Boolean.TRUE.equals(sendThinking),
                listeners == null ? List.of() : List.copyOf(listeners));
    }
}
