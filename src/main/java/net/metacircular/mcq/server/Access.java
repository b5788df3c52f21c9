package net.metacircular.mcq.server;

/** Who may call a route. */
public enum Access {
    /** Anyone, without credentials. */
    PUBLIC,
    /** Any account with a valid MCIAS bearer token, system accounts included. */
    BEARER
}
