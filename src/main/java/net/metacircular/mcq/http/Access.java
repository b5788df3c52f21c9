package net.metacircular.mcq.http;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;

/**
 * Who may use an operation: the one access type of every surface. REST
 * routes, web routes, RPCs and MCP tools each have an {@link AccessTable} of
 * these; how a surface finds the caller differs (a bearer token, a session
 * cookie), what the caller may then do does not.
 */
public enum Access {
    /** Anyone, without credentials: health, sign-in, static assets. */
    PUBLIC,
    /** Any signed-in account with a valid MCIAS token, system accounts included. */
    AUTHENTICATED,
    /** A signed-in account holding the MCIAS admin role. */
    ADMIN;

    /** Whether the surface has to find and validate a caller before the operation runs. */
    public boolean needsCaller() {
        return this != PUBLIC;
    }

    /**
     * Refuses an authenticated caller this rule does not admit. Authentication
     * itself has already happened: {@code caller} is null only for
     * {@link #PUBLIC}.
     */
    public void check(Caller caller) {
        if (this == ADMIN && !caller.isAdmin()) {
            throw new ServiceException(ServiceException.Kind.PERMISSION_DENIED, "this needs the admin role");
        }
    }
}
