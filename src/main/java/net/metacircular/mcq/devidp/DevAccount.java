package net.metacircular.mcq.devidp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * An account as the running provider holds it: the password only as a salted hash.
 *
 * @param subject stable across restarts (derived from the username) so that MCQ data keyed by
 *     the token's sub survives a devserver restart
 * @param passwordHash null when the account cannot log in with a password
 * @param tokenTtl how long the tokens issued to this account live
 */
record DevAccount(
        String username,
        String subject,
        PasswordHasher.Hash passwordHash,
        List<String> roles,
        DevIdpConfig.AccountType type,
        String totpSecret,
        List<String> services,
        Duration tokenTtl) {

    DevAccount {
        roles = List.copyOf(roles);
        services = List.copyOf(services);
    }

    static DevAccount from(DevIdpConfig.Account account, Duration humanTokenTtl) {
        PasswordHasher.Hash hash = account.password() == null ? null : PasswordHasher.hash(account.password());
        Duration ttl = account.type() == DevIdpConfig.AccountType.SYSTEM ? account.tokenTtl() : humanTokenTtl;
        return new DevAccount(
                account.username(),
                subjectFor(account.username()),
                hash,
                account.roles(),
                account.type(),
                account.totpSecret(),
                account.services(),
                ttl);
    }

    static String subjectFor(String username) {
        return UUID.nameUUIDFromBytes(("mcias-dev:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** An empty allow-list means the account may use every service. */
    boolean mayUse(String service) {
        return services.isEmpty() || services.contains(service);
    }

    @Override
    public String toString() {
        return "DevAccount[username=" + username + ", type=" + type.wireName() + ", roles=" + roles + "]";
    }
}
