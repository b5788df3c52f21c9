package net.metacircular.mcq.auth;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.ServiceException.Kind;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The application service for identity: sign-in, sign-out and turning a
 * bearer token into a {@link Caller}. Every surface authenticates through
 * {@link #authenticate}, so the token rules are the same everywhere.
 *
 * <p>When MCIAS is down, tokens already in the cache keep working until their
 * entry expires; anything else answers UNAVAILABLE.
 */
public final class AuthService {

    /** Longer than any real token; bounds the work done on hostile input. */
    static final int MAX_TOKEN_LENGTH = 8192;
    private static final int MAX_USERNAME_LENGTH = 256;
    private static final int MAX_PASSWORD_LENGTH = 1024;
    private static final int MAX_TOTP_LENGTH = 16;

    private final MciasClient mcias;
    private final TokenCache cache;
    private final LoginThrottle throttle;
    /** Told the {@link #tokenId} of every token signed out, e.g. to close its MCP sessions. */
    private final List<Consumer<String>> logoutListeners = new CopyOnWriteArrayList<>();

    public AuthService(MciasClient mcias, TokenCache cache) {
        this(mcias, cache, new LoginThrottle(Clock.systemUTC()));
    }

    public AuthService(MciasClient mcias, TokenCache cache, LoginThrottle throttle) {
        this.mcias = mcias;
        this.cache = cache;
        this.throttle = throttle;
    }

    /**
     * Signs in with a password at MCIAS. Wrong credentials count against the
     * username and the client's address ({@link LoginThrottle}); while either
     * is blocked the attempt is refused with RATE_LIMITED before MCIAS is asked.
     *
     * @param clientAddress the caller's network address, as the transport saw it
     */
    public LoginResult login(String username, String password, String totpCode, String clientAddress) {
        requireText("username", username, MAX_USERNAME_LENGTH);
        requireText("password", password, MAX_PASSWORD_LENGTH);
        if (totpCode != null && totpCode.length() > MAX_TOTP_LENGTH) {
            throw ServiceException.invalid("totp_code is too long");
        }
        try (LoginThrottle.Attempt attempt = throttle.begin(clientAddress, username)) {
            LoginResult result;
            try {
                result = mcias.login(username, password, totpCode);
            } catch (ServiceException e) {
                if (e.kind() == Kind.UNAUTHENTICATED) {
                    attempt.failed();
                }
                throw e;
            }
            attempt.succeeded();
            return result;
        }
    }

    /**
     * Revokes the token at MCIAS and forgets it here at once; the logout
     * listeners drop what they hold for it even when MCIAS cannot be reached.
     */
    public void logout(String token) {
        cache.evict(token);
        try {
            mcias.logout(token);
        } finally {
            String id = tokenId(token);
            logoutListeners.forEach(listener -> listener.accept(id));
        }
    }

    /** Calls {@code listener} with the {@link #tokenId} of each token signed out. */
    public void addLogoutListener(Consumer<String> listener) {
        logoutListeners.add(listener);
    }

    /** A stable hash naming a token, for keeping state per token without keeping the token. */
    public static String tokenId(String token) {
        return TokenCache.key(token);
    }

    /** The caller behind a bearer token, or UNAUTHENTICATED. */
    public Caller authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new ServiceException(Kind.UNAUTHENTICATED, "missing bearer token: sign in and send "
                    + "\"Authorization: Bearer <token>\"");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new ServiceException(Kind.UNAUTHENTICATED, "invalid or expired token");
        }
        // Concurrent requests with the same uncached token share one MCIAS call.
        return cache.get(token, this::validate);
    }

    private Caller validate(String token) {
        return mcias.validate(token)
                .orElseThrow(() -> new ServiceException(Kind.UNAUTHENTICATED, "invalid or expired token"));
    }

    public URI ssoAuthorizeUri(String redirectUri, String state) {
        return mcias.ssoAuthorizeUri(redirectUri, state);
    }

    public LoginResult exchangeSsoCode(String code, String redirectUri) {
        requireText("code", code, 4096);
        return mcias.exchangeSsoCode(code, redirectUri);
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw ServiceException.invalid("missing " + field);
        }
        if (value.length() > maxLength) {
            throw ServiceException.invalid(field + " is too long (at most " + maxLength + " characters)");
        }
    }
}
