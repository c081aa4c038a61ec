package dev.crosswalk.translator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.json.jackson2.Jackson2Codec;
import dev.crosswalk.translator.json.jackson3.Jackson3Codec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RawResponsesDelta} against {@link ResponsesDelta} on the codecs' parsers, the reference: whatever the byte
 * reader accepts, the parser reads to the same kind, delta, output index and item id, and the delta's JSON string as it
 * came is byte for byte what each codec writes for that text (so copying it equals writing it). Inputs: delta events
 * written by a codec with random members, order and text (every ASCII character, multi-byte ones, emoji), then, for
 * most seeds, mutated (a byte replaced, inserted or removed, a space inserted, an escape spelled {@code \}{@code u}).
 * Seed {@code s} rebuilds its case: {@code new Random(s)}.
 */
class RawResponsesDeltaTest {
    private static final int SEEDS = 20_000;
    private static final JsonCodec[] CODECS = {new Jackson2Codec(true), new Jackson3Codec(true)};
    private static final String[] TYPES = {"response.output_text.delta", "response.function_call_arguments.delta",
            "response.custom_tool_call_input.delta"};
    private static final String[] WIDE = {"é", "ñ", "Ω", "中", "日本", "😀", "👍🏽", "\u00a0", "\u0080", "\u2028", "€", "𝄞", "\uffff"};

    @Test
    void whatTheByteReaderAcceptsTheParserReadsAlikeAndTheCodecsWriteAlike() {
        int accepted = 0;
        int acceptedMutated = 0;
        int refused = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            String json = event(r);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            int mutation = r.nextInt(6);
            if (mutation > 0) {
                bytes = mutate(bytes, mutation, r);
            }
            byte[] padded = new byte[bytes.length + 4];
            System.arraycopy(bytes, 0, padded, 2, bytes.length);
            RawResponsesDelta raw = new RawResponsesDelta();
            String ctx = "seed " + seed + ": " + new String(bytes, StandardCharsets.UTF_8);
            if (!raw.read(padded, 2, bytes.length)) {
                refused++;
                continue;
            }
            accepted++;
            if (mutation > 0) {
                acceptedMutated++;
            }
            StringBuilder delta = new StringBuilder();
            raw.appendDelta(delta);
            byte[] string = java.util.Arrays.copyOfRange(padded, raw.deltaFrom(), raw.deltaTo());
            for (JsonCodec codec : CODECS) {
                ResponsesDelta parsed = new ResponsesDelta();
                assertThat(((TokenCodec) codec).read(bytes, 0, bytes.length, parsed)).as(ctx + " " + codec.name()).isTrue();
                assertThat(raw.kind()).as(ctx).isEqualTo(parsed.kind());
                assertThat(delta.toString()).as(ctx).isEqualTo(parsed.delta());
                assertThat(raw.deltaIsEmpty()).as(ctx).isEqualTo(parsed.delta().isEmpty());
                assertThat(raw.outputIndex()).as(ctx).isEqualTo(parsed.outputIndex());
                assertThat(raw.itemId()).as(ctx).isEqualTo(parsed.itemId());
                assertThat(new String(string, StandardCharsets.UTF_8)).as(ctx + " " + codec.name()).isEqualTo(codec.write(parsed.delta()));
                assertThat(string).as(ctx + " " + codec.name()).isEqualTo(codec.write(parsed.delta()).getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(accepted).as("accepted").isGreaterThan(SEEDS / 8);
        assertThat(acceptedMutated).as("accepted after a mutation").isGreaterThan(SEEDS / 50);
        assertThat(refused).as("refused").isGreaterThan(SEEDS / 4);
    }

    /** Valid events the parser reads, which the byte reader leaves to it. */
    @Test
    void refusesWhatItDoesNotCover() {
        String t = "{\"type\":\"response.output_text.delta\"";
        String[] documents = {
                t + ", \"delta\":\"x\"}",
                t + ",\"delta\" :\"x\"}",
                t + ",\"delta\":\"x\"} ",
                t + ",\"delta\":\"a\\/b\"}",
                t + ",\"delta\":\"\\u0041\"}",
                t + ",\"delta\":\"\\u0001\"}",
                t + ",\"delta\":\"x\",\"sequence_number\":01}",
                t + ",\"delta\":\"x\",\"sequence_number\":-1}",
                t + ",\"delta\":\"x\",\"sequence_number\":1234567890}",
                t + ",\"delta\":\"x\",\"sequence_number\":1.5}",
                t + ",\"delta\":\"x\",\"delta\":\"y\"}",
                t + ",\"delta\":\"x\",\"a\":\"1\",\"b\":\"2\"}",
                t + ",\"delta\":\"x\",\"a\":1}",
                t + ",\"delta\":\"x\",\"type\":\"response.output_text.delta\"}",
                t + ",\"delt\\u0061\":\"x\"}",
                t + ",\"logprobs\":[],\"sequence_number\":1}",
                t + ",\"delta\":\"x\",\"logprobs\":[ ]}",
                t + ",\"delta\":\"x\"}{}",
                t + ",\"delta\":\"x\"",
                t + "}",
                "{\"type\":\"response.refusal.delta\",\"delta\":\"x\"}",
        };
        for (String json : documents) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(new RawResponsesDelta().read(bytes, 0, bytes.length)).as(json).isFalse();
        }
        // not UTF-8 as RFC 3629 has it: overlong, a surrogate, beyond U+10FFFF, a lone continuation, cut short
        byte[][] invalid = {{(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};
        for (byte[] b : invalid) {
            byte[] head = (t + ",\"delta\":\"").getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[head.length + b.length + 2];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(b, 0, bytes, head.length, b.length);
            bytes[bytes.length - 2] = '"';
            bytes[bytes.length - 1] = '}';
            assertThat(new RawResponsesDelta().read(bytes, 0, bytes.length)).as(java.util.Arrays.toString(b)).isFalse();
        }
    }

    @Test
    void acceptsEventsAsLiveServersWriteThem() {
        String json = "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":12,\"item_id\":\"fc_\\\"1\","
                + "\"output_index\":3,\"delta\":\"{\\\"city\\\":\\\"Z\u00fcrich \ud83d\ude00\\n\",\"obfuscation\":\"a1b2\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        RawResponsesDelta raw = new RawResponsesDelta();
        assertThat(raw.read(bytes, 0, bytes.length)).isTrue();
        assertThat(raw.kind()).isEqualTo(ResponsesDelta.ARGUMENTS);
        assertThat(raw.outputIndex()).isEqualTo(3);
        assertThat(raw.itemId()).isEqualTo("fc_\"1");
        StringBuilder delta = new StringBuilder();
        raw.appendDelta(delta);
        assertThat(delta.toString()).isEqualTo("{\"city\":\"Z\u00fcrich \ud83d\ude00\n");
    }

    /** A delta event as a codec writes its members (type first), in a random order, with random text. */
    private static String event(Random r) {
        JsonCodec codec = CODECS[r.nextInt(2)];
        List<String> members = new ArrayList<>();
        members.add("\"delta\":" + codec.write(text(r)));
        if (r.nextInt(4) > 0) {
            members.add("\"sequence_number\":" + (r.nextInt(8) == 0 ? "null" : String.valueOf(r.nextInt(r.nextBoolean() ? 10 : 2_000_000_000))));
        }
        if (r.nextInt(4) > 0) {
            members.add("\"item_id\":" + (r.nextInt(8) == 0 ? "null" : codec.write(r.nextBoolean() ? "it_" + r.nextInt(100) : text(r))));
        }
        if (r.nextInt(4) > 0) {
            members.add("\"output_index\":" + (r.nextInt(8) == 0 ? "null" : String.valueOf(r.nextInt(12))));
        }
        if (r.nextInt(3) == 0) {
            members.add("\"content_index\":" + r.nextInt(3));
        }
        if (r.nextInt(3) == 0) {
            members.add("\"logprobs\":" + (r.nextBoolean() ? "[]" : "null"));
        }
        if (r.nextInt(3) == 0) {
            String[] unknown = {"\"obfuscation\":" + codec.write(text(r)), "\"flag\":true", "\"flag\":false", "\"note\":null"};
            members.add(unknown[r.nextInt(unknown.length)]);
        }
        Collections.shuffle(members, r);
        return "{\"type\":\"" + TYPES[r.nextInt(TYPES.length)] + "\"," + String.join(",", members) + "}";
    }

    /** Up to 12 characters: any ASCII one (controls, quote, backslash, slash), multi-byte ones, emoji. */
    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(13);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k < 6) {
                b.append((char) (0x20 + r.nextInt(0x60)));
            } else if (k < 7) {
                b.append((char) r.nextInt(0x20));
            } else {
                b.append(WIDE[r.nextInt(WIDE.length)]);
            }
        }
        return b.toString();
    }

