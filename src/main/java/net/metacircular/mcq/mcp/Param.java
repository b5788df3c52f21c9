package net.metacircular.mcq.mcp;

/** One parameter of an MCP tool, as its input schema declares it. */
record Param(String name, String type, String description, boolean required, java.util.Map<String, Object> items) {

    Param(String name, String type, String description, boolean required) {
        this(name, type, description, required, null);
    }

    /** An optional array whose elements follow {@code items} (a JSON schema). */
    static Param optionalArray(String name, String description, java.util.Map<String, Object> items) {
        return new Param(name, "array", description, false, items);
    }

    static Param string(String name, String description) {
        return new Param(name, "string", description, true);
    }

    static Param integer(String name, String description) {
        return new Param(name, "integer", description, true);
    }

    static Param optionalString(String name, String description) {
        return new Param(name, "string", description, false);
    }

    static Param optionalInteger(String name, String description) {
        return new Param(name, "integer", description, false);
    }

    static Param optionalBoolean(String name, String description) {
        return new Param(name, "boolean", description, false);
    }
}
