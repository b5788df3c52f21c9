package net.metacircular.mcq.devidp;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * The accounts and the one rule for checking a login, shared by the JSON API and the SSO page:
 * password, then TOTP, then the service allow-list. Policy is checked last so that a caller
 * without the right credentials cannot learn which services an account may use.
 */
final class AccountDirectory {
    private final Map<String, DevAccount> accounts = new LinkedHashMap<>();
    private final Clock clock;
    /**
     * The latest TOTP time step each account has signed in with. A code is good for three steps
     * (one either side of now), so without this a code seen over a shoulder or in a log could be
     * used again; as RFC 6238 section 5.2 asks, a code is accepted once. One entry per account.
     */
    private final Map<String, Long> lastTotpStep = new ConcurrentHashMap<>();
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
        if (account.totpSecret() != null && !spendTotpCode(account, totpCode)) {
            return LoginCheck.BAD;
        }
        if (!account.mayUse(service)) {
            return LoginCheck.DENIED;
        }
        return new LoginCheck(Outcome.OK, account);
    }

    /** True when the code is right and neither it nor a later one has been used for this account. */
    private boolean spendTotpCode(DevAccount account, String totpCode) {
        OptionalLong step = Totp.matchingStep(account.totpSecret(), totpCode, clock.instant());
        if (step.isEmpty()) {
            return false;
        }
        long used = step.getAsLong();
        boolean[] accepted = {false};
        // One atomic update, so two requests racing with one code cannot both get in.
        lastTotpStep.compute(account.username(), (name, previous) -> {
            if (previous == null || used > previous) {
                accepted[0] = true;
                return used;
            }
            return previous;
        });
        return accepted[0];
    }

    Optional<DevAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    List<DevAccount> systemAccounts() {
        return accounts.values().stream().filter(a -> a.type() == DevIdpConfig.AccountType.SYSTEM).toList();
    }
}
