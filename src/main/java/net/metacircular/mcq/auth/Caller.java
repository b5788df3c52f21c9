package net.metacircular.mcq.auth;

import java.time.Instant;
import java.util.List;

/**
 * The authenticated account behind a request, as MCIAS describes it.
 *
 * @param accountType "human" or "system"; system accounts carry no roles
 * @param roles       among admin, user, guest; admin comes only from MCIAS
 */
public record Caller(String subject, String username, String accountType, List<String> roles, Instant expiresAt) {

    public Caller {
        roles = List.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** A system account (an agent or a script), as opposed to a person. */
    public boolean isSystemAccount() {
        return "system".equals(accountType);
    }
}
