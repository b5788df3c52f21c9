package net.metacircular.mcq.devidp;

import net.metacircular.mcq.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SsoCodesTest {
    private static final String CB = "http://127.0.0.1:8080/auth/callback";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SsoCodes codes = new SsoCodes(clock);

    @Test
    void aCodeIsRedeemedOnceForItsUser() {
        String code = codes.issue("alice", "mcq", CB);
        assertThat(code).hasSizeGreaterThanOrEqualTo(40);
        assertThat(codes.redeem(code, "mcq", CB)).contains("alice");
        assertThat(codes.redeem(code, "mcq", CB)).isEmpty();
    }

    @Test
    void aCodeExpiresAfterSixtySeconds() {
        String early = codes.issue("alice", "mcq", CB);
        String late = codes.issue("alice", "mcq", CB);
        clock.advance(Duration.ofSeconds(59));
        assertThat(codes.redeem(early, "mcq", CB)).contains("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(codes.redeem(late, "mcq", CB)).isEmpty();
    }

    @Test
    void aCodeIsBoundToClientAndRedirectAndBurnedByAMismatch() {
        String code = codes.issue("alice", "mcq", CB);
        assertThat(codes.redeem(code, "mcq", CB + "/other")).isEmpty();
        assertThat(codes.redeem(code, "mcq", CB)).isEmpty();

        String other = codes.issue("alice", "mcq", CB);
        assertThat(codes.redeem(other, "someone-else", CB)).isEmpty();
        assertThat(codes.redeem("made-up", "mcq", CB)).isEmpty();
        assertThat(codes.redeem(null, "mcq", CB)).isEmpty();
    }
}
