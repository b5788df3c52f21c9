package net.metacircular.mcq.render;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kinds of token the code highlighter marks. Each becomes a CSS class
 * {@code tok-<name>} on a {@code <span>}; the reader's stylesheet colours them.
 * The sanitizer allows exactly these class names on spans, so this enum is also
 * part of the HTML allow-list.
 */
enum TokenType {
    KEYWORD,
    STRING,
    COMMENT,
    NUMBER,
    /** Language constants such as true, false, null, None, nil. */
    LITERAL,
    /** Built-in or conventionally named types. */
    TYPE,
    /** Annotations, decorators, preprocessor lines, attributes, diff headers. */
    META,
    /** Markup tag names and their angle brackets. */
    TAG,
    /** Markup attribute names and keys in data formats (JSON, YAML, TOML). */
    ATTRIBUTE,
    /** Shell variables and similar interpolations. */
    VARIABLE,
    /** Added lines in a diff. */
    INSERTED,
    /** Removed lines in a diff. */
    DELETED;

    private final String cssClass = "tok-" + name().toLowerCase(Locale.ROOT);

    String cssClass() {
        return cssClass;
    }

    static Set<String> allCssClasses() {
        return Arrays.stream(values()).map(TokenType::cssClass).collect(Collectors.toUnmodifiableSet());
    }
}
