package net.metacircular.mcq.devidp;

import net.metacircular.mcq.testing.MutableClock;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a provider with the default accounts on an ephemeral loopback port for each test. */
abstract class ProviderFixture {
    static final String REDIRECT = "http://127.0.0.1:18080/auth/callback";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    DevIdentityProvider idp;
    IdpHttp http;

    @BeforeEach
    void startProvider() {
        idp = new DevIdentityProvider(DevIdpConfig.defaults(REDIRECT), clock).start();
        http = new IdpHttp(idp.baseUrl());
    }

    @AfterEach
    void stopProvider() {
        idp.stop();
    }
}
