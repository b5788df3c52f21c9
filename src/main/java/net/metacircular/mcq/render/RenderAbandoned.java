package net.metacircular.mcq.render;

/**
 * Thrown from inside a render (parser, HTML writer, sanitizer) to stop it
 * when it has used up its {@link RenderBudget}. Carries no stack trace: it is
 * control flow, thrown often by hostile documents, never a bug.
 */
final class RenderAbandoned extends RuntimeException {

    private final Unrendered reason;

    RenderAbandoned(Unrendered reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    Unrendered reason() {
        return reason;
    }
}
