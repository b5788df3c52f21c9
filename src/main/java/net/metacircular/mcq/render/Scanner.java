package net.metacircular.mcq.render;

/**
 * Recognises one kind of token at a position in source code.
 * Implementations are stateless and shared between threads; per-call state
 * (such as regex matchers) lives in the {@link SourceText} passed in.
 */
@FunctionalInterface
interface Scanner {

    /**
     * Returns the end index (exclusive, greater than {@code from}) of the token
     * starting at {@code from}, or -1 when no such token starts there.
     */
    int scan(SourceText source, int from);
}
