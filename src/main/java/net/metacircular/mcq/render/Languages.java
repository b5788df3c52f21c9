package net.metacircular.mcq.render;

import static net.metacircular.mcq.render.Scanners.atLineStart;
import static net.metacircular.mcq.render.Scanners.capitalizedIdentifier;
import static net.metacircular.mcq.render.Scanners.delimited;
import static net.metacircular.mcq.render.Scanners.followedBy;
import static net.metacircular.mcq.render.Scanners.lineComment;
import static net.metacircular.mcq.render.Scanners.lineStartingWith;
import static net.metacircular.mcq.render.Scanners.number;
import static net.metacircular.mcq.render.Scanners.prefixed;
import static net.metacircular.mcq.render.Scanners.quoted;
import static net.metacircular.mcq.render.Scanners.regex;
import static net.metacircular.mcq.render.Scanners.words;
import static net.metacircular.mcq.render.Scanners.wordsIgnoringCase;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.metacircular.mcq.render.Scanners.Escape;

/**
 * The table of languages the highlighter knows, looked up by the first word of
 * a fenced code block's info string. The rules aim for readable colouring of
 * the code agents and scripts typically push for review, not for a full parse:
 * within each language, rules are tried in order and the first match wins, so
 * comments and strings come before keywords.
 */
final class Languages {

    // Shared scanners; declared before the table, which is built from them.
    private static final Scanner C_LINE_COMMENT = lineComment("//");
    private static final Scanner C_BLOCK_COMMENT = delimited("/*", "*/");
    private static final Scanner DOUBLE_QUOTED = quoted('"', Escape.BACKSLASH, false);
    private static final Scanner SINGLE_QUOTED = quoted('\'', Escape.BACKSLASH, false);
    private static final Scanner HASH_COMMENT = lineComment("#");

    private static final Map<String, Language> BY_ALIAS = buildTable();

    private Languages() {
    }

    /** The language for an info-string word such as {@code java} or {@code YML}, if known. */
    static Optional<Language> find(String name) {
        return Optional.ofNullable(BY_ALIAS.get(name.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, Language> buildTable() {
        Map<String, Language> table = new HashMap<>();
        register(table, java(), "java");
        register(table, go(), "go", "golang");
        register(table, python(), "python", "py", "python3", "py3");
        register(table, javascript(), "javascript", "js", "jsx", "mjs", "cjs", "typescript", "ts", "tsx");
        register(table, json(), "json", "jsonc", "json5");
        register(table, yaml(), "yaml", "yml");
        register(table, toml(), "toml");
        register(table, bash(), "bash", "sh", "shell", "zsh");
        register(table, sql(), "sql", "sqlite", "postgresql", "psql", "mysql");
        register(table, rust(), "rust", "rs");
        register(table, c(), "c", "h", "cpp", "c++", "cc", "cxx", "hpp");
        register(table, markup(), "html", "htm", "xml", "xhtml", "svg");
        register(table, diff(), "diff", "patch");
        register(table, kotlin(), "kotlin", "kt", "kts");
        register(table, ruby(), "ruby", "rb", "gemfile", "rake");
        register(table, css(), "css", "scss", "less");
        register(table, dockerfile(), "dockerfile", "docker", "containerfile");
        register(table, proto(), "proto", "protobuf", "proto3");
        register(table, hcl(), "hcl", "terraform", "tf", "tfvars");
        return Map.copyOf(table);
    }

    private static void register(Map<String, Language> table, Language language, String... aliases) {
        for (String alias : aliases) {
            table.put(alias, language);
        }
    }

    private static Rule rule(TokenType type, Scanner scanner) {
        return new Rule(type, scanner);
    }

    static Language java() {
        return new Language("java", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, delimited("\"\"\"", "\"\"\"")),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, SINGLE_QUOTED),
                rule(TokenType.META, regex("@[A-Za-z_][\\w.]*")),
                rule(TokenType.KEYWORD, words("abstract", "assert", "break", "case", "catch", "class", "const",
                        "continue", "default", "do", "else", "enum", "extends", "final", "finally", "for", "goto",
                        "if", "implements", "import", "instanceof", "interface", "native", "new", "package",
                        "private", "protected", "public", "record", "return", "sealed", "permits", "static",
                        "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient",
                        "try", "var", "void", "volatile", "while", "yield")),
                rule(TokenType.LITERAL, words("true", "false", "null")),
                rule(TokenType.TYPE, words("boolean", "byte", "char", "double", "float", "int", "long", "short")),
                rule(TokenType.TYPE, capitalizedIdentifier()),
                rule(TokenType.NUMBER, number())));
    }

