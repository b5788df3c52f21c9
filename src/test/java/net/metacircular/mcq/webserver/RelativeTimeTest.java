package net.metacircular.mcq.webserver;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final RelativeTime time = new RelativeTime(Clock.fixed(NOW, ZoneOffset.UTC));

    private String ago(Duration duration) {
        return time.describe(NOW.minus(duration));
    }

    @Test
    void describesAgesAsAPersonWould() {
        assertThat(ago(Duration.ofSeconds(5))).isEqualTo("just now");
        assertThat(ago(Duration.ofSeconds(50))).isEqualTo("1 minute ago");
        assertThat(ago(Duration.ofMinutes(3))).isEqualTo("3 minutes ago");
        assertThat(ago(Duration.ofMinutes(59).plusSeconds(50))).isEqualTo("1 hour ago");
        assertThat(ago(Duration.ofHours(5))).isEqualTo("5 hours ago");
        assertThat(ago(Duration.ofHours(30))).isEqualTo("1 day ago");
        assertThat(ago(Duration.ofDays(12))).isEqualTo("12 days ago");
        assertThat(ago(Duration.ofDays(70))).isEqualTo("2 months ago");
        assertThat(ago(Duration.ofDays(800))).isEqualTo("2 years ago");
    }

    @Test
    void aTimeSlightlyInTheFutureIsJustNow() {
        assertThat(time.describe(NOW.plusSeconds(30))).isEqualTo("just now");
    }

    @Test
    void theExactTimeIsRfc3339InUtcToTheSecond() {
        Views.Time when = time.of(Instant.parse("2026-11-27T09:57:00.123456Z"));
        assertThat(when.exact()).isEqualTo("2026-11-27T09:57:00Z");
        assertThat(when.relative()).isEqualTo("3 minutes ago");
    }
}
