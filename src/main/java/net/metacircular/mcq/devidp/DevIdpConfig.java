package net.metacircular.mcq.devidp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration of the development identity provider: where it listens, how long tokens live,
 * which accounts exist and which SSO clients may use the browser flow.
 *
 * <p>Passwords appear here in plaintext because this is a development configuration whose
 * passwords are printed on purpose. {@link DevIdentityProvider} hashes them when it is built and
 * keeps no reference to this record. The JSON names are snake_case so the same record can be read
 * from a TOML or JSON file.
 */
public record DevIdpConfig(
        @JsonProperty("bind_address") String bindAddress,
        @JsonProperty("human_token_ttl") Duration humanTokenTtl,
        @JsonProperty("accounts") List<Account> accounts,
        @JsonProperty("sso_clients") List<SsoClient> ssoClients) {

    /** Loopback on an ephemeral port: the provider is never reachable from another machine by default. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1:0";
    public static final Duration DEFAULT_HUMAN_TOKEN_TTL = Duration.ofHours(12);
    public static final Duration DEFAULT_SYSTEM_TOKEN_TTL = Duration.ofDays(365);

    /** The roles MCIAS knows; MCQ maps these and nothing else. */
    public static final Set<String> KNOWN_ROLES = Set.of("admin", "user", "guest");

    /** The service name MCQ presents to MCIAS, and the client id of its SSO registration. */
    public static final String MCQ_SERVICE = "mcq";

    @JsonCreator
    public DevIdpConfig {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND_ADDRESS : bindAddress.strip();
        BindAddress.parse(bindAddress);
        humanTokenTtl = humanTokenTtl == null ? DEFAULT_HUMAN_TOKEN_TTL : humanTokenTtl;
        requirePositive(humanTokenTtl, "human_token_ttl");
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        ssoClients = ssoClients == null ? List.of() : List.copyOf(ssoClients);
        requireUnique(accounts.stream().map(Account::username).toList(), "account username");
        requireUnique(ssoClients.stream().map(SsoClient::clientId).toList(), "SSO client_id");
    }

    /**
     * The standard development accounts, one per case MCQ has to handle, with passwords that are
     * easy to type because {@code mcq devserver} prints them.
     *
     * @param mcqRedirectUri the SSO callback of the MCQ instance started next to the provider
     */
    public static DevIdpConfig defaults(String mcqRedirectUri) {
        return new DevIdpConfig(
                DEFAULT_BIND_ADDRESS,
                DEFAULT_HUMAN_TOKEN_TTL,
                List.of(
                        Account.human("admin", "admin-dev-password", List.of("admin", "user")),
                        Account.human("alice", "alice-dev-password", List.of("user")),
                        Account.human("guest", "guest-dev-password", List.of("guest")),
                        // Allowed only elsewhere, so MCQ's handling of a policy denial (403) can be exercised.
                        Account.human("mallory", "mallory-dev-password", List.of("user"))
                                .withServices(List.of("some-other-service")),
                        // A well-known demo secret, so it can be typed into any authenticator app.
                        Account.human("totp-user", "totp-dev-password", List.of("user"))
                                .withTotpSecret("JBSWY3DPEHPK3PXP"),
                        Account.system("ci-bot", DEFAULT_SYSTEM_TOKEN_TTL)),
                List.of(new SsoClient(MCQ_SERVICE, mcqRedirectUri)));
    }

    public Optional<Account> account(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst();
    }

    public DevIdpConfig withBindAddress(String newBindAddress) {
        return new DevIdpConfig(newBindAddress, humanTokenTtl, accounts, ssoClients);
    }

    /** Kinds of MCIAS account; the wire form is lower case, as in the token's account_type claim. */
    public enum AccountType {
        HUMAN, SYSTEM;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static AccountType fromWireName(String name) {
            for (AccountType t : values()) {
                if (t.wireName().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown account type: " + name);
        }
    }

    /**
     * One account.
     *
     * @param password plaintext (development only); may be null for a system account, which then
     *     cannot log in with a password and is used only through its minted token
     * @param totpSecret base32 secret; when present every login needs a current TOTP code
     * @param services allow-list of service names; empty means any service
     * @param tokenTtl lifetime of a system account's tokens; ignored for humans, whose tokens live
     *     {@link DevIdpConfig#humanTokenTtl()}
     */
    public record Account(
            @JsonProperty("username") String username,
            @JsonProperty("password") String password,
            @JsonProperty("roles") List<String> roles,
            @JsonProperty("account_type") AccountType type,
            @JsonProperty("totp_secret") String totpSecret,
            @JsonProperty("services") List<String> services,
            @JsonProperty("token_ttl") Duration tokenTtl) {

        @JsonCreator
        public Account {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("account username is required");
            }
            type = type == null ? AccountType.HUMAN : type;
            roles = roles == null ? List.of() : List.copyOf(roles);
            services = services == null ? List.of() : List.copyOf(services);
            totpSecret = totpSecret == null || totpSecret.isBlank() ? null : totpSecret;
            for (String role : roles) {
                if (!KNOWN_ROLES.contains(role)) {
                    throw new IllegalArgumentException("account " + username + ": unknown role " + role);
                }
            }
            if (type == AccountType.HUMAN && (password == null || password.isEmpty())) {
                throw new IllegalArgumentException("human account " + username + " needs a password");
            }
            if (type == AccountType.SYSTEM) {
                // MCIAS gives system accounts no roles; MCQ grants them rights by other means.
                if (!roles.isEmpty()) {
                    throw new IllegalArgumentException("system account " + username + " cannot have roles");
                }
                tokenTtl = tokenTtl == null ? DEFAULT_SYSTEM_TOKEN_TTL : tokenTtl;
                requirePositive(tokenTtl, "token_ttl of " + username);
            }
            if (totpSecret != null) {
                Base32.decode(totpSecret); // fail at load, not at the first login
            }
        }

        public static Account human(String username, String password, List<String> roles) {
            return new Account(username, password, roles, AccountType.HUMAN, null, List.of(), null);
        }

        public static Account system(String username, Duration tokenTtl) {
            return new Account(username, null, List.of(), AccountType.SYSTEM, null, List.of(), tokenTtl);
        }

        public Account withTotpSecret(String secret) {
            return new Account(username, password, roles, type, secret, services, tokenTtl);
        }

        public Account withServices(List<String> allowed) {
            return new Account(username, password, roles, type, totpSecret, allowed, tokenTtl);
        }

        /** Redacts the secrets so an account can be logged without leaking them. */
        @Override
        public String toString() {
            return "Account[username=" + username + ", type=" + type.wireName() + ", roles=" + roles
                    + ", totp=" + (totpSecret != null) + ", services=" + services + "]";
        }
    }

    /**
     * A registered SSO client. Its client id doubles as the service name for login policy, which
     * is how MCIAS ties a browser sign-in to a service.
     *
     * @param redirectUri compared byte for byte with the redirect_uri of each request
     */
    public record SsoClient(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("redirect_uri") String redirectUri) {

        @JsonCreator
        public SsoClient {
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("SSO client_id is required");
            }
            if (redirectUri == null) {
                throw new IllegalArgumentException("SSO client " + clientId + " needs a redirect_uri");
            }
            try {
                URI uri = new URI(redirectUri);
                String scheme = uri.getScheme();
                if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                        || uri.getHost() == null || uri.getRawFragment() != null) {
                    throw new IllegalArgumentException("SSO client " + clientId
                            + ": redirect_uri must be an absolute http(s) URI without fragment");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("SSO client " + clientId + ": bad redirect_uri", e);
            }
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    private static void requireUnique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("duplicate " + what + ": " + name);
            }
        }
    }
}
