package net.metacircular.mcq.render;

import java.util.Objects;

/** One highlighting rule of a language: what to look for, and how to mark it. */
record Rule(TokenType type, Scanner scanner) {

    Rule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scanner, "scanner");
    }
}
