package dev.crosswalk.translator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosswalk.translator.json.JsonCodec;
import dev.crosswalk.translator.json.jackson2.Jackson2Codec;
import dev.crosswalk.translator.json.jackson3.Jackson3Codec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteTokens} against both codecs' parsers, the reference: for every document it reads to its end without
 * {@code OTHER}, each parser gives the same tokens (kind, text, integer value). Inputs: random JSON values (nested
 * containers, strings of every ASCII character, multi-byte ones and emoji with randomly spelled escapes, integers,
 * fractions, exponents, long numbers, literals, random whitespace), for most seeds mutated by one byte replaced,
 * inserted or removed. Seed {@code s} rebuilds its case: {@code new Random(s)}.
 */
class ByteTokensTest {
    private static final int SEEDS = 20_000;
    private static final JsonCodec[] CODECS = {new Jackson2Codec(true), new Jackson3Codec(true)};
    private static final String[] WIDE = {"é", "Ω", "中", "😀", "\u00a0", "\u2028", "€", "\uffff"};

    @Test
    void whatItReadsToTheEndTheParsersReadAlike() {
        int read = 0;
        int readMutated = 0;
        int refused = 0;
        ByteTokens tokens = new ByteTokens();
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            StringBuilder b = new StringBuilder();
            value(r, b, 0);
            space(r, b);
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            int mutation = r.nextInt(4);
            if (mutation > 0) {
                bytes = mutate(bytes, mutation, r);
            }
            byte[] padded = new byte[bytes.length + 6];
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            padded[padded.length - 1] = '}';
            List<String> mine = all(tokens.reset(padded, 3, bytes.length));
            if (!mine.get(mine.size() - 1).equals("EOF")) {
                refused++;
                continue;
            }
            read++;
            if (mutation > 0) {
                readMutated++;
            }
            byte[] input = bytes;
            for (JsonCodec codec : CODECS) {
                List<String> theirs = new ArrayList<>();
                boolean ok = ((TokenCodec) codec).read(input, 0, input.length, t -> {
                    theirs.addAll(all(t));
                    return true;
                });
                assertThat(ok).as("seed " + seed + " " + codec.name() + ": " + new String(input, StandardCharsets.UTF_8)).isTrue();
                assertThat(mine).as("seed " + seed + " " + codec.name() + ": " + new String(input, StandardCharsets.UTF_8)).isEqualTo(theirs);
            }
        }
        assertThat(read).as("read to the end").isGreaterThan(SEEDS / 3);
        assertThat(readMutated).as("read to the end after a mutation").isGreaterThan(SEEDS / 50);
        assertThat(refused).as("refused").isGreaterThan(SEEDS / 10);
    }

    @Test
    void coversWhatLiveServersSendAndNothingElse() {
        assertThat(all("{\"a\":[1,-2,true,false,null,\"x\\u00e9\\/\"],\"b\":{}}")).containsExactly("{", "N:a", "[", "I:1/1.0", "I:-2/-2.0",
                "T", "F", "null", "S:x\u00e9/", "]", "N:b", "{", "}", "}", "EOF");
        String[] refused = {"{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":1234567890123456789}", "{\"a\":01}", "{\"a\":1,}", "[1 2]",
                "{\"a\" 1}", "{\"a\":1}}", "{\"a\":1} x", "{'a':1}", "{\"a\":nul}", "\"\\x\"", "\"\\u12\"", "\"\u0001\"", "[" .repeat(64)};
        for (String json : refused) {
            List<String> tokens = all(json);
            assertThat(tokens.get(tokens.size() - 1)).as(json).isEqualTo("OTHER");
        }
    }

    private static List<String> all(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return all(new ByteTokens().reset(bytes, 0, bytes.length));
    }

    /** Every token up to EOF or the first OTHER (a parser's exception ends the list there). */
    private static List<String> all(JsonTokens t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int k = t.next();
            out.add(switch (k) {
                case JsonTokens.EOF -> "EOF";
                case JsonTokens.START_OBJECT -> "{";
                case JsonTokens.END_OBJECT -> "}";
                case JsonTokens.START_ARRAY -> "[";
                case JsonTokens.END_ARRAY -> "]";
                case JsonTokens.NAME -> "N:" + t.text();
                case JsonTokens.STRING -> "S:" + t.text();
                case JsonTokens.INTEGER -> "I:" + t.longValue() + "/" + t.doubleValue();
                case JsonTokens.TRUE -> "T";
                case JsonTokens.FALSE -> "F";
                case JsonTokens.NULL -> "null";
                case JsonTokens.DECIMAL -> "D";
                default -> "OTHER";
            });
            if (k == JsonTokens.EOF || k == JsonTokens.OTHER) {
                break;
            }
        }
        return out;
    }

    private static void value(Random r, StringBuilder b, int depth) {
        space(r, b);
        int k = r.nextInt(depth > 4 ? 6 : 9);
        switch (k) {
            case 0, 1 -> string(r, b);
            case 2 -> b.append(r.nextInt(3) == 0 ? -r.nextInt(1000) : r.nextInt(1_000_000));
            case 3 -> b.append(new String[] {"true", "false", "null", "0", "-0", "1.5", "2e3", "12345678901234567",
                    "123456789012345678", "1234567890123456789", "99999999999999999999", "-9223372036854775808"}[r.nextInt(12)]);
            case 4 -> b.append(r.nextLong());
            case 5 -> string(r, b);
            case 6, 7 -> {
                b.append('{');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    space(r, b);
                    string(r, b);
                    space(r, b);
                    b.append(':');
                    value(r, b, depth + 1);
                    space(r, b);
                }
                b.append('}');
            }
            default -> {
                b.append('[');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    value(r, b, depth + 1);
                    space(r, b);
                }
                b.append(']');
            }
        }
    }

    private static void space(Random r, StringBuilder b) {
        if (r.nextInt(5) == 0) {
            b.append(new String[] {" ", "\n", "\t", "\r\n", "  "}[r.nextInt(5)]);
        }
    }

    /** A JSON string of random characters, each escaped as a codec would or spelled otherwise. */
    private static void string(Random r, StringBuilder b) {
        b.append('"');
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            char c = k < 6 ? (char) (0x20 + r.nextInt(0x60)) : k < 7 ? (char) r.nextInt(0x20) : 0;
            if (c == 0) {
                String w = WIDE[r.nextInt(WIDE.length)];
                b.append(r.nextInt(4) == 0 ? String.format("\\u%04x", (int) w.charAt(0)) + w.substring(1) : w);
            } else if (c == '"' || c == '\\' || c < 0x20 || r.nextInt(20) == 0) {
                String[] shortForms = {"\\\"", "\\\\", "\\n", "\\t", "\\r", "\\b", "\\f", "\\/"};
                String s = switch (c) {
                    case '"' -> shortForms[0];
                    case '\\' -> shortForms[1];
                    case '\n' -> shortForms[2];
                    case '\t' -> shortForms[3];
                    case '/' -> shortForms[7];
                    default -> null;
                };
                b.append(s != null && r.nextBoolean() ? s : String.format(r.nextBoolean() ? "\\u%04X" : "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    private static byte[] mutate(byte[] bytes, int mutation, Random r) {
        int at = r.nextInt(bytes.length);
        byte[] any = {'"', '\\', ',', ':', '}', '{', '[', ']', '0', '9', '-', '.', 'e', 'n', 'u', ' ', (byte) 0x80, (byte) 0xc3,
                (byte) 0xed, (byte) 0xf0, 0x01, (byte) r.nextInt(256)};
        if (mutation == 1) {
            byte[] b = bytes.clone();
            b[at] = any[r.nextInt(any.length)];
            return b;
        }
        if (mutation == 2) {
            byte[] b = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, b, 0, at);
            b[at] = any[r.nextInt(any.length)];
            System.arraycopy(bytes, at, b, at + 1, bytes.length - at);
            return b;
        }
        byte[] b = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, b, 0, at);
        System.arraycopy(bytes, at + 1, b, at, bytes.length - at - 1);
        return b;
    }
}
