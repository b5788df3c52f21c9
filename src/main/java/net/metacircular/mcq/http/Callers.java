package net.metacircular.mcq.http;

import io.javalin.http.Context;
import net.metacircular.mcq.auth.Caller;

/**
 * Where a request keeps its authenticated {@link Caller} once the surface's
 * access check has found it: a request attribute, the same for Javalin's
 * routes (REST, web) and the MCP servlet.
 */
public final class Callers {

    /** The request attribute holding the {@link Caller}. */
    public static final String ATTRIBUTE = "mcq.caller";

    private Callers() {
    }

    public static void set(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }

    /** The caller the access check found; null on a public route. */
    public static Caller of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
