package net.metacircular.mcq.render;

import org.commonmark.node.Node;

/**
 * How deeply a document may nest (block quotes in lists in emphasis...).
 *
 * <p>commonmark's parser and renderer recurse once per level, so a pushed
 * document of a few thousand '>' or '*' characters would exhaust a request
 * thread's stack. Real documents nest a handful of levels; past this limit a
 * document is shown as source instead. Measured here without recursion, so the
 * answer does not depend on the stack size of the thread that asks.
 */
final class NestingLimit {

    static final int MAX_DEPTH = 100;

    private NestingLimit() {
    }

    static boolean exceededBy(Node document) {
        return TreeWalk.depth(document, MAX_DEPTH) > MAX_DEPTH;
    }
}
