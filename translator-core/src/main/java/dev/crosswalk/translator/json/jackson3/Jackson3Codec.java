package dev.crosswalk.translator.json.jackson3;

import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.internal.JsonLimits;
import dev.crosswalk.translator.json.JsonPaths;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.internal.JsonList;
import dev.crosswalk.translator.internal.TextOrList;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.module.SimpleModule;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson 3 codec. Its configuration mirrors {@code Jackson2Codec} setting for setting. */
public final class Jackson3Codec implements JsonCodec, TokenCodec {
    private final JsonMapper mapper;
    private final boolean fastPaths;

    public Jackson3Codec() {
        this(true);
    }

    /**
     * @param fastPaths whether stream chunks, delta events and the two request records are read and written with direct parser and generator
     *        calls ({@code true}, the default) or, like everything else, with the data binder (for tests that hold
     *        both paths to the same output, and for benchmarks)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Jackson3Codec(boolean fastPaths) {
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
                // writeTo's stream stays open, as it promises (Jackson 2's generator there is made without it too);
                // the codec's own writes go into its own buffers
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        this.mapper = new JsonMapper.Builder(factory) {
                    {
                        typeResolverProvider(new TagFirstTypes()); // protected: set from a subclass
                    }
                }
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
                .addModule(new SimpleModule("crosswalk-lists").addAbstractTypeMapping(List.class, (Class) JsonList.class)
                        // Content unions written without Jackson 3's per-value lookup under a lock (see the class).
                        .addSerializer(TextOrList.class, (ValueSerializer) new TextOrListSerializer()))
                .addModule(new SimpleModule("crosswalk-records") {
                    @Override
                    public void setupModule(SetupContext context) {
                        super.setupModule(context);
                        context.addValueInstantiators(new RecordCreators());
                    }
                })
                .build();
    }

    @Override
    public <T> T read(String json, Class<T> type) {
        try {
            if (fastPaths) {
                T fast = isStreamType(type) ? fastRead(fastParser(json), type) : RequestJson.read(this, json, type);
                if (fast != null) {
                    return fast;
                }
            }
            return mapper.readValue(json, type);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
        try {
            if (fastPaths) {
                T fast = isStreamType(type) ? fastRead(fastParser(json), type) : RequestJson.read(this, json, type);
                if (fast != null) {
                    return fast;
                }
            }
            return mapper.readValue(json, type);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> RequestJson.Read<T> readRequest(String json, Class<T> type) {
        try {
            RequestJson.Read<T> fast = fastPaths ? RequestJson.readRequest(this, json, type) : null;
            return fast != null ? fast : new RequestJson.Read<>(mapper.readValue(json, type), true);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> RequestJson.Read<T> readRequest(byte[] json, Class<T> type) {
        try {
            RequestJson.Read<T> fast = fastPaths ? RequestJson.readRequest(this, json, type) : null;
            return fast != null ? fast : new RequestJson.Read<>(mapper.readValue(json, type), true);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public <T> T read(java.io.InputStream json, Class<T> type) {
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
        String request = fastPaths ? RequestJson.write(this, value) : null;
        if (request != null) {
            return request;
        }
        if (fastPaths && StreamJsonWriter.covers(value)) {
            // A generator over a plain writer takes its buffers from the mapper's pool; a hand-made
            // SegmentedStringWriter would bring a fresh recycler (kilobytes) per call.
            java.io.StringWriter text = new java.io.StringWriter(256);
            fastWrite(value, mapper.createGenerator(text));
            return text.toString();
        }
        return mapper.writeValueAsString(value);
    }

    @Override
    public byte[] writeBytes(Object value) {
        byte[] request = fastPaths ? RequestJson.writeBytes(this, value) : null;
        if (request != null) {
            return request;
        }
        if (fastPaths && StreamJsonWriter.covers(value)) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
            fastWrite(value, mapper.createGenerator(bytes));
            return bytes.toByteArray();
        }
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public void writeTo(Object value, OutputStream out) {
        if (fastPaths && StreamJsonWriter.covers(value)) {
            fastWrite(value, mapper.createGenerator(out));
        } else {
            mapper.writeValue(out, value);
        }
    }

    /**
     * A parser for the fast path: the codec's factory (same limits), but neither the mapper's per-call
     * deserialization context nor its duplicate detection (a hash set per object): the reader checks duplicates
     * itself and leaves any to the data binder, which reports them.
     */
    private JsonParser fastParser(String json) {
        return mapper.tokenStreamFactory().createParser(ObjectReadContext.empty(), json);
    }

    private JsonParser fastParser(byte[] json) {
        return mapper.tokenStreamFactory().createParser(ObjectReadContext.empty(), json);
    }

    @Override
    public boolean read(byte[] json, int offset, int length, Predicate<JsonTokens> reader) {
        try (JsonParser parser = mapper.tokenStreamFactory().createParser(ObjectReadContext.empty(), json, offset, length)) {
            return reader.test(new Jackson3Streams.Tokens(parser));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    @Override
    public boolean read(String json, Predicate<JsonTokens> reader) {
        try (JsonParser parser = fastParser(json)) {
            return reader.test(new Jackson3Streams.Tokens(parser));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    @Override
    public String writeString(Consumer<JsonOut> writer) {
        // writeValueAsString's buffers (a segmented writer over the factory's recycler, given back at the end), but
        // no serialization context per call: the generator calls need none.
        tools.jackson.core.util.BufferRecycler recycler = mapper.tokenStreamFactory()._getBufferRecycler();
        try (tools.jackson.core.io.SegmentedStringWriter text = new tools.jackson.core.io.SegmentedStringWriter(recycler)) {
            try (JsonGenerator generator = mapper.tokenStreamFactory().createGenerator(ObjectWriteContext.empty(), text)) {
                writer.accept(new Jackson3Streams.Out(generator));
            }
            return text.getAndClear();
        } finally {
            recycler.releaseToPool();
        }
    }

    @Override
    public byte[] writeBytes(Consumer<JsonOut> writer) {
        tools.jackson.core.util.BufferRecycler recycler = mapper.tokenStreamFactory()._getBufferRecycler();
        try (tools.jackson.core.util.ByteArrayBuilder bytes = new tools.jackson.core.util.ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = mapper.tokenStreamFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
                writer.accept(new Jackson3Streams.Out(generator));
            }
            return bytes.getClearAndRelease();
        } finally {
            recycler.releaseToPool();
        }
    }

    @Override
    public TokenSession session() {
        return new Jackson3Streams.Session(mapper.tokenStreamFactory());
    }

    private static boolean isStreamType(Class<?> type) {
        return type == ChatCompletionChunk.class || type == ResponseStreamEvent.class;
    }

    /** The fast path's reading, or {@code null} where it does not cover the input (the data binder then reads it). */
    private static <T> T fastRead(JsonParser parser, Class<T> type) {
        try (parser) {
            Jackson3Streams.Tokens tokens = new Jackson3Streams.Tokens(parser);
            Object value = type == ChatCompletionChunk.class ? StreamJsonReader.chunk(tokens) : StreamJsonReader.event(tokens);
            return type.cast(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void fastWrite(Object value, JsonGenerator generator) {
        try (generator) {
            StreamJsonWriter.write(value, new Jackson3Streams.Out(generator));
        }
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
