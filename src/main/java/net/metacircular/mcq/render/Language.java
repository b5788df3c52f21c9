package net.metacircular.mcq.render;

import java.util.List;

/**
 * A language the highlighter knows: its canonical name (used in the
 * {@code language-xxx} class) and its rules, tried in order at each position.
 */
record Language(String name, List<Rule> rules) {

    Language {
        rules = List.copyOf(rules);
    }
}