    /** The bytes with one change: a byte replaced, inserted or removed, a space inserted, an escape spelled out. */
    private static byte[] mutate(byte[] bytes, int mutation, Random r) {
        int at = r.nextInt(bytes.length);
        byte[] any = {'"', '\\', ',', ':', '}', '{', '[', ']', '0', '9', 'n', 'u', '/', ' ', (byte) 0x80, (byte) 0xc3,
                (byte) 0xed, (byte) 0xf0, (byte) r.nextInt(256)};
        return switch (mutation) {
            case 1 -> {
                byte[] b = bytes.clone();
                b[at] = any[r.nextInt(any.length)];
                yield b;
            }
            case 2 -> insert(bytes, at, new byte[] {any[r.nextInt(any.length)]});
            case 3 -> {
                byte[] b = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, b, 0, at);
                System.arraycopy(bytes, at + 1, b, at, bytes.length - at - 1);
                yield b;
            }
            case 4 -> insert(bytes, at, new byte[] {' '});
            default -> {
                String s = new String(bytes, StandardCharsets.UTF_8);
                String[] from = {"\\n", "\\\"", "\\\\", "\\t", "/", "\u00e9"};
                String[] to = {"\\u000a", "\\u0022", "\\u005C", "\\u0009", "\\/", "\\u00e9"};
                int k = r.nextInt(from.length);
                yield s.replaceFirst(java.util.regex.Pattern.quote(from[k]), java.util.regex.Matcher.quoteReplacement(to[k]))
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static byte[] insert(byte[] bytes, int at, byte[] what) {
        byte[] b = new byte[bytes.length + what.length];
        System.arraycopy(bytes, 0, b, 0, at);
        System.arraycopy(what, 0, b, at, what.length);
        System.arraycopy(bytes, at, b, at + what.length, bytes.length - at);
        return b;
    }
}
