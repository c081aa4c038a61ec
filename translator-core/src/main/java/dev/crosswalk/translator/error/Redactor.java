package dev.crosswalk.translator.error;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction policy of Crosswalk: removes credentials from anything that came from elsewhere (an upstream's
 * error, a header, a streamed body) before it reaches a client, a log line or an exception message. Upstreams like to
 * quote the key they rejected ("Incorrect API key provided: sk-proj-…"), and a hostile one echoes it anywhere.
 *
 * <p>What is masked, everywhere the same way:
 * <ul>
 *   <li>every <b>exact secret</b> the redactor was given, of any length and any shape (also in JSON-escaped form,
 *       {@code \/} or {@code \u0041}, when reading JSON bytes) → {@code ***};</li>
 *   <li><b>key-shaped tokens</b>: {@code sk-}, {@code rk-}, {@code pk-}, {@code gsk_}, {@code xai-} (with {@code -}
 *       or {@code _}) followed by at least 8 key characters → {@code sk-***};</li>
 *   <li><b>bearer tokens</b> that look like credentials (16+ token characters, at least one digit) →
 *       {@code Bearer ***}. Placeholders such as {@code Bearer YOUR_KEY} are left alone.</li>
 * </ul>
 *
 * <pre>{@code
 * Redactor redactor = Redactor.of(upstreamKey).and(clientKey);
 * String line = redactor.redact(upstreamMessage);                 // text
 * OpenAiError safe = redactor.redact(error);                      // every member, also type and extras
 * Redactor.Stream body = redactor.stream(true);                   // bytes as they arrive (JSON or SSE)
 * out.write(body.feed(chunk)); ... out.write(body.finish());
 * }</pre>
 *
 * <p>Immutable and thread-safe; a {@link Stream} belongs to one body.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** The longest key-shaped token a stream holds back whole; a longer one is masked and its tail dropped. */
    private static final int MAX_TOKEN = 512;
    /** Characters after a match that must be known before it is certain the match cannot grow. */
    private static final int LOOKAHEAD = 2;
    private static final String KEY = "(?<key>(?<![A-Za-z0-9])(?:sk|rk|pk|gsk|xai)[-_])[A-Za-z0-9_\\-]{8,}(?:[*.][A-Za-z0-9_\\-]+)*";
    private static final String BEARER = "(?<bearer>(?<![A-Za-z0-9])(?i:bearer)[ \\t]+)(?=[A-Za-z0-9._~+/=\\-]*[0-9])[A-Za-z0-9._~+/=\\-]{16,}";
    /** Characters a key or bearer match may hold: anything else ends every match but a secret's own. */
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=*-";
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "api-key",
            "x-api-key", "cookie", "set-cookie", "openai-api-key");
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "auth|secret|password|passwd|cookie|credential|session|(?:^|[-_])(?:api[-_]?)?(?:key|token)$");
    private static final byte[] NO_BYTES = new byte[0];
    private static final int SECRET_START = 1;
    private static final int KEY_SEPARATOR = 2;
    private static final int BLANK = 4;
    private static final boolean[] TOKEN_CHAR = new boolean[256];

    static {
        for (char c : TOKEN_CHARS.toCharArray()) {
            TOKEN_CHAR[c] = true;
        }
    }

    private static final Redactor PATTERNS_ONLY = new Redactor(List.of());

    /** Client keys {@link #and(String...)} was asked to add, and the redactors made for them. */
    private static final int MAX_CACHED_KEYS = 256;

    private final List<String> secrets;
    private final java.util.concurrent.ConcurrentHashMap<String, Redactor> withKey = new java.util.concurrent.ConcurrentHashMap<>();
    private final Pattern text;
    private final Pattern bytes;
    private final int window;
    /** Per byte value: whether no match can contain it, so a stream need hold nothing back from before it. */
    private final boolean[] breaks = new boolean[256];
    /** The secrets' byte forms a stream looks for. */
    private final List<byte[]> byteForms = new ArrayList<>();
    /** Per byte value: what a match could start or continue with there ({@link #SECRET_START}, ...), 0 for nothing. */
    private final int[] triggers = new int[256];

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
        this.text = compile(secrets);
        List<String> forms = new ArrayList<>();
        int longest = 0;
        java.util.Arrays.fill(breaks, true);
        for (char c : (TOKEN_CHARS + " \t").toCharArray()) {
            breaks[c] = false;
        }
        for (String s : secrets) {
            // Streams are matched byte for byte (each byte one ISO-8859-1 char): the secret's UTF-8 bytes, and the
            // form a JSON writer may give it.
            for (String form : new LinkedHashSet<>(List.of(s, jsonEscaped(s)))) {
                String latin1 = new String(form.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                forms.add(latin1);
                if (!latin1.isEmpty()) {
                    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
                    byteForms.add(b);
                    triggers[b[0] & 0xff] |= SECRET_START;
                }
                longest = Math.max(longest, latin1.length());
                for (char c : latin1.toCharArray()) {
                    breaks[c] = false;
                }
            }
        }
        triggers['-'] |= KEY_SEPARATOR;
        triggers['_'] |= KEY_SEPARATOR;
        triggers[' '] |= BLANK;
        triggers['\t'] |= BLANK;
        this.bytes = compile(forms);
        this.window = Math.max(MAX_TOKEN, longest + LOOKAHEAD);
    }

    /** A redactor for these exact secrets (nulls and blanks are ignored) and the key-shaped patterns. */
    public static Redactor of(String... secrets) {
        return of(java.util.Arrays.asList(secrets));
    }

    /** A redactor for these exact secrets (nulls and blanks are ignored) and the key-shaped patterns. */
    public static Redactor of(Collection<String> secrets) {
        return secrets.isEmpty() ? PATTERNS_ONLY : PATTERNS_ONLY.and(secrets.toArray(String[]::new));
    }

    /** A redactor that knows no exact secret: only the key-shaped patterns. */
    public static Redactor patternsOnly() {
        return PATTERNS_ONLY;
    }

    /** This redactor and more secrets (a key a client presented on one request); nulls and blanks are ignored. */
    public Redactor and(String... more) {
        if (more.length == 1 && more[0] != null) {
            // The same few client keys come back on every request: their expressions are compiled once.
            Redactor known = withKey.get(more[0]);
            if (known != null) {
                return known;
            }
            Redactor made = extend(more);
            if (withKey.size() < MAX_CACHED_KEYS) {
                withKey.putIfAbsent(more[0], made);
            }
            return made;
        }
        return extend(more);
    }

    private Redactor extend(String... more) {
        Set<String> all = new LinkedHashSet<>(secrets);
        for (String s : more) {
            if (s != null && !s.isBlank()) {
                all.add(s.strip());
            }
        }
        return all.size() == secrets.size() ? this : new Redactor(List.copyOf(all));
    }

    /** The text with every secret and key-shaped token masked; {@code null} stays {@code null}. */
    public String redact(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        Matcher m = text.matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int pos = 0;
        do {
            out.append(value, pos, m.start()).append(replacement(m));
            pos = m.end();
        } while (m.find());
        return out.append(value, pos, value.length()).toString();
    }

    /**
     * The text masked first, then cut to at most {@code maxChars} characters (with {@code …} when cut): cutting first
     * could leave the beginning of a secret that no longer matches.
     */
    public String redactAndTruncate(String value, int maxChars) {
        String clean = redact(value);
        if (clean == null || clean.length() <= maxChars) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return clean.substring(0, end) + "…";
    }

    /** The error with every member masked: message, type, param, code, and every extra member, names and values. */
    public OpenAiError redact(OpenAiError error) {
        if (error == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = (Map<String, Object>) redactTree(error.extra());
        return new OpenAiError(redact(error.message()), redact(error.type()), redact(error.param()), redact(error.code()), extra);
    }

    /**
     * A JSON tree (maps, lists, strings, numbers, booleans, {@code null}, as {@code JsonCodec.readTree} returns) with
     * every string and every member name masked. Returns a new tree; the argument is not changed.
     */
    public Object redactTree(Object tree) {
        if (tree instanceof String s) {
            return redact(s);
        }
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(redact(String.valueOf(k)), redactTree(v)));
            return out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(redactTree(v)));
            return out;
        }
        return tree;
    }

    /**
     * A header's value as it may be shown or forwarded: credential headers ({@code Authorization}, {@code Cookie},
     * {@code api-key}, ...) entirely masked, any other value redacted like text.
     */
    public String redactHeader(String name, String value) {
        if (value == null) {
            return null;
        }
        return isCredentialHeader(name) ? MASK : redact(value);
    }

    /**
     * Whether a header carries a credential by its name: the well-known ones, and custom ones named like one
     * ({@code X-Auth-Token}, {@code X-Client-Secret}, {@code X-Goog-Api-Key}); rate-limit headers such as
     * {@code x-ratelimit-remaining-tokens} are not.
     */
    public static boolean isCredentialHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_HEADERS.contains(n) || CREDENTIAL_NAME.matcher(n).find();
    }

    /**
     * A redacting filter for one body that arrives in chunks split anywhere, even inside a secret or a multi-byte
     * character. It holds back at most a few hundred bytes (the longest secret or token that could still be
     * completing), never the whole body.
     *
     * @param json whether the body is JSON or an SSE stream of JSON: then JSON escapes of ordinary characters
     *        ({@code \u0073k-…}, {@code \/}) are decoded first, so an escaped secret is seen too
     */
    public Stream stream(boolean json) {
        return new Stream(json, true);
    }

    /** A stream that runs the regular expression on every chunk: the reference the fast scan is tested against. */
    Stream streamWithoutPrefilter(boolean json) {
        return new Stream(json, false);
    }

    /**
     * Bytes masked whole (a body already read): the same as one stream fed once. The very array comes back when
     * nothing is masked (no copy of a clean reply), a new one when something is.
     */
    public byte[] redact(byte[] body, boolean json) {
        if (!json || !hasDecodableEscape(body)) {
            // The common case, done on the bytes themselves: no copy at all when nothing matches (a large reply is
            // not turned into a String and back), one when something does.
            Matcher m = bytes.matcher(new Latin1(body));
            if (!m.find()) {
                return body;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length);
            int pos = 0;
            do {
                out.write(body, pos, m.start() - pos);
                out.writeBytes(replacement(m).getBytes(StandardCharsets.ISO_8859_1));
                pos = m.end();
            } while (m.find());
            out.write(body, pos, body.length - pos);
            return out.toByteArray();
        }
        Stream s = stream(json);
        byte[] head = s.feed(body, 0, body.length);
        byte[] tail = s.finish();
        if (tail.length == 0) {
            return head;
        }
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " secrets]";
    }

    /**
     * The redacting state of one body. Not thread-safe; feed chunks in order, then {@link #finish()}.
     *
     * <p>Streams are the bridge's hot path (every relayed byte), so a chunk is first scanned for what could start a
     * match — the first bytes of a secret, {@code sk-}-style key prefixes, {@code bearer} before a blank — with one
     * table lookup per byte, and passed on as it is when there is none: the regular expression runs only on the rare
     * chunk that may hold something to mask. Both give the same bytes (a property test holds them to it).
     */
    public final class Stream {
        private final boolean json;
        private final boolean prefilter;
        /** Undecoded bytes of an escape split by a chunk boundary (JSON only): at most five. */
        private byte[] carry = NO_BYTES;
        /** Decoded bytes held back: they may still be part of a match. */
        private byte[] pending = NO_BYTES;
        private boolean swallowing;

        private Stream(boolean json, boolean prefilter) {
            this.json = json;
            this.prefilter = prefilter;
        }

        /** The bytes that are certain now (possibly none): the rest is held until more arrives or the end. */
        public byte[] feed(byte[] chunk) {
            return feed(chunk, 0, chunk.length);
        }

        /** Like {@link #feed(byte[])}, for part of an array. */
        public byte[] feed(byte[] chunk, int offset, int length) {
            java.util.Objects.checkFromIndexSize(offset, length, chunk.length);
            if (!json) {
                return scan(chunk, offset, offset + length, false);
            }
            byte[] in = chunk;
            int from = offset;
            int to = offset + length;
            if (carry.length > 0) {
                in = concat(carry, chunk, offset, length);
                from = 0;
                to = in.length;
            }
            int plain = undecodedEscape(in, from, to);
            if (plain < 0) {
                carry = NO_BYTES;
                return scan(in, from, to, false);
            }
            byte[] decoded = new byte[to - from];
            int n = unescape(in, from, to, decoded);
            return scan(decoded, 0, n, false);
        }

        /**
         * Whether {@link #feed(byte[], int, int)} would give this chunk back whole and unchanged: nothing held from
         * before, nothing that could start a match, nothing to decode, and a last byte no match can continue (an SSE
         * frame's line end). Then the caller may send the chunk itself instead of a copy, and must not feed it: the
         * stream stays as it was. Otherwise nothing changed either, and the chunk goes to {@code feed}.
         */
        public boolean passesUnchanged(byte[] chunk, int offset, int length) {
            java.util.Objects.checkFromIndexSize(offset, length, chunk.length);
            int end = offset + length;
            return prefilter && length > 0 && carry.length == 0 && pending.length == 0 && !swallowing
                    && breaks[chunk[end - 1] & 0xff] && (!json || undecodedEscape(chunk, offset, end) < 0)
                    && !mayMatch(chunk, offset, end);
        }

        /** The end of the body: everything still held, masked. */
        public byte[] finish() {
            byte[] rest = carry;
            carry = NO_BYTES;
            return scan(rest, 0, rest.length, true);
        }

        private byte[] scan(byte[] in, int from, int to, boolean last) {
            byte[] raw = in;
            int start = from;
            int end = to;
            if (pending.length > 0) {
                raw = concat(pending, in, from, to - from);
                start = 0;
                end = raw.length;
            }
            if (swallowing) {
                while (start < end && TOKEN_CHAR[raw[start] & 0xff]) {
                    start++;
                }
                swallowing = start == end && !last;
            }
            if (prefilter && !mayMatch(raw, start, end)) {
                int limit = last ? end : Math.max(Math.max(start, end - (window - 1)), lastBreak(raw, start, end) + 1);
                pending = limit == end ? NO_BYTES : java.util.Arrays.copyOfRange(raw, limit, end);
                return limit == start ? NO_BYTES : java.util.Arrays.copyOfRange(raw, start, limit);
            }
            return scanMatches(new String(raw, start, end - start, StandardCharsets.ISO_8859_1), last);
        }

        /** The regular expression over what may hold a match: masks what is settled, holds back what may grow. */
        private byte[] scanMatches(String raw, boolean last) {
            int len = raw.length();
            int limit = last ? len : Math.max(Math.max(0, len - (window - 1)), lastBreak(raw) + 1);
            StringBuilder out = new StringBuilder(Math.max(0, limit + 16));
            Matcher m = bytes.matcher(raw);
            int pos = 0;
            while (m.find() && m.start() < limit) {
                boolean settled = last || m.end() + LOOKAHEAD <= len || (m.end() < len && breaks[raw.charAt(m.end())]);
                if (!settled && m.end() - m.start() < window) {
                    limit = m.start();
                    break;
                }
                out.append(raw, pos, m.start()).append(replacement(m));
                pos = m.end();
                if (!settled) {
                    // A token longer than the window: masked now, and whatever continues it is dropped.
                    swallowing = true;
                    limit = pos;
                    break;
                }
            }
            if (pos < limit) {
                out.append(raw, pos, limit);
                pos = limit;
            }
            pending = raw.substring(pos).getBytes(StandardCharsets.ISO_8859_1);
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /**
         * Whether {@code raw[from, to)} holds what every match contains: one of the secrets' forms, a key prefix
         * ({@code sk-}, {@code xai_}, ...) or {@code bearer} before a blank. When it does not, the expression finds
         * nothing there.
         */
        private boolean mayMatch(byte[] raw, int from, int to) {
            for (int i = from; i < to; i++) {
                int c = raw[i] & 0xff;
                int kind = triggers[c];
                if (kind == 0) {
                    continue;
                }
                if ((kind & SECRET_START) != 0 && secretAt(raw, i, to)) {
                    return true;
                }
                if ((kind & KEY_SEPARATOR) != 0 && keyPrefixBefore(raw, from, i)) {
                    return true;
                }
                if ((kind & BLANK) != 0 && bearerBefore(raw, from, i)) {
                    return true;
                }
            }
            return false;
        }

        private boolean secretAt(byte[] raw, int at, int to) {
            // Indexed: an iterator here was 12 % of what a pass-through bridge allocated under load (not scalar-replaced
            // at this call depth; benchmarks/results/bridge-load-2026-12-04-s5.md).
            for (int f = 0, n = byteForms.size(); f < n; f++) {
                byte[] form = byteForms.get(f);
                if (form.length <= to - at && form[0] == raw[at]
                        && java.util.Arrays.equals(form, 0, form.length, raw, at, at + form.length)) {
                    return true;
                }
            }
            return false;
        }

        private int lastBreak(byte[] raw, int from, int to) {
            for (int i = to - 1; i >= from; i--) {
                if (breaks[raw[i] & 0xff]) {
                    return i;
                }
            }
            return from - 1;
        }

        private int lastBreak(String raw) {
            for (int i = raw.length() - 1; i >= 0; i--) {
                if (breaks[raw.charAt(i)]) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Decodes JSON escapes that stand for ordinary characters ({@code \u0041}, {@code \/}) in UTF-8 bytes, keeping
         * escapes that must stay escaped ({@code \"}, {@code \\}, control characters, surrogates): the JSON means the
         * same afterwards; only a secret hidden by escaping becomes visible. An escape cut by the chunk's end is
         * carried to the next chunk. Returns the decoded length ({@code out} is at least as long as the input).
         */
        private int unescape(byte[] s, int from, int to, byte[] out) {
            int n = 0;
            int i = from;
            while (i < to) {
                byte c = s[i];
                if (c != '\\') {
                    out[n++] = c;
                    i++;
                    continue;
                }
                if (i + 1 >= to) {
                    break;
                }
                byte next = s[i + 1];
                if (next == '/') {
                    out[n++] = '/';
                    i += 2;
                } else if (next == 'u') {
                    if (i + 6 > to) {
                        break;
                    }
                    int code = hex(s, i + 2);
                    if (code >= 0x20 && code != '"' && code != '\\' && !Character.isSurrogate((char) code)) {
                        n = utf8(code, out, n);
                    } else {
                        System.arraycopy(s, i, out, n, 6);
                        n += 6;
                    }
                    i += 6;
                } else {
                    out[n++] = c;
                    out[n++] = next;
                    i += 2;
                }
            }
            carry = i == to ? NO_BYTES : java.util.Arrays.copyOfRange(s, i, to);
            return n;
        }
    }

    /**
     * The index of the first escape in {@code s[from, to)} that decoding would change or that the chunk's end cuts
     * (an escaped slash, a u-escape, a final backslash), or {@code -1}: then the bytes are passed on as they are.
     */
    private static int undecodedEscape(byte[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] == '\\') {
                if (i + 1 >= to || s[i + 1] == '/' || s[i + 1] == 'u') {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** {@code sk-}, {@code rk_}, {@code pk-}, {@code gsk-}, {@code xai_}... ending just before the separator at {@code at}. */
    private static boolean keyPrefixBefore(byte[] raw, int from, int at) {
        if (at - from >= 2 && raw[at - 1] == 'k') {
            byte b = raw[at - 2];
            return b == 's' || b == 'r' || b == 'p';
        }
        return at - from >= 3 && raw[at - 1] == 'i' && raw[at - 2] == 'a' && raw[at - 3] == 'x';
    }

    /** {@code bearer} in any ASCII case just before the blank at {@code at}. */
    private static boolean bearerBefore(byte[] raw, int from, int at) {
        if (at - from < 6 || (raw[at - 1] | 0x20) != 'r') {
            return false;
        }
        for (int k = 0; k < 6; k++) {
            if ((raw[at - 6 + k] | 0x20) != "bearer".charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] head, byte[] tail, int offset, int length) {
        byte[] all = java.util.Arrays.copyOf(head, head.length + length);
        System.arraycopy(tail, offset, all, head.length, length);
        return all;
    }

    private static int hex(byte[] s, int from) {
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit((char) (s[k] & 0xff), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The UTF-8 bytes of a BMP code point that is not a surrogate. */
    private static int utf8(int code, byte[] out, int n) {
        if (code < 0x80) {
            out[n++] = (byte) code;
        } else if (code < 0x800) {
            out[n++] = (byte) (0xC0 | code >> 6);
            out[n++] = (byte) (0x80 | code & 0x3F);
        } else {
            out[n++] = (byte) (0xE0 | code >> 12);
            out[n++] = (byte) (0x80 | code >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | code & 0x3F);
        }
        return n;
    }

    /** Whether JSON bytes hold an escape that a JSON stream would decode (one that may hide a secret). */
    private static boolean hasDecodableEscape(byte[] body) {
        for (int i = 0; i < body.length - 1; i++) {
            if (body[i] != '\\') {
                continue;
            }
            byte next = body[i + 1];
            if (next == '/') {
                return true;
            }
            if (next == 'u' && i + 6 <= body.length) {
                int code = 0;
                for (int k = i + 2; k < i + 6 && code >= 0; k++) {
                    int d = Character.digit((char) (body[k] & 0xff), 16);
                    code = d < 0 ? -1 : code * 16 + d;
                }
                if (code >= 0x20 && code != '"' && code != '\\' && !Character.isSurrogate((char) code)) {
                    return true;
                }
            }
            i++; // the escaped character is not the start of another escape
        }
        return false;
    }

    /** Bytes seen as ISO-8859-1 characters (one per byte), without copying them: what the byte pattern matches. */
    private record Latin1(byte[] bytes, int from, int to) implements CharSequence {
        Latin1(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[from + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Latin1(bytes, from + start, from + end);
        }

        @Override
        public String toString() {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private static String replacement(Matcher m) {
        String key = m.group("key");
        if (key != null) {
            return key + MASK;
        }
        String bearer = m.group("bearer");
        return bearer != null ? bearer + MASK : MASK;
    }

    private static Pattern compile(List<String> literals) {
        StringBuilder regex = new StringBuilder();
        literals.stream().filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(s -> regex.append(Pattern.quote(s)).append('|'));
        return Pattern.compile(regex + KEY + "|" + BEARER);
    }

    private static String jsonEscaped(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
