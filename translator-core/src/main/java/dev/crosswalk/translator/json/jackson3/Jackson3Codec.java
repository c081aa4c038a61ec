package dev.crosswalk.translator.json.jackson3;

import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.internal.JsonLimits;
import dev.crosswalk.translator.json.JsonPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson 3 codec. Its configuration mirrors {@code Jackson2Codec} setting for setting. */
public final class Jackson3Codec implements JsonCodec {
    private final JsonMapper mapper;

    public Jackson3Codec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(JsonLimits.MAX_NESTING_DEPTH)
                        .maxStringLength(JsonLimits.MAX_STRING_LENGTH)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(JsonLimits.MAX_WRITE_NESTING_DEPTH)
                        .build())
                // non-BMP characters (emoji) as UTF-8, not as \uD83D\uDE42 escapes: Jackson 3's default, not Jackson 2's
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // A scalar of the wrong JSON type is an error naming its path, as OpenAI answers 400 for it, never
                // coerced: "stream":"true", "model":1, "store":0, "temperature":"0.5", "max_tokens":1.5.
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    @Override
    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public Object readTree(String json) {
        return read(json, Object.class);
    }

    @Override
    public <T> T convert(Object tree, Class<T> type) {
        try {
            return mapper.convertValue(tree, type);
        } catch (RuntimeException e) {
            throw malformed(e.getCause() instanceof JacksonException j ? j : e);
        }
    }

    @Override
    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    @Override
    public byte[] writeBytes(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public String name() {
        return "jackson3";
    }

    private static MalformedJsonException malformed(Throwable e) {
        String path = "$";
        String detail = e.getMessage();
        String where = "";
        if (e instanceof JacksonException j) {
            for (JacksonException.Reference ref : j.getPath()) {
                path = ref.getPropertyName() != null ? JsonPaths.field(path, ref.getPropertyName())
                        : ref.getIndex() >= 0 ? JsonPaths.index(path, ref.getIndex()) : path;
            }
            detail = j.getOriginalMessage();
            if (j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                where = " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
            }
        }
        return new MalformedJsonException(path, "malformed JSON at " + path + where + ": " + JsonLimits.firstLine(detail), e);
    }
}