    static Language go() {
        return new Language("go", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, quoted('`', Escape.NONE, true)),
                rule(TokenType.STRING, SINGLE_QUOTED),
                rule(TokenType.KEYWORD, words("break", "case", "chan", "const", "continue", "default", "defer",
                        "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map",
                        "package", "range", "return", "select", "struct", "switch", "type", "var")),
                rule(TokenType.LITERAL, words("true", "false", "nil", "iota")),
                rule(TokenType.TYPE, words("bool", "byte", "complex64", "complex128", "error", "float32",
                        "float64", "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8",
                        "uint16", "uint32", "uint64", "uintptr", "any")),
                rule(TokenType.NUMBER, number())));
    }

    static Language python() {
        Set<String> stringPrefixes = Set.of("r", "b", "f", "u", "rb", "br", "fr", "rf");
        return new Language("python", List.of(
                rule(TokenType.COMMENT, HASH_COMMENT),
                rule(TokenType.STRING, prefixed(stringPrefixes, delimited("\"\"\"", "\"\"\""))),
                rule(TokenType.STRING, prefixed(stringPrefixes, delimited("'''", "'''"))),
                rule(TokenType.STRING, prefixed(stringPrefixes, DOUBLE_QUOTED)),
                rule(TokenType.STRING, prefixed(stringPrefixes, SINGLE_QUOTED)),
                rule(TokenType.META, atLineStart(regex("[ \\t]*@[A-Za-z_][\\w.]*"))),
                rule(TokenType.KEYWORD, words("and", "as", "assert", "async", "await", "break", "class",
                        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
                        "if", "import", "in", "is", "lambda", "match", "case", "nonlocal", "not", "or", "pass",
                        "raise", "return", "try", "while", "with", "yield")),
                rule(TokenType.LITERAL, words("True", "False", "None")),
                rule(TokenType.TYPE, words("int", "float", "str", "bytes", "bool", "list", "dict", "set",
                        "tuple", "object")),
                rule(TokenType.NUMBER, number())));
    }

    static Language javascript() {
        return new Language("javascript", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, SINGLE_QUOTED),
                rule(TokenType.STRING, quoted('`', Escape.BACKSLASH, true)),
                rule(TokenType.META, regex("@[A-Za-z_][\\w.]*")),
                rule(TokenType.KEYWORD, words("async", "await", "break", "case", "catch", "class", "const",
                        "continue", "debugger", "default", "delete", "do", "else", "export", "extends",
                        "finally", "for", "from", "function", "if", "import", "in", "instanceof", "let", "new",
                        "of", "return", "static", "super", "switch", "this", "throw", "try", "typeof", "var",
                        "void", "while", "with", "yield",
                        // TypeScript
                        "abstract", "as", "declare", "enum", "implements", "interface", "keyof", "namespace",
                        "private", "protected", "public", "readonly", "type")),
                rule(TokenType.LITERAL, words("true", "false", "null", "undefined", "NaN", "Infinity")),
                rule(TokenType.TYPE, words("string", "number", "boolean", "any", "unknown", "never", "object",
                        "bigint", "symbol")),
                rule(TokenType.NUMBER, number())));
    }

    static Language json() {
        return new Language("json", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.ATTRIBUTE, followedBy(DOUBLE_QUOTED, ':')),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.LITERAL, words("true", "false", "null")),
                rule(TokenType.NUMBER, regex("-?" + "(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?"))));
    }

    static Language yaml() {
        return new Language("yaml", List.of(
                rule(TokenType.COMMENT, regex("(?<![^\\s])#[^\\n]*")),
                rule(TokenType.META, atLineStart(regex("(?:---|\\.\\.\\.)(?=\\s|$)"))),
                rule(TokenType.ATTRIBUTE, followedBy(regex("[A-Za-z_][\\w.-]*"), ':')),
                rule(TokenType.ATTRIBUTE, followedBy(DOUBLE_QUOTED, ':')),
                rule(TokenType.ATTRIBUTE, followedBy(quoted('\'', Escape.DOUBLED, false), ':')),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, quoted('\'', Escape.DOUBLED, false)),
                rule(TokenType.META, regex("[&*][A-Za-z_][\\w-]*|![!\\w/.-]+")),
                rule(TokenType.LITERAL, words("true", "false", "null", "yes", "no", "on", "off", "True",
                        "False", "Null", "TRUE", "FALSE", "NULL", "Yes", "No", "YES", "NO")),
                rule(TokenType.NUMBER, regex("[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|\\d[\\d_]*(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)"
                        + "(?![\\w.-])"))));
    }

    static Language toml() {
        return new Language("toml", List.of(
                rule(TokenType.COMMENT, HASH_COMMENT),
                rule(TokenType.META, atLineStart(regex("[ \\t]*\\[\\[?[^\\]\\n]*\\]\\]?"))),
                rule(TokenType.STRING, delimited("\"\"\"", "\"\"\"")),
                rule(TokenType.STRING, delimited("'''", "'''")),
                rule(TokenType.ATTRIBUTE, followedBy(regex("[A-Za-z0-9_][\\w.-]*"), '=')),
                rule(TokenType.ATTRIBUTE, followedBy(DOUBLE_QUOTED, '=')),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, quoted('\'', Escape.NONE, false)),
                rule(TokenType.LITERAL, words("true", "false", "inf", "nan")),
                rule(TokenType.NUMBER, regex("[-+]?\\d[\\d_:.TZ+-]*(?:[eE][+-]?\\d+)?|0x[0-9a-fA-F_]+"
                        + "|0o[0-7_]+|0b[01_]+"))));
    }

    static Language bash() {
        return new Language("bash", List.of(
                rule(TokenType.META, atLineStart(regex("#![^\\n]*"))),
                // '#' starts a comment only at the start of a word: not in $# or ${#var}.
                rule(TokenType.COMMENT, regex("(?<![^\\s;&|(])#[^\\n]*")),
                rule(TokenType.VARIABLE, regex("\\$\\{[^}\\n]{0,200}\\}|\\$[A-Za-z_][\\w]*|\\$[@*#?$!0-9-]")),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, quoted('\'', Escape.NONE, true)),
                rule(TokenType.KEYWORD, words("if", "then", "else", "elif", "fi", "for", "while", "until", "do",
                        "done", "case", "esac", "in", "function", "select", "return", "break", "continue",
                        "local", "export", "readonly", "declare", "set", "unset", "shift", "source", "exit",
                        "trap", "eval", "exec")),
                rule(TokenType.TYPE, words("echo", "printf", "cd", "pwd", "test", "read", "true", "false")),
                rule(TokenType.NUMBER, regex("\\d+(?![\\w.])"))));
    }

    static Language sql() {
        return new Language("sql", List.of(
                rule(TokenType.COMMENT, lineComment("--")),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, quoted('\'', Escape.DOUBLED, true)),
                rule(TokenType.ATTRIBUTE, quoted('"', Escape.DOUBLED, false)),
                rule(TokenType.ATTRIBUTE, quoted('`', Escape.DOUBLED, false)),
                rule(TokenType.KEYWORD, wordsIgnoringCase("add", "all", "alter", "and", "as", "asc", "begin",
                        "between", "by", "case", "check", "column", "commit", "conflict", "constraint", "create",
                        "cross", "default", "delete", "desc", "distinct", "do", "drop", "else", "end", "exists",
                        "foreign", "from", "full", "group", "having", "if", "in", "index", "inner", "insert",
                        "into", "is", "join", "key", "left", "like", "limit", "not", "nothing", "offset", "on",
                        "or", "order", "outer", "primary", "references", "replace", "returning", "right",
                        "rollback", "select", "set", "table", "then", "transaction", "union", "unique", "update",
                        "using", "values", "view", "when", "where", "with")),
                rule(TokenType.LITERAL, wordsIgnoringCase("null", "true", "false")),
                rule(TokenType.TYPE, wordsIgnoringCase("int", "integer", "bigint", "smallint", "text", "varchar",
                        "char", "blob", "real", "float", "double", "numeric", "decimal", "boolean", "date",
                        "time", "timestamp", "serial", "uuid", "jsonb", "json")),
                rule(TokenType.NUMBER, number())));
    }

    static Language rust() {
        return new Language("rust", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, prefixed(Set.of("b"), quoted('"', Escape.BACKSLASH, true))),
                rule(TokenType.STRING, rawRustString()),
                // A character literal, before lifetimes ('a) can claim the quote.
                rule(TokenType.STRING, regex("b?'(?:\\\\(?:x[0-9a-fA-F]{2}|u\\{[0-9a-fA-F]{1,6}\\}|.)|[^\\\\'\\n])'")),
                rule(TokenType.META, regex("'[A-Za-z_]\\w*")),
                rule(TokenType.META, regex("#!?\\[[^\\]\\n]{0,500}\\]")),
                rule(TokenType.META, regex("[a-z_][\\w]*!")),
                rule(TokenType.KEYWORD, words("as", "async", "await", "break", "const", "continue", "crate", "dyn",
                        "else", "enum", "extern", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
                        "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
                        "trait", "type", "unsafe", "use", "where", "while")),
                rule(TokenType.LITERAL, words("true", "false", "None", "Some", "Ok", "Err")),
                rule(TokenType.TYPE, words("i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64",
                        "u128", "usize", "f32", "f64", "bool", "char", "str")),
                rule(TokenType.TYPE, capitalizedIdentifier()),
                rule(TokenType.NUMBER, number())));
    }

    /** Rust's r"..." and r#"..."# strings: no escapes, closed by a quote and the same number of hashes. */
    private static Scanner rawRustString() {
        return (source, from) -> {
            int i = from;
            if (i < source.length() && source.charAt(i) == 'b') {
                i++;
            }
            if (i >= source.length() || source.charAt(i) != 'r') {
                return -1;
            }
            i++;
            int hashes = 0;
            while (i < source.length() && source.charAt(i) == '#') {
                hashes++;
                i++;
            }
            if (i >= source.length() || source.charAt(i) != '"') {
                return -1;
            }
            String close = "\"" + "#".repeat(hashes);
            int closeAt = source.text().indexOf(close, i + 1);
            return closeAt < 0 ? source.length() : closeAt + close.length();
        };
    }

    static Language c() {
        return new Language("c", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.META, atLineStart(regex("[ \\t]*#[ \\t]*[a-z]+(?:[ \\t]*<[^>\\n]*>)?"))),
                rule(TokenType.STRING, prefixed(Set.of("L", "u", "U", "u8", "R"), DOUBLE_QUOTED)),
                rule(TokenType.STRING, prefixed(Set.of("L", "u", "U"), SINGLE_QUOTED)),
                rule(TokenType.KEYWORD, words("auto", "break", "case", "const", "continue", "default", "do",
                        "else", "enum", "extern", "for", "goto", "if", "inline", "register", "restrict", "return",
                        "sizeof", "static", "struct", "switch", "typedef", "union", "volatile", "while",
                        // C++
                        "class", "namespace", "template", "typename", "public", "private", "protected",
                        "virtual", "override", "new", "delete", "this", "try", "catch", "throw", "using",
                        "constexpr", "noexcept", "operator", "friend", "explicit")),
                rule(TokenType.LITERAL, words("NULL", "nullptr", "true", "false")),
                rule(TokenType.TYPE, words("void", "char", "short", "int", "long", "float", "double", "signed",
                        "unsigned", "bool", "size_t", "ssize_t", "int8_t", "int16_t", "int32_t", "int64_t",
                        "uint8_t", "uint16_t", "uint32_t", "uint64_t", "FILE")),
                rule(TokenType.NUMBER, number())));
    }

    static Language markup() {
        return new Language("html", List.of(
                rule(TokenType.COMMENT, delimited("<!--", "-->")),
                rule(TokenType.META, delimited("<![CDATA[", "]]>")),
                rule(TokenType.META, regex("<[!?][^>\\n]{0,500}>")),
                rule(TokenType.TAG, regex("</?[A-Za-z][\\w:.-]*|/?>")),
                rule(TokenType.ATTRIBUTE, followedBy(regex("[A-Za-z_:][\\w:.-]*"), '=')),
                rule(TokenType.STRING, quoted('"', Escape.NONE, true)),
                rule(TokenType.STRING, quoted('\'', Escape.NONE, true)),
                rule(TokenType.LITERAL, regex("&(?:#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"))));
    }

    static Language diff() {
        return new Language("diff", List.of(
                rule(TokenType.META, lineStartingWith("diff ")),
                rule(TokenType.META, lineStartingWith("index ")),
                rule(TokenType.META, lineStartingWith("+++")),
                rule(TokenType.META, lineStartingWith("---")),
                rule(TokenType.META, lineStartingWith("@@")),
                rule(TokenType.INSERTED, lineStartingWith("+")),
                rule(TokenType.DELETED, lineStartingWith("-")),
                rule(TokenType.INSERTED, lineStartingWith(">")),
                rule(TokenType.DELETED, lineStartingWith("<"))));
    }

    static Language kotlin() {
        return new Language("kotlin", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, delimited("\"\"\"", "\"\"\"")),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, SINGLE_QUOTED),
                rule(TokenType.META, regex("@[A-Za-z_][\\w.:]*")),
                rule(TokenType.KEYWORD, words("abstract", "as", "break", "by", "catch", "class", "companion",
                        "const", "constructor", "continue", "data", "do", "else", "enum", "external", "final",
                        "finally", "for", "fun", "get", "if", "import", "in", "init", "inline", "inner",
                        "interface", "internal", "is", "lateinit", "object", "open", "operator", "out", "override",
                        "package", "private", "protected", "public", "reified", "return", "sealed", "set",
                        "super", "suspend", "this", "throw", "try", "typealias", "val", "value", "var", "vararg",
                        "when", "where", "while")),
                rule(TokenType.LITERAL, words("true", "false", "null")),
                rule(TokenType.TYPE, capitalizedIdentifier()),
                rule(TokenType.NUMBER, number())));
    }

    static Language ruby() {
        return new Language("ruby", List.of(
                rule(TokenType.COMMENT, atLineStart(delimited("=begin", "=end"))),
                rule(TokenType.COMMENT, HASH_COMMENT),
                rule(TokenType.STRING, quoted('"', Escape.BACKSLASH, true)),
                rule(TokenType.STRING, quoted('\'', Escape.BACKSLASH, true)),
                rule(TokenType.STRING, quoted('`', Escape.BACKSLASH, true)),
                // Symbols (:name) but not the second colon of Foo::Bar.
                rule(TokenType.LITERAL, regex("(?<!:):[A-Za-z_]\\w*[?!]?")),
                rule(TokenType.VARIABLE, regex("@@?[A-Za-z_]\\w*|\\$[A-Za-z_]\\w*")),
                rule(TokenType.KEYWORD, words("alias", "and", "begin", "break", "case", "class", "def", "defined?",
                        "do", "else", "elsif", "end", "ensure", "for", "if", "in", "module", "next", "not", "or",
                        "redo", "rescue", "retry", "return", "self", "super", "then", "undef", "unless", "until",
                        "when", "while", "yield", "require", "require_relative", "include", "extend",
                        "attr_reader", "attr_writer", "attr_accessor", "private", "protected", "public", "raise")),
                rule(TokenType.LITERAL, words("true", "false", "nil")),
                rule(TokenType.TYPE, capitalizedIdentifier()),
                rule(TokenType.NUMBER, number())));
    }

    static Language css() {
        return new Language("css", List.of(
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, SINGLE_QUOTED),
                rule(TokenType.META, regex("@[A-Za-z-]+")),
                // A property name: a word followed by a colon (selectors such as a:hover are rarer in blocks).
                rule(TokenType.ATTRIBUTE, followedBy(regex("-{0,2}[A-Za-z][\\w-]*"), ':')),
                rule(TokenType.VARIABLE, regex("var\\(--[\\w-]+\\)|--[A-Za-z][\\w-]*")),
                rule(TokenType.TAG, regex("[.#][A-Za-z_-][\\w-]*")),
                rule(TokenType.LITERAL, regex("#[0-9a-fA-F]{3,8}(?![\\w-])")),
                rule(TokenType.KEYWORD, words("important", "inherit", "initial", "unset", "none", "auto")),
                rule(TokenType.NUMBER, regex("-?(?:\\d+\\.?\\d*|\\.\\d+)(?:%|[a-zA-Z]{1,4})?"))));
    }

    static Language dockerfile() {
        return new Language("dockerfile", List.of(
                rule(TokenType.META, atLineStart(regex("#[ \\t]*(?:syntax|escape|check)=[^\\n]*"))),
                rule(TokenType.COMMENT, atLineStart(regex("[ \\t]*#[^\\n]*"))),
                rule(TokenType.KEYWORD, atLineStart(regex("[ \\t]*(?i:FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD"
                        + "|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(?=\\s)"))),
                rule(TokenType.KEYWORD, words("AS", "as")),
                rule(TokenType.VARIABLE, regex("\\$\\{[^}\\n]{0,200}\\}|\\$[A-Za-z_]\\w*")),
                rule(TokenType.ATTRIBUTE, regex("--[a-z][\\w-]*")),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, quoted('\'', Escape.NONE, false)),
                rule(TokenType.NUMBER, regex("\\d+(?![\\w.])"))));
    }

    static Language proto() {
        return new Language("proto", List.of(
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.STRING, SINGLE_QUOTED),
                rule(TokenType.KEYWORD, words("syntax", "edition", "package", "import", "option", "message", "enum",
                        "service", "rpc", "returns", "stream", "repeated", "optional", "required", "oneof", "map",
                        "reserved", "extensions", "extend", "to", "max", "weak", "public")),
                rule(TokenType.LITERAL, words("true", "false")),
                rule(TokenType.TYPE, words("double", "float", "int32", "int64", "uint32", "uint64", "sint32",
                        "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes")),
                rule(TokenType.TYPE, capitalizedIdentifier()),
                rule(TokenType.NUMBER, number())));
    }

    /** HashiCorp's configuration language (Terraform, Nomad, Packer). */
    static Language hcl() {
        return new Language("hcl", List.of(
                rule(TokenType.COMMENT, HASH_COMMENT),
                rule(TokenType.COMMENT, C_LINE_COMMENT),
                rule(TokenType.COMMENT, C_BLOCK_COMMENT),
                rule(TokenType.STRING, regex("<<-?[A-Z_]+")),
                rule(TokenType.STRING, DOUBLE_QUOTED),
                rule(TokenType.ATTRIBUTE, followedBy(regex("[A-Za-z_][\\w-]*"), '=')),
                rule(TokenType.KEYWORD, words("resource", "data", "variable", "output", "locals", "module",
                        "provider", "terraform", "backend", "required_providers", "for", "in", "if", "for_each",
                        "count", "dynamic", "content", "lifecycle", "depends_on", "job", "group", "task")),
                rule(TokenType.LITERAL, words("true", "false", "null")),
                rule(TokenType.TYPE, words("string", "number", "bool", "list", "map", "set", "object", "tuple",
                        "any")),
                rule(TokenType.NUMBER, number())));
    }
}
