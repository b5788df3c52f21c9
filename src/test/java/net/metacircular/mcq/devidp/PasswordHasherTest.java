package net.metacircular.mcq.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void matchesOnlyTheHashedPassword() {
        PasswordHasher.Hash hash = PasswordHasher.hash("correct horse");
        assertThat(hash.matches("correct horse")).isTrue();
        assertThat(hash.matches("correct horse ")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(hash.matches(null)).isFalse();
    }

    @Test
    void saltsEveryHashAndKeepsNoPlaintext() {
        PasswordHasher.Hash a = PasswordHasher.hash("same");
        PasswordHasher.Hash b = PasswordHasher.hash("same");
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.derived()).isNotEqualTo(b.derived());
        assertThat(a.derived()).hasSize(32);
        assertThat(a.iterations()).isEqualTo(PasswordHasher.ITERATIONS);
        assertThat(new String(a.derived(), StandardCharsets.ISO_8859_1)).doesNotContain("same");
        assertThat(a.toString()).doesNotContain("same");
    }
}
