package net.metacircular.mcq.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import net.metacircular.mcq.devidp.DevIdpConfig.Account;
import net.metacircular.mcq.devidp.DevIdpConfig.AccountType;
import net.metacircular.mcq.devidp.DevIdpConfig.SsoClient;
import org.junit.jupiter.api.Test;

class DevIdpConfigTest {
    private static final String REDIRECT = "http://127.0.0.1:8080/auth/callback";

    @Test
    void defaultsHaveTheStandardDevelopmentAccounts() {
        DevIdpConfig config = DevIdpConfig.defaults(REDIRECT);

        assertThat(config.bindAddress()).isEqualTo("127.0.0.1:0");
        assertThat(config.humanTokenTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(config.accounts()).extracting(Account::username)
                .containsExactly("admin", "alice", "guest", "mallory", "totp-user", "ci-bot");
        assertThat(config.account("admin").orElseThrow().roles()).containsExactly("admin", "user");
        assertThat(config.account("admin").orElseThrow().password()).isEqualTo("admin-dev-password");
        assertThat(config.account("mallory").orElseThrow().services()).containsExactly("some-other-service");
        assertThat(config.account("totp-user").orElseThrow().totpSecret()).isNotBlank();
        Account bot = config.account("ci-bot").orElseThrow();
        assertThat(bot.type()).isEqualTo(AccountType.SYSTEM);
        assertThat(bot.roles()).isEmpty();
        assertThat(bot.tokenTtl()).isEqualTo(Duration.ofDays(365));
        assertThat(config.ssoClients()).containsExactly(new SsoClient("mcq", REDIRECT));
    }

    @Test
    void rejectsInvalidAccounts() {
        assertThatThrownBy(() -> Account.human("x", "pw", List.of("root")))
                .hasMessageContaining("unknown role");
        assertThatThrownBy(() -> Account.human("x", "", List.of("user")))
                .hasMessageContaining("needs a password");
        assertThatThrownBy(() -> new Account("bot", null, List.of("user"), AccountType.SYSTEM, null, null, null))
                .hasMessageContaining("cannot have roles");
        assertThatThrownBy(() -> Account.human("x", "pw", List.of()).withTotpSecret("not base32!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DevIdpConfig(null, null,
                List.of(Account.human("x", "a", List.of()), Account.human("x", "b", List.of())), null))
                .hasMessageContaining("duplicate");
    }

    @Test
    void rejectsBadSsoClientsAndBindAddresses() {
        assertThatThrownBy(() -> new SsoClient("mcq", "/relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SsoClient("mcq", "http://h/cb#frag")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SsoClient("mcq", "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DevIdpConfig.defaults(REDIRECT).withBindAddress("localhost"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BindAddress.parse("[::1]:9000")).isEqualTo(new BindAddress("::1", 9000));
        assertThat(BindAddress.parse("[::1]:9000").urlHost()).isEqualTo("[::1]");
    }

    @Test
    void accountToStringRedactsSecrets() {
        Account account = Account.human("alice", "s3cret-pw", List.of("user")).withTotpSecret("JBSWY3DPEHPK3PXP");
        assertThat(account.toString()).contains("alice").doesNotContain("s3cret-pw").doesNotContain("JBSWY3DPEHPK3PXP");
    }

    @Test
    void readsFromSnakeCaseJson() throws Exception {
        String json = """
                {"bind_address": "127.0.0.1:7000", "human_token_ttl": "PT1H",
                 "accounts": [
                   {"username": "bob", "password": "pw", "roles": ["user"], "services": ["mcq"]},
                   {"username": "bot", "account_type": "system", "token_ttl": "P30D"}],
                 "sso_clients": [{"client_id": "mcq", "redirect_uri": "http://127.0.0.1:7001/cb"}]}
                """;
        DevIdpConfig config = new ObjectMapper().registerModule(new JavaTimeModule())
                .readValue(json, DevIdpConfig.class);

        assertThat(config.bindAddress()).isEqualTo("127.0.0.1:7000");
        assertThat(config.humanTokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.account("bob").orElseThrow().type()).isEqualTo(AccountType.HUMAN);
        assertThat(config.account("bot").orElseThrow().tokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.ssoClients().get(0).redirectUri()).isEqualTo("http://127.0.0.1:7001/cb");
    }
}
