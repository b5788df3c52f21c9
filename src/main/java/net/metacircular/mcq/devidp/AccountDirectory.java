package net.metacircular.mcq.devidp;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounts and the one rule for checking a login, shared by the JSON API and the SSO page:
 * password, then TOTP, then the service allow-list. Policy is checked last so that a caller
 * without the right credentials cannot learn which services an account may use.
 */
final class AccountDirectory {
    private final Map<String, DevAccount> accounts = new LinkedHashMap<>();
    private final Clock clock;
    // Compared against when there is no real hash, so an unknown username costs the same time.
    private final PasswordHasher.Hash decoy = PasswordHasher.hash(UUID.randomUUID().toString());

    AccountDirectory(DevIdpConfig config, Clock clock) {
        this.clock = clock;
        for (DevIdpConfig.Account account : config.accounts()) {
            accounts.put(account.username(), DevAccount.from(account, config.humanTokenTtl()));
        }
    }

    enum Outcome { OK, BAD_CREDENTIALS, DENIED }

    /** The result of a login check; {@code account} is set only when the outcome is OK. */
    record LoginCheck(Outcome outcome, DevAccount account) {
        static final LoginCheck BAD = new LoginCheck(Outcome.BAD_CREDENTIALS, null);
        static final LoginCheck DENIED = new LoginCheck(Outcome.DENIED, null);
    }

    LoginCheck check(String username, String password, String totpCode, String service) {
        DevAccount account = username == null ? null : accounts.get(username);
        PasswordHasher.Hash hash = account == null || account.passwordHash() == null ? decoy : account.passwordHash();
        boolean passwordOk = hash.matches(password == null ? "" : password) && hash != decoy;
        if (!passwordOk) {
            return LoginCheck.BAD;
        }
        if (account.totpSecret() != null && !Totp.verify(account.totpSecret(), totpCode, clock.instant())) {
            return LoginCheck.BAD;
        }
        if (!account.mayUse(service)) {
            return LoginCheck.DENIED;
        }
        return new LoginCheck(Outcome.OK, account);
    }

    Optional<DevAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    List<DevAccount> systemAccounts() {
        return accounts.values().stream().filter(a -> a.type() == DevIdpConfig.AccountType.SYSTEM).toList();
    }
}
