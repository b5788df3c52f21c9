package net.metacircular.mcq.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    @Test
    void theDelayDoublesUpToTheCap() {
        assertThat(LoginThrottle.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoginThrottle.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LoginThrottle.delay(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(LoginThrottle.delay(7)).isEqualTo(LoginThrottle.MAX_DELAY);
        assertThat(LoginThrottle.delay(1000)).isEqualTo(LoginThrottle.MAX_DELAY);
    }

    @Test
    void anIpv6ClientIsKeyedByItsSlash64SoChangingAddressWithinItDoesNotHelp() {
        assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(LoginThrottle.addressKey("[2001:db8:1:2:ffff:1:2:3]"))
                .isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:3::1"));
        assertThat(LoginThrottle.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.addressKey(null)).isEqualTo("unknown");
    }
}
