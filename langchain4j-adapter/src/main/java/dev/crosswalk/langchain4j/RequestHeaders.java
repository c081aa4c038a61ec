package dev.crosswalk.langchain4j;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP headers of every request, and the knowledge of which of them are secret. Holds the API key, so it is
 * neither a record nor printable: {@link #toString()} and {@link #redact(String)} keep the key out of logs and
 * exception messages.
 */
final class RequestHeaders {
    static final String USER_AGENT = "crosswalk-langchain4j";
    private static final String MASK = "***";

    private final String apiKey;
    private final String organizationId;
    private final String projectId;
    private final Supplier<Map<String, String>> custom;

    RequestHeaders(String apiKey, String organizationId, String projectId, Supplier<Map<String, String>> custom) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
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

    /** {@code text} with every occurrence of the API key replaced: upstreams and proxies sometimes echo it. */
    String redact(String text) {
        if (text == null || apiKey == null) {
            return text;
        }
        return text.replace(apiKey, MASK);
    }

    /** Whether a header's value must not be logged. */
    static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("auth") || n.contains("key") || n.contains("token") || n.contains("secret")
                || n.contains("password") || n.contains("cookie") || n.contains("credential");
    }

    static String mask(String name, String value) {
        return isSecret(name) ? MASK : value;
    }

    @Override
    public String toString() {
        return "RequestHeaders{apiKey=" + (apiKey == null ? "none" : MASK) + ", organizationId=" + organizationId
                + ", projectId=" + projectId + '}';
    }
}
