package dev.crosswalk.translator.mapping;

import dev.crosswalk.translator.chat.CompletionUsage;
import dev.crosswalk.translator.chat.MessageAnnotation;
import dev.crosswalk.translator.chat.TokenLogprob;
import dev.crosswalk.translator.responses.Annotation;
import dev.crosswalk.translator.responses.LogProb;
import dev.crosswalk.translator.responses.Response;
import dev.crosswalk.translator.responses.ResponseUsage;
import dev.crosswalk.translator.responses.ResponsesRequest;
import dev.crosswalk.translator.responses.UrlCitationAnnotation;
import dev.crosswalk.translator.chat.ChatCompletionRequest;

/**
 * The 1:1 mappings the stream translators share with the non-streaming ones, so that a stream and a body with the
 * same content translate the same way. Internal: not part of the supported API.
 */
public final class StreamSupport {
    private StreamSupport() {
    }

    public static ResponseUsage usage(CompletionUsage usage) {
        return usage(usage, new java.util.ArrayList<>());
    }

    public static CompletionUsage usage(ResponseUsage usage) {
        return usage(usage, new java.util.ArrayList<>());
    }

    /** The usage in Responses' form; unknown members that would be duplicate keys are dropped into {@code warnings}. */
    public static ResponseUsage usage(CompletionUsage usage, java.util.List<dev.crosswalk.translator.error.Problem> warnings) {
        return usage == null ? null : withoutCollisions(UsageMapper.INSTANCE.toResponses(usage), "$.usage", warnings);
    }

    /** The usage in Chat's form; unknown members that would be duplicate keys are dropped into {@code warnings}. */
    public static CompletionUsage usage(ResponseUsage usage, java.util.List<dev.crosswalk.translator.error.Problem> warnings) {
        return usage == null ? null : withoutCollisions(UsageMapper.INSTANCE.toChat(usage), "$.response.usage", warnings);
    }

    private static <T> T withoutCollisions(T value, String path, java.util.List<dev.crosswalk.translator.error.Problem> warnings) {
        dev.crosswalk.translator.Translation<T> clean = new Report(true).finish(value);
        for (dev.crosswalk.translator.error.Problem p : clean.warnings()) {
            warnings.add(new dev.crosswalk.translator.error.Problem(path + p.path().substring(1), p.reason()));
        }
        return clean.value();
    }

    public static LogProb logprob(TokenLogprob logprob) {
        return AnnotationMapper.INSTANCE.toResponses(logprob);
    }

    public static TokenLogprob logprob(LogProb logprob) {
        return AnnotationMapper.INSTANCE.toChat(logprob);
    }

    public static Annotation annotation(MessageAnnotation annotation) {
        return AnnotationMapper.INSTANCE.toResponses(annotation);
    }

    public static MessageAnnotation annotation(UrlCitationAnnotation annotation) {
        return AnnotationMapper.INSTANCE.toChat(annotation);
    }

    /** A url_citation whose offsets count from {@code offset} code points into the Chat content. */
    public static MessageAnnotation annotation(UrlCitationAnnotation annotation, int offset) {
        return ResponseToChatCompletion.shifted(AnnotationMapper.INSTANCE.toChat(annotation), offset);
    }

    /** A response builder with the echo fields of the request being answered (or the API's defaults). */
    public static Response.Builder echo(ResponsesRequest request) {
        return Echo.from(request);
    }

    /** Whether a Chat request asked for the usage chunk ({@code stream_options.include_usage}). */
    public static boolean includeUsage(ChatCompletionRequest request) {
        return request != null && request.streamOptions() != null && Boolean.TRUE.equals(request.streamOptions().includeUsage());
    }
}
