package dev.crosswalk.langchain4j;

import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.error.OpenAiError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP headers of every request. Holds the API key, so it is neither a record nor printable: {@link #toString()}
 * and {@link #redact(String)} keep the key out of logs and exception messages, by the core's one {@link Redactor}
 * policy (the key at any length, key-shaped tokens, credential headers).
 */
final class RequestHeaders {
    static final String USER_AGENT = "crosswalk-langchain4j";

    private final String apiKey;
    private final String organizationId;
    private final String projectId;
    private final Supplier<Map<String, String>> custom;
    private final Redactor redactor;

    RequestHeaders(String apiKey, String organizationId, String projectId, Supplier<Map<String, String>> custom) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.redactor = this.apiKey == null ? Redactor.patternsOnly() : Redactor.of(this.apiKey);
        this.organizationId = organizationId;
        this.projectId = projectId;
        this.custom = custom;
    }

    /** The headers for one request; custom headers are asked for anew each time (they may carry refreshed tokens). */
    Map<String, String> forRequest(boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        headers.put("User-Agent", USER_AGENT);
        if (apiKey != null) {
            headers.put("Authorization", "Bearer " + apiKey);
        }
        if (organizationId != null) {
            headers.put("OpenAI-Organization", organizationId);
        }
        if (projectId != null) {
            headers.put("OpenAI-Project", projectId);
        }
        Map<String, String> extra = custom == null ? null : custom.get();
        if (extra != null) {
            headers.putAll(extra);
        }
        return headers;
    }

    /** {@code text} with credentials masked: upstreams and proxies sometimes echo the key. */
    String redact(String text) {
        return text == null ? null : redactor.redact(text);
    }

    /** The error with credentials masked in every member. */
    OpenAiError redact(OpenAiError error) {
        return redactor.redact(error);
    }

    /** A header's value as it may be logged. */
    String mask(String name, String value) {
        return redactor.redactHeader(name, value);
    }

    @Override
    public String toString() {
        return "RequestHeaders{apiKey=" + (apiKey == null ? "none" : Redactor.MASK) + ", organizationId=" + organizationId
                + ", projectId=" + projectId + '}';
    }
}
