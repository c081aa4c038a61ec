package dev.crosswalk.translator.seal;

/**
 * A blob {@link Sealer#open} cannot open, and why. The message never contains key material or plaintext.
 */
public final class SealException extends RuntimeException {
    /** Why a blob was refused; each calls for a different warning. */
    public enum Reason {
        /** Not a Crosswalk blob at all: e.g. OpenAI's own {@code encrypted_content}, from a switch of provider. */
        NOT_SEALED,
        /** A Crosswalk blob sealed with a key this sealer does not hold: another deployment, or a retired key. */
        FOREIGN_KEY,
        /** Our key id, but the authentication failed: the blob was altered, or sealed for another purpose. */
        TAMPERED
    }

    private final Reason reason;

    public SealException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
