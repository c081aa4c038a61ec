package dev.crosswalk.translator.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosswalk.translator.internal.Copies;
import java.util.Map;

/**
 * The error object both protocols share: the value of {@code {"error": {...}}}.
 *
 * @param message what went wrong, for a person
 * @param type the error class, for example {@code invalid_request_error}
 * @param param the offending parameter or JSON path, or {@code null}
 * @param code a machine-readable code, or {@code null}
 * @param extra fields this version does not model
 */
public record OpenAiError(
        @JsonInclude(JsonInclude.Include.ALWAYS) String message,
        @JsonInclude(JsonInclude.Include.ALWAYS) String type,
        @JsonInclude(JsonInclude.Include.ALWAYS) String param,
        @JsonInclude(JsonInclude.Include.ALWAYS) String code,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public OpenAiError {
        extra = Copies.map(extra);
    }

    public OpenAiError(String message, String type, String param, String code) {
        this(message, type, param, code, Map.of());
    }

    /**
     * A JSON path as OpenAI writes it in {@code param}: {@code $.tools[2].type} becomes {@code tools[2].type},
     * {@code $.n} becomes {@code n}; the document root ({@code $}) is no parameter, so {@code null}.
     */
    public static String param(String jsonPath) {
        if (jsonPath == null || jsonPath.equals("$")) {
            return null;
        }
        if (jsonPath.startsWith("$.")) {
            return jsonPath.substring(2);
        }
        return jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
    }

    /** The full error document: {@code {"error": this}}. */
    public ErrorResponse toResponse() {
        return new ErrorResponse(this);
    }
}
