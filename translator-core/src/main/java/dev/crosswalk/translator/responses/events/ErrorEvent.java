package dev.crosswalk.translator.responses.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The stream failed ({@code error}). Written in both shapes at once: the spec's top-level {@code code}/{@code message}/
 * {@code param}, and the live API's nested {@code error} object, which is what the official SDKs look for before they
 * raise ({@code {"type":"error","sequence_number":2,"error":{"type":"insufficient_quota","code":...}}}). Read from
 * either: {@link #toOpenAiError()} prefers the nested object's values.
 *
 * <pre>{@code
 * ErrorEvent event = ErrorEvent.of(3, new OpenAiError("quota exceeded", "insufficient_quota", null, "insufficient_quota"));
 * }</pre>
 *
 * <p>Fields this version does not model are kept in {@link #extra()} and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonPropertyOrder("type")
public record ErrorEvent(
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonInclude(JsonInclude.Include.ALWAYS) String code,
        String message,
        @JsonInclude(JsonInclude.Include.ALWAYS) String param,
        OpenAiError error,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ResponseStreamEvent {

    public ErrorEvent {
        extra = Copies.map(extra);
    }

    /** The event for {@code error} in both shapes: top-level fields and the nested live {@code error} object. */
    public static ErrorEvent of(Integer sequenceNumber, OpenAiError error) {
        OpenAiError nested = new OpenAiError(error.message(), error.type() != null ? error.type() : "server_error",
                error.param(), error.code());
        return new ErrorEvent(sequenceNumber, error.code(), error.message(), error.param(), nested, Map.of());
    }

    /** The error this event reports, from whichever shape the sender used (the nested object wins where it has a value). */
    public OpenAiError toOpenAiError() {
        OpenAiError nested = error;
        if (nested == null) {
            return new OpenAiError(message, null, param, code);
        }
        return new OpenAiError(nested.message() != null ? nested.message() : message, nested.type(),
                nested.param() != null ? nested.param() : param, nested.code() != null ? nested.code() : code, nested.extra());
    }

    /** The protocol's type tag, always {@code "error"}. */
    @JsonProperty("type")
    public String type() {
        return "error";
    }
}
