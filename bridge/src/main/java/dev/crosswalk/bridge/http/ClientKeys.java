package dev.crosswalk.bridge.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The keys clients may present to the bridge. Only their SHA-256 digests are held, compared in constant time, so a
 * heap dump or a careless {@code toString} reveals none of them.
 *
 * <pre>{@code
 * ClientKeys keys = ClientKeys.load(Path.of("client-keys.txt"));   // one key per line, '#' starts a comment
 * boolean ok = keys.accepts(bearerToken);
 * }</pre>
 */
public final class ClientKeys {
    private final List<byte[]> digests;

    private ClientKeys(List<byte[]> digests) {
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("the client key list is empty");
        }
        this.digests = List.copyOf(digests);
    }

    /** The given keys. */
    public static ClientKeys of(Collection<String> keys) {
        List<byte[]> digests = new ArrayList<>();
        for (String key : keys) {
            if (key != null && !key.isBlank()) {
                digests.add(sha256(key.strip()));
            }
        }
        return new ClientKeys(digests);
    }

    /**
     * Reads a file with one key per line; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no key
     */
    public static ClientKeys load(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String key = line.strip();
            if (!key.isEmpty() && !key.startsWith("#")) {
                keys.add(key);
            }
        }
        return of(keys);
    }

    /** Whether {@code presented} is one of the keys. Takes the same time whichever key matches, or none. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] known : digests) {
            match |= MessageDigest.isEqual(known, digest);
        }
        return match;
    }

    /** How many keys there are. */
    public int size() {
        return digests.size();
    }

    @Override
    public String toString() {
        return "ClientKeys[" + digests.size() + " keys]";
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
