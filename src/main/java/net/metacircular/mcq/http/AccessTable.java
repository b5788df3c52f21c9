package net.metacircular.mcq.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A surface's access rules in one table: each operation (a REST or web
 * {@link Route}, a gRPC method name, an MCP tool name) with its
 * {@link Access}. The surface's check looks every call up here and refuses
 * one that is missing; the tests compare each table with what the surface
 * really serves, so an operation added without a rule fails the build.
 *
 * @param <K> how the surface names an operation
 */
public final class AccessTable<K> {

    private final Map<K, Access> rules;

    private AccessTable(Map<K, Access> rules) {
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    public static <K> Builder<K> builder() {
        return new Builder<>();
    }

    /** The rule for an operation, or empty when it has none (and must be refused). */
    public Optional<Access> lookup(K operation) {
        return Optional.ofNullable(rules.get(operation));
    }

    /** Every operation listed, in the order written. */
    public Set<K> operations() {
        return rules.keySet();
    }

    /** Every rule, in the order written. */
    public Map<K, Access> rules() {
        return rules;
    }

    /** Collects rules; an operation listed twice is a mistake in the table and refused. */
    public static final class Builder<K> {
        private final Map<K, Access> rules = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder<K> add(K operation, Access access) {
            if (rules.putIfAbsent(operation, access) != null) {
                throw new IllegalArgumentException("listed twice in an access table: " + operation);
            }
            return this;
        }

        public AccessTable<K> build() {
            return new AccessTable<>(rules);
        }
    }
}
