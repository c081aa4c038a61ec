package dev.crosswalk.benchmarks;

import com.openai.core.ObjectMappers;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.chat.ChatCompletionChunk;
import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.json.jackson2.Jackson2Codec;
import dev.crosswalk.translator.json.jackson3.Jackson3Codec;
import dev.crosswalk.translator.responses.events.ResponseStreamEvent;
import dev.crosswalk.translator.stream.ChatStreamOutput;
import dev.crosswalk.translator.stream.ChatToResponsesStream;
import dev.crosswalk.translator.stream.ResponsesToChatStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a bridge does per stream event: the upstream's JSON payload in, the translated events' JSON as UTF-8 bytes out
 * (the SSE {@code data:} payloads, written into one reused buffer). Each invocation takes the next {@value #EVENTS}
 * input events of the stream, going on where the last invocation stopped (a stream that ends is ended and a new one
 * begins), so the score is ns per input event and {@code gc.alloc.rate.norm} bytes per input event, whatever the
 * stream's length.
 *
 * <p>{@code stream}: {@code chatText}/{@code chatTools} (Chat chunks → Responses events: 2,000 text deltas; 8 calls of
 * ~62 argument fragments each), {@code responsesText}/{@code responsesTools} (Responses events → Chat chunks: what
 * Crosswalk makes of those Chat streams). Ways through the same stream, and baselines on the same payloads:
 * <ul>
 *   <li>{@code token}: the bridge's path — the payload's UTF-8 bytes in (as {@code SseParser.ofBytes} hands them
 *       over), text and tool-call deltas straight from parser to generator ({@code ChatToResponsesStream.onDeltaChunk},
 *       {@code ResponsesToChatStream.onDeltaEvent}), everything else through the codec;</li>
 *   <li>{@code crosswalk}: the codec as shipped (stream fast path on) on the payload as a {@code String}, records in
 *       and out;</li>
 *   <li>{@code databind}: the same with the codec's fast path off, everything through Jackson's data binder;</li>
 *   <li>{@code floor}: the same Jackson major parsing each payload into a tree and writing it back as bytes — the cost
 *       of merely re-serialising the input ({@code floorBytes}: parsed from its UTF-8 bytes, the token path's
 *       input);</li>
 *   <li>{@code sdk}: the official openai-java SDK reading each payload into its typed model and writing it back.</li>
 * </ul>
 * The records-in/records-out figure of the same translation is {@link StreamTranslationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamJsonBenchmark {
    static final int EVENTS = 500;

    @Param({"jackson2", "jackson3"})
    public String codec;

    @Param({"chatText", "chatTools", "responsesText", "responsesTools"})
    public String stream;

    private boolean chat;
    private boolean jackson2;
    private Translator fast;
    private Translator databind;
    private List<String> payloads;
    private List<byte[]> payloadBytes;
    private com.fasterxml.jackson.databind.ObjectMapper jackson2Mapper;
    private tools.jackson.databind.json.JsonMapper jackson3Mapper;
    private com.fasterxml.jackson.databind.json.JsonMapper sdk;
    private Class<?> sdkType;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    /** Where each way is in its stream, with the translator of the stream under way. */
    private final Cursor tokenCursor = new Cursor();
    private final Cursor crosswalkCursor = new Cursor();
    private final Cursor databindCursor = new Cursor();
    private final Cursor floorCursor = new Cursor();

    @Setup
    public void setUp() {
        jackson2 = "jackson2".equals(codec);
        chat = stream.startsWith("chat");
        JsonCodec fastCodec = jackson2 ? new Jackson2Codec(true) : new Jackson3Codec(true);
        JsonCodec slowCodec = jackson2 ? new Jackson2Codec(false) : new Jackson3Codec(false);
        fast = Fixtures.translator(fastCodec);
        databind = Fixtures.translator(slowCodec);
        List<ChatCompletionChunk> chunks = stream.endsWith("Text") ? Fixtures.textStream() : Fixtures.toolStream();
        List<?> values = chat ? chunks : Fixtures.events(chunks);
        payloads = values.stream().map(slowCodec::write).toList();
        payloadBytes = payloads.stream().map(j -> j.getBytes(StandardCharsets.UTF_8)).toList();
        jackson2Mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        jackson3Mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        sdk = ObjectMappers.jsonMapper();
        sdkType = chat ? com.openai.models.chat.completions.ChatCompletionChunk.class : com.openai.models.responses.ResponseStreamEvent.class;
    }

    /** The bridge's path: bytes in, deltas straight to bytes, the rest through the codec. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void token(Blackhole bh) {
        JsonCodec json = fast.options().codec();
        for (int i = 0; i < EVENTS; i++) {
            byte[] payload = payloadBytes.get(tokenCursor.next(fast, bh));
            out.reset();
            boolean written = chat ? tokenCursor.toResponses.onDeltaChunk(payload, 0, payload.length, type -> out)
                    : tokenCursor.toChat.onDeltaEvent(payload, 0, payload.length, null, out);
            if (written) {
                bh.consume(out.size());
            } else {
                translate(tokenCursor, json, chat ? json.read(payload, ChatCompletionChunk.class) : json.read(payload, ResponseStreamEvent.class), bh);
            }
        }
    }

    /** The codec as shipped, records in and out, the payload as a {@code String}. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void crosswalk(Blackhole bh) {
        records(fast, crosswalkCursor, bh);
    }

    /** Everything through Jackson's data binder. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void databind(Blackhole bh) {
        records(databind, databindCursor, bh);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void floor(Blackhole bh) throws Exception {
        reserialize(payloads, bh);
    }

    /** The floor of the token path's input: the same payloads parsed from their bytes. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void floorBytes(Blackhole bh) throws Exception {
        reserialize(payloadBytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void sdk(Blackhole bh) throws Exception {
        for (int i = 0; i < EVENTS; i++) {
            bh.consume(sdk.writeValueAsBytes(sdk.readValue(payloads.get(floorCursor.nextIndex()), sdkType)));
        }
    }

    /** Each payload ({@code String} or UTF-8 bytes) parsed into a tree and written back as bytes. */
    private void reserialize(List<?> inputs, Blackhole bh) throws Exception {
        for (int i = 0; i < EVENTS; i++) {
            Object json = inputs.get(floorCursor.nextIndex());
            out.reset();
            if (jackson2) {
                jackson2Mapper.writeValue(out, json instanceof String s ? jackson2Mapper.readTree(s) : jackson2Mapper.readTree((byte[]) json));
            } else {
                jackson3Mapper.writeValue(out, json instanceof String s ? jackson3Mapper.readTree(s) : jackson3Mapper.readTree((byte[]) json));
            }
            bh.consume(out.size());
        }
    }

    private void records(Translator translator, Cursor cursor, Blackhole bh) {
        JsonCodec json = translator.options().codec();
        for (int i = 0; i < EVENTS; i++) {
            String payload = payloads.get(cursor.next(translator, bh));
            translate(cursor, json, chat ? json.read(payload, ChatCompletionChunk.class) : json.read(payload, ResponseStreamEvent.class), bh);
        }
    }

    /** One input record through the cursor's stream, its outputs written into one reused buffer, as the bridge does. */
    private void translate(Cursor cursor, JsonCodec json, Object input, Blackhole bh) {
        if (chat) {
            for (ResponseStreamEvent e : cursor.toResponses.onChunk((ChatCompletionChunk) input)) {
                write(json, e, bh);
            }
        } else {
            for (ChatStreamOutput o : cursor.toChat.onEvent((ResponseStreamEvent) input)) {
                if (o instanceof ChatStreamOutput.Chunk c) {
                    write(json, c.chunk(), bh);
                }
            }
        }
    }

    private void write(JsonCodec json, Object value, Blackhole bh) {
        out.reset();
        json.writeTo(value, out);
        bh.consume(out.size());
    }

    /** A position in the stream's payloads and the translator of the stream under way. */
    private final class Cursor {
        int index;
        ChatToResponsesStream toResponses;
        ResponsesToChatStream toChat;

        /** The next payload's index; at the stream's end, the translator ends it and a new stream begins. */
        int next(Translator translator, Blackhole bh) {
            if (index == payloads.size() || (toResponses == null && toChat == null)) {
                if (toResponses != null) {
                    toResponses.onEnd().forEach(e -> write(translator.options().codec(), e, bh));
                } else if (toChat != null) {
                    bh.consume(toChat.onEnd());
                }
                toResponses = chat ? translator.streamToResponses(null) : null;
                toChat = chat ? null : translator.streamToChat(true, e -> { });
                index = 0;
            }
            return index++;
        }

        /** The next payload's index, for the baselines (no translator). */
        int nextIndex() {
            if (index == payloads.size()) {
                index = 0;
            }
            return index++;
        }
    }
}
