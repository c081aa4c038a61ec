package dev.crosswalk.translator.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealerTest {
    private static final String SECRET = "a-test-secret-of-enough-length-0123";

    @Test
    void instancesWithTheSameSecretOpenEachOthersBlobs() {
        String blob = Sealer.of(SECRET).seal(Sealer.REASONING, "thinking… ünïcode");
        assertThat(blob).startsWith("cw1.").doesNotContain("thinking");
        assertThat(Sealer.of(SECRET).open(Sealer.REASONING, blob)).isEqualTo("thinking… ünïcode");
    }

    @Test
    void eachBlobHasItsOwnNonce() {
        Sealer sealer = Sealer.of(SECRET);
        assertThat(sealer.seal(Sealer.REASONING, "same")).isNotEqualTo(sealer.seal(Sealer.REASONING, "same"));
    }

    @Test
    void aBlobOfAnotherKeyIsForeignNotTampered() {
        String blob = Sealer.of("another-secret-of-enough-length-xyz").seal(Sealer.REASONING, "x");
        assertReason(() -> Sealer.of(SECRET).open(Sealer.REASONING, blob), SealException.Reason.FOREIGN_KEY);
        assertReason(() -> Sealer.ephemeral().open(Sealer.REASONING, blob), SealException.Reason.FOREIGN_KEY);
    }

    @Test
    void everyFlippedByteIsTamperingOrAForeignKey() {
        Sealer sealer = Sealer.of(SECRET);
        String blob = sealer.seal(Sealer.REASONING, "the thinking to protect");
        byte[] raw = Base64.getUrlDecoder().decode(blob.substring(4));
        for (int i = 0; i < raw.length; i++) {
            byte[] copy = raw.clone();
            copy[i] ^= 0x01;
            String altered = "cw1." + Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
            SealException.Reason expected = i < 8 ? SealException.Reason.FOREIGN_KEY : SealException.Reason.TAMPERED;
            assertReason(() -> sealer.open(Sealer.REASONING, altered), expected);
        }
    }

    @Test
    void aBlobOpensOnlyForItsPurpose() {
        Sealer sealer = Sealer.of(SECRET);
        String blob = sealer.seal(Sealer.COMPACTION, "items");
        assertReason(() -> sealer.open(Sealer.REASONING, blob), SealException.Reason.TAMPERED);
    }

    @Test
    void someoneElsesOpaqueBlobIsNotSealed() {
        // the shape of OpenAI's own encrypted_content (a Fernet token)
        assertReason(() -> Sealer.of(SECRET).open(Sealer.REASONING, "gAAAAABoZ3JlYXQ="), SealException.Reason.NOT_SEALED);
        assertReason(() -> Sealer.of(SECRET).open(Sealer.REASONING, null), SealException.Reason.NOT_SEALED);
        assertReason(() -> Sealer.of(SECRET).open(Sealer.REASONING, "cw1.!!!"), SealException.Reason.TAMPERED);
        assertReason(() -> Sealer.of(SECRET).open(Sealer.REASONING, "cw1.AAAA"), SealException.Reason.TAMPERED);
    }

    @Test
    void rotationSealsWithTheNewKeyAndOpensWithTheOld() {
        String old = "the-old-secret-of-enough-length-!!";
        String oldBlob = Sealer.of(old).seal(Sealer.REASONING, "before");
        Sealer rotated = Sealer.of(SECRET, old);
        assertThat(rotated.open(Sealer.REASONING, oldBlob)).isEqualTo("before");
        assertThat(rotated.keyId()).isEqualTo(Sealer.of(SECRET).keyId()).isNotEqualTo(Sealer.of(old).keyId());
        assertReason(() -> Sealer.of(old).open(Sealer.REASONING, rotated.seal(Sealer.REASONING, "after")), SealException.Reason.FOREIGN_KEY);
    }

    @Test
    void shortSecretsAreRefusedAndNothingSecretIsPrinted() {
        assertThatThrownBy(() -> Sealer.of("short")).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short\"");
        assertThat(Sealer.of(SECRET).toString()).doesNotContain(SECRET);
        assertThat(Sealer.ephemeral().isEphemeral()).isTrue();
        assertThat(Sealer.of(SECRET).isEphemeral()).isFalse();
    }

    private static void assertReason(Runnable open, SealException.Reason reason) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(SealException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
