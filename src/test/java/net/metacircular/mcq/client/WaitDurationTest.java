package net.metacircular.mcq.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitDurationTest {

    @Test
    void readsSecondsMinutesAndHours() {
        assertThat(WaitDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(WaitDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(WaitDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(WaitDuration.parse("45")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "0s", "-5s", "5 m", "1d", "1.5m", "m", "99999999s"}) {
            assertThatThrownBy(() -> WaitDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
