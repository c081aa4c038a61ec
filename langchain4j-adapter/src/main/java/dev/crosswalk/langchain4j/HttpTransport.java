package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.WireApi;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to the endpoint through LangChain4j's HTTP client SPI, so the user's client choice (JDK by default) and its
 * settings hold. Logs through SLF4J with credential headers masked.
 */
final class HttpTransport {
    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

    private final HttpClient client;
    private final String baseUrl;
    private final RequestHeaders headers;
    private final Duration readTimeout;
    private final boolean logRequests;
    private final boolean logResponses;

    /**
     * @param timeout the user's timeout, or {@code null}: then the client builder's own timeouts hold, else the defaults
     */
    HttpTransport(HttpClientBuilder builder, String baseUrl, RequestHeaders headers, Duration timeout,
            boolean logRequests, boolean logResponses) {
        HttpClientBuilder b = builder != null ? builder : HttpClientBuilderLoader.loadHttpClientBuilder();
        Duration read = timeout != null ? timeout : b.readTimeout() != null ? b.readTimeout() : CrosswalkModelBuilder.DEFAULT_TIMEOUT;
        Duration connect = timeout != null ? min(timeout, CrosswalkModelBuilder.DEFAULT_CONNECT_TIMEOUT)
                : b.connectTimeout() != null ? b.connectTimeout() : CrosswalkModelBuilder.DEFAULT_CONNECT_TIMEOUT;
        this.client = b.connectTimeout(connect).readTimeout(read).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.headers = headers;
        this.readTimeout = read;
        this.logRequests = logRequests;
        this.logResponses = logResponses;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    RequestHeaders headers() {
        return headers;
    }

    /** The longest a stream may stay silent: the read timeout, which the HTTP client applies only until the headers. */
    Duration idleTimeout() {
        return readTimeout;
    }

    boolean logResponses() {
        return logResponses;
    }

    HttpRequest request(WireApi wire, String body, boolean stream) {
        return HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(baseUrl + wire.path())
                .addHeaders(headers.forRequest(stream))
                .body(body)
                .build();
    }

    /** Sends a request and returns the body of its 2xx answer; anything else is thrown as the client threw it. */
    String execute(HttpRequest request) {
        logRequest(request);
        SuccessfulHttpResponse response = client.execute(request);
        String body = response.body();
        if (logResponses) {
            log.info("HTTP response: status {}, body: {}", response.statusCode(), headers.redact(body));
        }
        return body;
    }

    /** Starts a streaming request; the client calls back on its own thread. */
    void stream(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        logRequest(request);
        client.execute(request, parser, listener);
    }

    private void logRequest(HttpRequest request) {
        if (logRequests) {
            log.info("HTTP request: {} {}, headers: {}, body: {}", request.method(), request.url(),
                    masked(request.headers()), headers.redact(request.body()));
        }
    }

    private String masked(Map<String, List<String>> requestHeaders) {
        return requestHeaders.entrySet().stream()
                .map(h -> h.getKey() + ": " + headers.mask(h.getKey(), String.join(",", h.getValue())))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
