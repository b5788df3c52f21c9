package net.metacircular.mcq.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** The RFC 6238 appendix B SHA-1 seed, "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void matchesTheRfc6238TestVectorsTruncatedToSixDigits() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now), now)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.plusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(90)), now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.plusSeconds(90)), now)).isFalse();
    }

    @Test
    void rejectsMissingOrMalformedCodes() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(Totp.verify(RFC_SECRET, null, now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, "", now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, "12345", now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now) + "0", now)).isFalse();
    }

    @Test
    void base32AcceptsTheFormsPeopleCopyAndRejectsOthers() {
        assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"))
                .isEqualTo("12345678901234567890".getBytes());
        assertThat(Base32.decode("JBSWY3DPEHPK3PXP")).isEqualTo("Hello!\u00de\u00ad\u00be\u00ef".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(Base32.decode("MZXW6===")).isEqualTo("foo".getBytes());
        assertThatThrownBy(() -> Base32.decode("not-base32!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("")).isInstanceOf(IllegalArgumentException.class);
    }
}
