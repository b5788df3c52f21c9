package net.metacircular.mcq.mcp;

import net.metacircular.mcq.ServiceException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The arguments of one tool call, checked against the tool's parameters:
 * unknown names and wrong types are errors that say what the tool expects.
 * Whether a slug, title or body is acceptable is the service's decision, so a
 * missing string is passed on as null and answered by the service's rules.
 */
final class ToolArguments {

    private final Map<String, Object> values;

    private ToolArguments(Map<String, Object> values) {
        this.values = values;
    }

    static ToolArguments of(String tool, Map<String, Object> arguments, List<Param> params) {
        Map<String, Object> values = arguments == null ? Map.of() : arguments;
        for (String name : values.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(name))) {
                throw ServiceException.invalid("unknown argument \"" + name + "\": " + tool + " takes "
                        + (params.isEmpty() ? "no arguments" : params.stream().map(Param::name)
                        .collect(Collectors.joining(", "))));
            }
        }
        for (Param param : params) {
            Object value = values.get(param.name());
            if (value == null) {
                continue;
            }
            if (param.type().equals("string") && !(value instanceof String)) {
                throw ServiceException.invalid("argument \"" + param.name() + "\" must be a string");
            }
            if (param.type().equals("integer") && wholeNumber(value) == null) {
                throw ServiceException.invalid("argument \"" + param.name() + "\" must be a whole number");
            }
            if (param.type().equals("array") && !(value instanceof List<?>)) {
                throw ServiceException.invalid("argument \"" + param.name() + "\" must be an array");
            }
            if (param.type().equals("boolean") && !(value instanceof Boolean)) {
                throw ServiceException.invalid("argument \"" + param.name() + "\" must be true or false");
            }
        }
        return new ToolArguments(values);
    }

    /** A string argument, or null when it was not given. */
    String string(String name) {
        return (String) values.get(name);
    }

    /** An integer argument, or null when it was not given. */
    Long optionalLong(String name) {
        Object value = values.get(name);
        return value == null ? null : wholeNumber(value);
    }

    /** A required integer argument. */
    long longValue(String name) {
        Long value = optionalLong(name);
        if (value == null) {
            throw ServiceException.invalid("argument \"" + name + "\" is required");
        }
        return value;
    }

    /**
     * A JSON number without a fraction, whatever Java type the JSON decoder
     * chose for it (a client may send 2 as 2.0); null for anything else.
     */
    private static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p53) {
                return (long) d;
            }
        }
        return null;
    }

    /** An array argument, or null when it was not given. */
    List<?> list(String name) {
        return (List<?>) values.get(name);
    }

    /** A boolean argument; false when it was not given. */
    boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }
}
