package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.route.RoutesConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys clients may present to the bridge, each with its own limits if it has any. Only the keys' SHA-256 digests
 * are held, compared in constant time, so a heap dump or a careless {@code toString} reveals none of them.
 *
 * <pre>{@code
 * ClientKeys keys = ClientKeys.load(Path.of("client-keys.txt"));
 * ClientKeys.Key key = keys.find(bearerToken);   // null: refused
 * }</pre>
 *
 * The file has one key per line; blank lines and lines starting with {@code #} are skipped. After the key, on the
 * same line, a key may have limits of its own that replace the bridge's ({@code limits:} of the routes file) for it:
 *
 * <pre>
 * sk-team-a
 * sk-team-b   requestsPerMinute=60 concurrentStreams=2
 * sk-batch    requestsPerMinute=0      # 0: no limit for this key
 * </pre>
 */
public final class ClientKeys {
    private static final Pattern SETTING = Pattern.compile("([A-Za-z]+)=(\\S*)");

    private final List<Key> keys;

    private ClientKeys(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the client key list is empty");
        }
        this.keys = List.copyOf(keys);
    }

    /** The given keys, with no limits of their own. */
    public static ClientKeys of(Collection<String> keys) {
        List<Key> out = new ArrayList<>();
        for (String key : keys) {
            if (key != null && !key.isBlank()) {
                out.add(new Key(sha256(key.strip()), null, null));
            }
        }
        return new ClientKeys(out);
    }

    /**
     * Reads a keys file (see the class comment).
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and line (never the key) if a line is wrong or there is no key
     */
    public static ClientKeys load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads keys file text; {@code label} names it in errors. */
    public static ClientKeys parse(String label, String text) {
        List<Key> out = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = label + ":" + (n + 1) + ": ";
            String[] words = line.split("\\s+");
            Integer perMinute = null;
            Integer streams = null;
            for (int i = 1; i < words.length; i++) {
                if (words[i].startsWith("#")) {
                    break;
                }
                Matcher m = SETTING.matcher(words[i]);
                if (!m.matches()) {
                    throw new IllegalArgumentException(where + "after the key, only settings like requestsPerMinute=60 may follow"
                            + " (a key has no spaces)");
                }
                int value = count(where, m.group(1), m.group(2));
                switch (m.group(1)) {
                    case "requestsPerMinute" -> perMinute = once(where, m.group(1), perMinute, value);
                    case "concurrentStreams" -> streams = once(where, m.group(1), streams, value);
                    default -> throw new IllegalArgumentException(where + "unknown setting '" + m.group(1)
                            + "' (known: requestsPerMinute, concurrentStreams)");
                }
            }
            byte[] digest = sha256(words[0]);
            for (Key k : out) {
                if (MessageDigest.isEqual(k.digest, digest)) {
                    throw new IllegalArgumentException(where + "this key is listed twice");
                }
            }
            out.add(new Key(digest, perMinute, streams));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(label + ": the file lists no client key");
        }
        return new ClientKeys(out);
    }

    private static int count(String where, String name, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + name + " must be a whole number, 0 or more, got '" + text + "'");
    }

    private static Integer once(String where, String name, Integer previous, int value) {
        if (previous != null) {
            throw new IllegalArgumentException(where + name + " is given twice");
        }
        return value;
    }

    /** Whether {@code presented} is one of the keys. Takes the same time whichever key matches, or none. */
    public boolean accepts(String presented) {
        return find(presented) != null;
    }

    /** The key {@code presented} is, or {@code null}. Takes the same time whichever key matches, or none. */
    public Key find(String presented) {
        if (presented == null) {
            return null;
        }
        byte[] digest = sha256(presented);
        Key match = null;
        for (Key known : keys) {
            if (MessageDigest.isEqual(known.digest, digest)) {
                match = known;
            }
        }
        return match;
    }

    /** How many keys there are. */
    public int size() {
        return keys.size();
    }

    /** How many keys have limits of their own. */
    public int withOwnLimits() {
        return (int) keys.stream().filter(k -> k.requestsPerMinute != null || k.concurrentStreams != null).count();
    }

    @Override
    public String toString() {
        return "ClientKeys[" + keys.size() + " keys]";
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** One client key (its digest) and the limits it has of its own, if any. */
    public static final class Key {
        private final byte[] digest;
        private final Integer requestsPerMinute;
        private final Integer concurrentStreams;

        private Key(byte[] digest, Integer requestsPerMinute, Integer concurrentStreams) {
            this.digest = digest;
            this.requestsPerMinute = requestsPerMinute;
            this.concurrentStreams = concurrentStreams;
        }

        /** The limits for this key: its own where it has them, else {@code defaults}. */
        public RoutesConfig.Limits limits(RoutesConfig.Limits defaults) {
            if (requestsPerMinute == null && concurrentStreams == null) {
                return defaults;
            }
            return new RoutesConfig.Limits(requestsPerMinute != null ? requestsPerMinute : defaults.requestsPerMinute(),
                    concurrentStreams != null ? concurrentStreams : defaults.concurrentStreams());
        }

        @Override
        public String toString() {
            return "Key[***]";
        }
    }
}
