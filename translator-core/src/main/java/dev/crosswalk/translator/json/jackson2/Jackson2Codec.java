package dev.crosswalk.translator.json.jackson2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.internal.JsonLimits;
import dev.crosswalk.translator.json.JsonPaths;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.internal.JsonList;
import dev.crosswalk.translator.internal.RequestJson;
import dev.crosswalk.translator.internal.StreamJsonReader;
import dev.crosswalk.translator.internal.StreamJsonWriter;
import dev.crosswalk.translator.internal.TokenCodec;
import dev.crosswalk.translator.internal.TokenSession;
import dev.crosswalk.translator.internal.JsonOut;
import dev.crosswalk.translator.internal.JsonTokens;
import java.util.function.Consumer;
import java.util.function.Predicate;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.OutputStream;
import java.util.List;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The Jackson 2 codec. Its configuration mirrors {@code Jackson3Codec} setting for setting. */
public final class Jackson2Codec implements JsonCodec, TokenCodec {
    private final JsonMapper mapper;
    private final boolean fastPaths;

    public Jackson2Codec() {
        this(true);
    }

    /**
     * @param fastPaths whether stream chunks, delta events and the two request records are read and written with direct parser and generator
     *        calls ({@code true}, the default) or, like everything else, with the data binder (for tests that hold
     *        both paths to the same output, and for benchmarks)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Jackson2Codec(boolean fastPaths) {
        this.fastPaths = fastPaths;
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
                .annotationIntrospector(new TagFirstTypes())
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
                // Lists Jackson builds go into records without a second copy (Copies adopts a JsonList).
                .addModule(new SimpleModule("crosswalk-lists").addAbstractTypeMapping(List.class, (Class) JsonList.class))
                .build();
    }

    @Override
    public <T> T read(String json, Class<T> type) {
        try {
            if (fastPaths) {
                T fast = isStreamType(type) ? fastRead(mapper.getFactory().createParser(json), type) : RequestJson.read(this, json, type);
                if (fast != null) {
                    return fast;
                }
            }
            return mapper.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
        try {
            if (fastPaths) {
                T fast = isStreamType(type) ? fastRead(mapper.getFactory().createParser(json), type) : RequestJson.read(this, json, type);
                if (fast != null) {
                    return fast;
                }
            }
            return mapper.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> RequestJson.Read<T> readRequest(String json, Class<T> type) {
        try {
            RequestJson.Read<T> fast = fastPaths ? RequestJson.readRequest(this, json, type) : null;
            return fast != null ? fast : new RequestJson.Read<>(mapper.readValue(json, type), true);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> RequestJson.Read<T> readRequest(byte[] json, Class<T> type) {
        try {
            RequestJson.Read<T> fast = fastPaths ? RequestJson.readRequest(this, json, type) : null;
            return fast != null ? fast : new RequestJson.Read<>(mapper.readValue(json, type), true);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> T read(java.io.InputStream json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException | RuntimeException e) {
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
        } catch (IllegalArgumentException e) {
            throw malformed(e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public String write(Object value) {
        String request = fastPaths ? RequestJson.write(this, value) : null;
        if (request != null) {
            return request;
        }
        try {
            if (fastPaths && StreamJsonWriter.covers(value)) {
                try (SegmentedStringWriter text = new SegmentedStringWriter(mapper.getFactory()._getBufferRecycler())) {
                    fastWrite(value, mapper.getFactory().createGenerator(text));
                    return text.getAndClear();
                }
            }
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public byte[] writeBytes(Object value) {
        byte[] request = fastPaths ? RequestJson.writeBytes(this, value) : null;
        if (request != null) {
            return request;
        }
        try {
            if (fastPaths && StreamJsonWriter.covers(value)) {
                try (ByteArrayBuilder bytes = new ByteArrayBuilder(mapper.getFactory()._getBufferRecycler())) {
                    fastWrite(value, mapper.getFactory().createGenerator(bytes, JsonEncoding.UTF8));
                    byte[] result = bytes.toByteArray();
                    bytes.release();
                    return result;
                }
            }
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public void writeTo(Object value, OutputStream out) {
        // Closed after the value (closing flushes, and gives the generator's 12 KB of buffers back to the recycler;
        // left open, every write took new ones), but the target stays open, as this method promises.
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            if (fastPaths && StreamJsonWriter.covers(value)) {
                StreamJsonWriter.write(value, new Jackson2Streams.Out(generator));
            } else {
                mapper.writeValue(generator, value);
            }
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader) {
        try (JsonParser parser = mapper.getFactory().createParser(json, offset, length)) {
            parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            return reader.test(new Jackson2Streams.Tokens(parser));
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    @Override
    public boolean read(String json, Predicate<JsonTokens> reader) {
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            return reader.test(new Jackson2Streams.Tokens(parser));
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    @Override
    public String writeString(Consumer<JsonOut> writer) {
        // writeValueAsString's buffers: a segmented writer over the factory's recycler, given back at the end.
        com.fasterxml.jackson.core.util.BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter text = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator generator = mapper.getFactory().createGenerator(text)) {
                writer.accept(new Jackson2Streams.Out(generator));
            }
            return text.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    @Override
    public byte[] writeBytes(Consumer<JsonOut> writer) {
        com.fasterxml.jackson.core.util.BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                writer.accept(new Jackson2Streams.Out(generator));
            }
            return bytes.getClearAndRelease();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    @Override
    public TokenSession session() {
        return new Jackson2Streams.Session(mapper.getFactory());
    }

    private static boolean isStreamType(Class<?> type) {
        return type == ChatCompletionChunk.class || type == ResponseStreamEvent.class;
    }

    /** The fast path's reading, or {@code null} where it does not cover the input (the data binder then reads it). */
    private static <T> T fastRead(JsonParser parser, Class<T> type) {
        try (parser) {
            // The reader checks duplicates itself without a hash set per object; a duplicate falls back.
            parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            Jackson2Streams.Tokens tokens = new Jackson2Streams.Tokens(parser);
            Object value = type == ChatCompletionChunk.class ? StreamJsonReader.chunk(tokens) : StreamJsonReader.event(tokens);
            return type.cast(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void fastWrite(Object value, JsonGenerator generator) throws IOException {
        try (generator) {
            StreamJsonWriter.write(value, new Jackson2Streams.Out(generator));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public String name() {
        return "jackson2";
    }

    private static MalformedJsonException malformed(Throwable e) {
        String path = "$";
        if (e instanceof JsonMappingException d) {
            for (JsonMappingException.Reference ref : d.getPath()) {
                path = ref.getFieldName() != null ? JsonPaths.field(path, ref.getFieldName())
                        : ref.getIndex() >= 0 ? JsonPaths.index(path, ref.getIndex()) : path;
            }
        }
        String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        String where = "";
        if (e instanceof JsonProcessingException p && p.getLocation() != null && p.getLocation().getLineNr() > 0) {
            where = " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")";
        }
        return new MalformedJsonException(path, "malformed JSON at " + path + where + ": " + JsonLimits.firstLine(detail), e);
    }
}
