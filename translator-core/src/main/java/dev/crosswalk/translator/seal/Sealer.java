package dev.crosswalk.translator.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals text into an opaque, authenticated blob and opens it again: AES-256-GCM, a random 96-bit nonce per blob,
 * and the purpose (e.g. {@code "reasoning"}) bound in as associated data, so a blob minted for one purpose does not
 * open as another. Immutable and thread-safe.
 *
 * <pre>{@code
 * Sealer sealer = Sealer.of(System.getenv("CROSSWALK_SEAL_KEY"));        // shared by every instance
 * String blob = sealer.seal(Sealer.REASONING, "the model's thinking");
 * String text = sealer.open(Sealer.REASONING, blob);                      // or SealException
 * }</pre>
 *
 * <p>Blob format: {@code cw1.} followed by unpadded base64url of {@code keyId(8) | nonce(12) | ciphertext+tag(16)}.
 * The key id (a hash of the key, not the key) tells "sealed under a key we do not hold" ({@link
 * SealException.Reason#FOREIGN_KEY}: another deployment, a rotated key) apart from "altered" ({@link
 * SealException.Reason#TAMPERED}); the prefix tells both apart from someone else's opaque blob ({@link
 * SealException.Reason#NOT_SEALED}: e.g. OpenAI's own {@code encrypted_content}).
 *
 * <p>Rotation: {@link #of(String, String...)} seals with the first secret and opens with any of them.
 */
public final class Sealer {
    /** Purpose of reasoning items' {@code encrypted_content}. */
    public static final String REASONING = "reasoning";
    /** Purpose of compaction items' {@code encrypted_content}. */
    public static final String COMPACTION = "compaction";

    static final String PREFIX = "cw1.";
    private static final int KEY_ID_BYTES = 8;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_SECRET_CHARS = 16;

    private final List<Key> keys;
    private final boolean ephemeral;
    private final SecureRandom random = new SecureRandom();

    private Sealer(List<Key> keys, boolean ephemeral) {
        this.keys = List.copyOf(keys);
        this.ephemeral = ephemeral;
    }

    /**
     * A sealer whose key is derived from {@code secret} (HMAC-SHA256 extraction, so any high-entropy string of at
     * least 16 characters works, e.g. {@code openssl rand -base64 32}); instances given the same secret open each
     * other's blobs.
     *
     * @param previous retired secrets whose blobs must still open (rotation); nothing is sealed with them
     */
    public static Sealer of(String secret, String... previous) {
        List<Key> keys = new ArrayList<>();
        keys.add(Key.derive(secret));
        for (String old : previous) {
            keys.add(Key.derive(old));
        }
        return new Sealer(keys, false);
    }

    /**
     * A sealer with a random key that lives as long as this object: blobs do not survive a restart and are not
     * shared with other instances. For a single process that may lose its clients' state on restart.
     */
    public static Sealer ephemeral() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Sealer(List.of(Key.of(key)), true);
    }

    /** Whether the key is a random one of this process ({@link #ephemeral()}). */
    public boolean isEphemeral() {
        return ephemeral;
    }

    /** The id of the key that seals, as it appears in blobs (hex): safe to log, it reveals nothing of the key. */
    public String keyId() {
        return hex(keys.get(0).id);
    }

    /** Seals {@code plaintext} for {@code purpose}. */
    public String seal(String purpose, String plaintext) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(plaintext, "plaintext");
        Key key = keys.get(0);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, purpose, plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer blob = ByteBuffer.allocate(KEY_ID_BYTES + NONCE_BYTES + sealed.length);
        blob.put(key.id).put(nonce).put(sealed);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(blob.array());
    }

    /** Whether {@code blob} has the shape of a Crosswalk blob (whatever its key); says nothing of its authenticity. */
    public static boolean looksSealed(String blob) {
        return blob != null && blob.startsWith(PREFIX);
    }

    /**
     * The text sealed in {@code blob} for {@code purpose}.
     *
     * @throws SealException naming why it cannot be opened: not ours, another key, or altered
     */
    public String open(String purpose, String blob) {
        Objects.requireNonNull(purpose, "purpose");
        if (!looksSealed(blob)) {
            throw new SealException(SealException.Reason.NOT_SEALED, "not a Crosswalk-sealed blob");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(blob.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealException(SealException.Reason.TAMPERED, "the sealed blob is not base64url");
        }
        if (raw.length < KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            throw new SealException(SealException.Reason.TAMPERED, "the sealed blob is too short");
        }
        byte[] id = Arrays.copyOfRange(raw, 0, KEY_ID_BYTES);
        Key key = keys.stream().filter(k -> MessageDigest.isEqual(k.id, id)).findFirst().orElse(null);
        if (key == null) {
            throw new SealException(SealException.Reason.FOREIGN_KEY, "sealed with key " + hex(id) + ", which this bridge does not hold");
        }
        byte[] nonce = Arrays.copyOfRange(raw, KEY_ID_BYTES, KEY_ID_BYTES + NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(raw, KEY_ID_BYTES + NONCE_BYTES, raw.length);
        return new String(crypt(Cipher.DECRYPT_MODE, key, nonce, purpose, sealed), StandardCharsets.UTF_8);
    }

    private static byte[] crypt(int mode, Key key, byte[] nonce, String purpose, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.spec, new GCMParameterSpec(TAG_BITS, nonce));
            // version, key id and purpose are authenticated: none can be swapped without the tag failing
            cipher.updateAAD((PREFIX + hex(key.id) + "." + purpose).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SealException(SealException.Reason.TAMPERED, "the sealed blob failed authentication (altered, or sealed for another purpose)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Sealer[keyId=" + keyId() + (ephemeral ? ", ephemeral" : "") + ", keys=" + keys.size() + "]";
    }

    /** An AES key and its public id. */
    private record Key(SecretKeySpec spec, byte[] id) {
        static Key derive(String secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.strip().length() < MIN_SECRET_CHARS) {
                throw new IllegalArgumentException("a seal secret needs at least " + MIN_SECRET_CHARS
                        + " characters (e.g. openssl rand -base64 32)");
            }
            return of(hmac("crosswalk-seal-v1".getBytes(StandardCharsets.UTF_8), secret.strip().getBytes(StandardCharsets.UTF_8)));
        }

        static Key of(byte[] key) {
            byte[] id = Arrays.copyOf(hmac(key, "crosswalk-seal-key-id".getBytes(StandardCharsets.UTF_8)), KEY_ID_BYTES);
            return new Key(new SecretKeySpec(key, "AES"), id);
        }

        private static byte[] hmac(byte[] key, byte[] data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
            }
        }

        @Override
        public String toString() {
            return "Key[" + hex(id) + "]";
        }
    }
}
