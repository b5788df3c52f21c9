package net.metacircular.mcq.render;

import org.commonmark.node.Node;

import java.util.function.Consumer;

/**
 * Visits every node below a root in document order, without recursion and
 * without allocating: it moves along the tree's own parent, child and
 * sibling links. A megabyte document has hundreds of thousands of nodes, and
 * several passes walk them all on each first view.
 */
final class TreeWalk {

    private TreeWalk() {
    }

    /**
     * Calls {@code visit} with {@code root} and each node below it. The visit
     * may change a node's content but not the tree's shape.
     */
    static void forEach(Node root, Consumer<Node> visit) {
        Node node = root;
        while (node != null) {
            visit.accept(node);
            node = next(root, node);
        }
    }

    /** The depth of the deepest node below {@code root} (the root is 0), or {@code limit + 1} once past it. */
    static int depth(Node root, int limit) {
        int depth = 0;
        int deepest = 0;
        Node node = root;
        while (true) {
            Node child = node.getFirstChild();
            if (child != null) {
                node = child;
                depth++;
                if (depth > deepest) {
                    deepest = depth;
                    if (deepest > limit) {
                        return deepest;
                    }
                }
                continue;
            }
            while (node != root && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            if (node == root) {
                return deepest;
            }
            node = node.getNext();
        }
    }

    /** The node after {@code node} in document order within {@code root}, or null at the end. */
    private static Node next(Node root, Node node) {
        if (node.getFirstChild() != null) {
            return node.getFirstChild();
        }
        while (node != root && node.getNext() == null) {
            node = node.getParent();
        }
        return node == root ? null : node.getNext();
    }
}
