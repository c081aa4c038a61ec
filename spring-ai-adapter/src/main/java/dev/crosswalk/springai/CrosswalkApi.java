package dev.crosswalk.springai;

import dev.crosswalk.translator.WireApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.sse.SseEvent;
import dev.crosswalk.translator.sse.SseParser;
import reactor.core.publisher.Flux;

import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The HTTP side of a {@link CrosswalkChatModel}: posts JSON bodies to the Chat Completions or Responses endpoint,
 * with Spring's {@link RestClient} for calls and {@link WebClient} for SSE streams (both on the JDK HTTP client
 * unless other builders are given), retries transient failures with a {@link RetryTemplate}, and turns HTTP
 * errors into {@link CrosswalkApiException}s.
 *
 * <pre>{@code
 * CrosswalkApi api = CrosswalkApi.builder()
 *         .baseUrl("https://gateway.example")
 *         .apiKey(System.getenv("GATEWAY_API_KEY"))
 *         .readTimeout(Duration.ofMinutes(2))
 *         .build();
 * }</pre>
 *
 * <p>The API key goes into the {@code Authorization} header and nowhere else: not into logs, exception messages or
 * {@link #toString()}.
 */
public final class CrosswalkApi {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com";
    public static final String DEFAULT_CHAT_COMPLETIONS_PATH = "/v1/chat/completions";
    public static final String DEFAULT_RESPONSES_PATH = "/v1/responses";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    /** Retries after the first attempt, as in OpenAI's SDKs and LangChain4j's OpenAI models. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(500);
    public static final double DEFAULT_RETRY_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(8);

    private static final Logger log = LoggerFactory.getLogger(CrosswalkApi.class);

    private final String chatCompletionsPath;
    private final String responsesPath;
    private final URI chatCompletionsUrl;
    private final URI responsesUrl;
    private final Duration readTimeout;
    private final RestClient restClient;
    private final WebClient webClient;
    private final RetryTemplate retryTemplate;
    private final UpstreamErrors errors;

    private CrosswalkApi(Builder b) {
        this.chatCompletionsPath = b.chatCompletionsPath;
        this.responsesPath = b.responsesPath;
        this.chatCompletionsUrl = URI.create(join(b.baseUrl, b.chatCompletionsPath));
        this.responsesUrl = URI.create(join(b.baseUrl, b.responsesPath));
        this.readTimeout = b.readTimeout;
        this.retryTemplate = b.retryTemplate != null ? b.retryTemplate
                : Retries.template(b.maxRetries, DEFAULT_RETRY_DELAY, DEFAULT_RETRY_MULTIPLIER, DEFAULT_RETRY_MAX_DELAY);
        this.errors = new UpstreamErrors(JsonCodec.jackson3(), b.apiKey);
        HttpClient http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
        RestClient.Builder rest = b.restClientBuilder != null ? b.restClientBuilder.clone() : RestClient.builder();
        if (b.restClientBuilder == null) {
            JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
            factory.setReadTimeout(b.readTimeout);
            rest.requestFactory(factory);
        }
        WebClient.Builder web = b.webClientBuilder != null ? b.webClientBuilder.clone() : WebClient.builder();
        if (b.webClientBuilder == null) {
            JdkClientHttpConnector connector = new JdkClientHttpConnector(http);
            connector.setReadTimeout(b.readTimeout);
            web.clientConnector(connector);
        }
        HttpHeaders headers = headers(b.apiKey, b.headers);
        this.restClient = rest.defaultHeaders(h -> h.addAll(headers)).build();
        this.webClient = web.defaultHeaders(h -> h.addAll(headers)).build();
    }

    /**
     * {@code baseUrl + path}, where a base URL that already ends with {@code /v1} (as OpenAI's SDKs, Spring AI's
     * OpenAI model, LangChain4j and the bridge's {@code --upstream} write it) absorbs the path's own leading
     * {@code /v1}: {@code https://host} and {@code https://host/v1} both reach {@code https://host/v1/responses}.
     */
    static String join(String baseUrl, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (baseUrl.endsWith("/v1") && (p.startsWith("/v1/") || p.equals("/v1"))) {
            p = p.substring(3);
        }
        return baseUrl + p;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The path requests for {@code wireApi} go to, as configured (see {@link #url} for the URL called). */
    public String path(WireApi wireApi) {
        return wireApi == WireApi.RESPONSES ? responsesPath : chatCompletionsPath;
    }

    /** The full URL requests for {@code wireApi} go to. */
    public URI url(WireApi wireApi) {
        return wireApi == WireApi.RESPONSES ? responsesUrl : chatCompletionsUrl;
    }

    /**
     * Posts a JSON body and returns the JSON answer, retrying transient failures.
     *
     * @throws CrosswalkApiException on an HTTP error answer (after retries, for 429 and 5xx)
     * @throws ResourceAccessException when the upstream cannot be reached or does not answer in time
     */
    public byte[] post(WireApi wireApi, byte[] jsonBody) {
        URI url = url(wireApi);
        log.debug("POST {} ({} bytes)", url, jsonBody.length);
        return Retries.execute(retryTemplate, "POST " + url, () -> restClient.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(jsonBody)
                .exchange((request, response) -> {
                    byte[] body = response.getBody().readAllBytes();
                    if (response.getStatusCode().isError()) {
                        throw errors.httpError("POST " + url, response.getStatusCode(), response.getHeaders(), body);
                    }
                    return body;
                }));
    }

    /**
     * Posts a JSON body that asks for a stream, and returns the SSE events as they arrive. Failures before the
     * first event are retried like {@link #post}; a failure after it ends the Flux with that error. A gap between
     * two reads longer than the read timeout ends it with a {@link ResourceAccessException}.
     */
    public Flux<SseEvent> stream(WireApi wireApi, byte[] jsonBody) {
        URI url = url(wireApi);
        Flux<SseEvent> attempt = Flux.defer(() -> {
            log.debug("POST {} (stream, {} bytes)", url, jsonBody.length);
            List<SseEvent> parsed = new ArrayList<>();
            SseParser parser = new SseParser(parsed::add);
            return webClient.post()
                    .uri(url)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .bodyValue(jsonBody)
                    .exchangeToFlux(response -> response.statusCode().isError()
                            ? response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                    .flatMapMany(body -> Flux.<byte[]>error(errors.httpError("POST " + url,
                                            response.statusCode(), response.headers().asHttpHeaders(), body)))
                            : response.bodyToFlux(byte[].class))
                    .timeout(readTimeout)
                    .onErrorMap(TimeoutException.class, e -> new ResourceAccessException(
                            "POST " + url + ": no data from the upstream for " + readTimeout,
                            new HttpTimeoutException("stream idle for " + readTimeout)))
                    // As RestClient does for calls: an I/O failure is a ResourceAccessException, whatever the client.
                    // The connector's own failures (its read timeout, a refused connection) name no URL: this does,
                    // and keeps the cause, by which retries tell a connect failure from a timeout.
                    .onErrorMap(WebClientRequestException.class, e -> new ResourceAccessException(
                            "I/O error on POST " + url + ": " + e.getMessage(),
                            e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e)))
                    .onErrorMap(IOException.class, e -> new ResourceAccessException(
                            "I/O error on POST " + url + " while reading the stream: " + e.getMessage(), e))
                    .concatMapIterable(bytes -> {
                        parsed.clear();
                        parser.feed(bytes, 0, bytes.length);
                        return List.copyOf(parsed);
                    })
                    .concatWith(Flux.defer(() -> {
                        parsed.clear();
                        parser.finish();
                        return Flux.fromIterable(List.copyOf(parsed));
                    }));
        });
        return Retries.retryBeforeFirstItem(attempt, retryTemplate.getRetryPolicy());
    }

    /** Scrubs the API key from text that may echo it (upstream error messages). */
    String redact(String text) {
        return errors.redact(text);
    }

    UpstreamErrors errors() {
        return errors;
    }

    @Override
    public String toString() {
        return "CrosswalkApi{chatCompletionsUrl=" + chatCompletionsUrl + ", responsesUrl=" + responsesUrl + "}";
    }

    private static HttpHeaders headers(@Nullable String apiKey, Map<String, String> extra) {
        HttpHeaders headers = new HttpHeaders();
        extra.forEach(headers::set);
        if (apiKey != null && !apiKey.isBlank()) {
            headers.setBearerAuth(apiKey);
        }
        return headers;
    }

    /** Builds a {@link CrosswalkApi}; only the API key is usually needed (the base URL defaults to OpenAI's). */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private @Nullable String apiKey;
        private String chatCompletionsPath = DEFAULT_CHAT_COMPLETIONS_PATH;
        private String responsesPath = DEFAULT_RESPONSES_PATH;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private RestClient.@Nullable Builder restClientBuilder;
        private WebClient.@Nullable Builder webClientBuilder;
        private @Nullable RetryTemplate retryTemplate;
        private long maxRetries = DEFAULT_MAX_RETRIES;

        private Builder() {
        }

        /**
         * Scheme, host and port, and a path prefix if any: {@code https://api.openai.com} and
         * {@code https://api.openai.com/v1} mean the same (a trailing {@code /v1} is not repeated from the paths).
         */
        public Builder baseUrl(String baseUrl) {
            Assert.hasText(baseUrl, "baseUrl must not be empty");
            this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            return this;
        }

        /** Sent as {@code Authorization: Bearer <key>}; {@code null} or blank sends no such header. */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder chatCompletionsPath(String path) {
            Assert.hasText(path, "chatCompletionsPath must not be empty");
            this.chatCompletionsPath = path;
            return this;
        }

        public Builder responsesPath(String path) {
            Assert.hasText(path, "responsesPath must not be empty");
            this.responsesPath = path;
            return this;
        }

        /** Headers sent with every request, e.g. {@code OpenAI-Organization} or a gateway's own. */
        public Builder headers(Map<String, String> headers) {
            this.headers.putAll(Objects.requireNonNull(headers, "headers"));
            return this;
        }

        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        /** How long to wait for a connection (default 10 s); applies to the default JDK clients only. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for an answer (default 5 min); in a stream, the longest silence between two reads.
         * The call side applies it through the default JDK client only; the stream side always.
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
            return this;
        }

        /** A builder to start from for calls, instead of one on the JDK HTTP client; it is copied, not changed. */
        public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
            this.restClientBuilder = restClientBuilder;
            return this;
        }

        /** A builder to start from for streams, instead of one on the JDK HTTP client; it is copied, not changed. */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            this.webClientBuilder = webClientBuilder;
            return this;
        }

        /**
         * The retry template (default: 2 retries, back-off from 500 ms doubling up to 8 s, on 429, 5xx and connection
         * failures). Streams are retried with its {@linkplain RetryTemplate#getRetryPolicy() policy} until their first
         * event.
         */
        public Builder retryTemplate(RetryTemplate retryTemplate) {
            this.retryTemplate = retryTemplate;
            return this;
        }

        /**
         * How many times a failed request is retried (default 2; 0 turns retries off), with the default back-off:
         * 500 ms doubling up to 8 s, or longer when the upstream asks with {@code Retry-After}. Replaces an earlier
         * {@link #retryTemplate} or {@link #retry}.
         */
        public Builder maxRetries(long maxRetries) {
            Assert.isTrue(maxRetries >= 0, "maxRetries must not be negative");
            this.maxRetries = maxRetries;
            this.retryTemplate = null;
            return this;
        }

        /** A retry template like the default one, with these settings. */
        public Builder retry(long maxRetries, Duration delay, double multiplier, Duration maxDelay) {
            this.retryTemplate = Retries.template(maxRetries, delay, multiplier, maxDelay);
            return this;
        }

        public CrosswalkApi build() {
            return new CrosswalkApi(this);
        }
    }
}
