package dev.crosswalk.langchain4j;

import java.nio.charset.StandardCharsets;
import dev.crosswalk.translator.error.UpstreamError;
import dev.crosswalk.translator.error.Redactor;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Every failure as a {@code dev.langchain4j.exception} type, with the upstream's own message kept and the API key
 * never shown: 401/403 authentication, 404 model not found, 408 and timeouts timeout, 429 rate limit, other 4xx
 * invalid request, 5xx internal server, content filtering content filtered.
 */
final class Errors {
    private static final int MAX_BODY_IN_MESSAGE = 2000;

    private Errors() {
    }

    /** A translation to Responses; fields Responses lacks become an {@link dev.langchain4j.exception.UnsupportedFeatureException}. */
    static <T> T translating(Supplier<T> translation) {
        try {
            return translation.get();
        } catch (UntranslatableException e) {
            throw new dev.langchain4j.exception.UnsupportedFeatureException(
                    "cannot send on RESPONSES, " + e.getMessage() + " (paths are in the Chat Completions form of the request)");
        }
    }

    /** Reading an answer; a body that is not the protocol's JSON is the server's fault. */
    static <T> T reading(Supplier<T> read, String what) {
        try {
            return read.get();
        } catch (MalformedJsonException e) {
            throw new InternalServerException("the endpoint's answer is not a valid " + what + ": " + maskKeys(e.getMessage()), e);
        }
    }

    /** Translating a Responses object; a failed or cancelled response is an error, never an answer. */
    static <T> T failing(Supplier<T> translation) {
        try {
            return translation.get();
        } catch (ResponseFailedException e) {
            throw failed(e.error());
        }
    }

    /**
     * Upstream text can quote a rejected key ("Incorrect API key provided: sk-...") or, through Jackson's excerpt, a
     * body; key-shaped tokens are masked (the core's {@link Redactor} policy) wherever such text reaches an exception
     * message without the request's headers at hand. With them, {@link RequestHeaders#redact} also masks the key.
     */
    static String maskKeys(String text) {
        return text == null ? null : Redactor.patternsOnly().redact(text);
    }

    /** An error the endpoint reported inside a 200 answer or stream, by its code. */
    static RuntimeException failed(OpenAiError error) {
        String code = error.code() == null ? "" : error.code().toLowerCase(Locale.ROOT);
        String message = "the endpoint reported an error: " + maskKeys(error.message())
                + (error.code() == null ? "" : " (code " + maskKeys(error.code()) + ")");
        if (isContentFilter(code)) {
            return new ContentFilteredException(message);
        }
        if (code.contains("rate_limit") || code.contains("quota")) {
            return new RateLimitException(message);
        }
        if (code.startsWith("invalid") || code.contains("context_length") || code.equals("cancelled")) {
            return new InvalidRequestException(message);
        }
        return new InternalServerException(message);
    }

    private static boolean isContentFilter(String code) {
        return code.contains("content_filter") || code.contains("content_policy");
    }

    /** Maps what the HTTP client or the translation threw; keeps LangChain4j exceptions that are already specific. */
    static RuntimeException map(Throwable t, RequestHeaders headers) {
        Throwable e = unwrap(t);
        if (e instanceof HttpException h) {
            return http(h.statusCode(), h.getMessage(), headers);
        }
        if (e instanceof LangChain4jException l) {
            return l;
        }
        if (timedOut(e)) {
            return new TimeoutException("the endpoint did not answer in time: " + headers.redact(e.getMessage()), e);
        }
        if (e instanceof UnresolvedAddressException || e instanceof UnknownHostException) {
            return new UnresolvedModelServerException(e);
        }
        if (e instanceof UntranslatableException u) {
            return new dev.langchain4j.exception.UnsupportedFeatureException(u.getMessage());
        }
        if (e instanceof ResponseFailedException f) {
            return failed(f.error());
        }
        if (e instanceof MalformedJsonException m) {
            return new InternalServerException("the endpoint's answer is not valid: " + m.getMessage(), m);
        }
        return new LangChain4jException(headers.redact(String.valueOf(e.getMessage())), e);
    }

    /** An HTTP error status and its body; the body's OpenAI-style error message is what the user reads. */
    static RuntimeException http(int status, String body, RequestHeaders headers) {
        String redactedBody = headers.redact(body);
        OpenAiError error = redactedBody == null ? null
                : UpstreamError.readBody(redactedBody.getBytes(StandardCharsets.UTF_8), WireMapper.CODEC);
        String message = "HTTP " + status + ": " + describe(error, redactedBody) + typeAndCode(error);
        HttpException cause = new HttpException(status, redactedBody);
        // A gateway may say "content_filter" in the type alone: classify by either, report each in its slot.
        String kind = error == null ? "" : error.code() != null ? error.code() : error.type() == null ? "" : error.type();
        if (isContentFilter(kind.toLowerCase(Locale.ROOT))) {
            return new ContentFilteredException(message, cause);
        }
        if (status == 401 || status == 403) {
            return new AuthenticationException(message, cause);
        }
        if (status == 404) {
            return new ModelNotFoundException(message, cause);
        }
        if (status == 408) {
            return new TimeoutException(message, cause);
        }
        if (status == 429) {
            return new RateLimitException(message, cause);
        }
        if (status >= 400 && status < 500) {
            return new InvalidRequestException(message, cause);
        }
        if (status >= 500 && status < 600) {
            return new InternalServerException(message, cause);
        }
        return new LangChain4jException(message, cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static boolean timedOut(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof HttpTimeoutException || e instanceof java.util.concurrent.TimeoutException
                    || e instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The upstream error's own message, or (HTML, plain text from a gateway) the shortened body itself. */
    private static String describe(OpenAiError error, String body) {
        if (error != null && error.message() != null) {
            return error.message();
        }
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String text = body.strip();
        return text.length() > MAX_BODY_IN_MESSAGE ? text.substring(0, MAX_BODY_IN_MESSAGE) + "…" : text;
    }

    /**
     * {@code " (type t, code c)"}, with what the error has, or nothing. Each stays in its own slot: a {@code type}
     * ({@code invalid_request_error}) is never reported as the {@code code} ({@code previous_response_not_found}),
     * which is what a caller branches on.
     */
    private static String typeAndCode(OpenAiError error) {
        String type = error == null ? null : error.type();
        String code = error == null ? null : error.code();
        if (type == null && code == null) {
            return "";
        }
        return " (" + (type == null ? "" : "type " + type) + (type != null && code != null ? ", " : "")
                + (code == null ? "" : "code " + code) + ")";
    }
}
