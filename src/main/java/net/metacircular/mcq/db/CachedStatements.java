package net.metacircular.mcq.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writing connection as the stores see it: {@code prepareStatement(sql)}
 * hands out a statement kept from an earlier transaction, and closing it
 * only clears its parameters. SQLite spends about as long compiling a small
 * statement as running it, and a push runs half a dozen of them while every
 * other write waits; the writing connection is used by one thread at a time
 * (see {@link Database}), so its statements can be reused safely.
 *
 * <p>Everything else goes to the real connection unchanged. The cache holds
 * the few statements the stores write with; beyond {@link #MAX_STATEMENTS},
 * the least recently used is closed.
 */
final class CachedStatements implements InvocationHandler {

    static final int MAX_STATEMENTS = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= MAX_STATEMENTS) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    private CachedStatements(Connection connection) {
        this.connection = connection;
    }

    /** A view of {@code connection} that reuses its prepared statements. */
    static Connection over(Connection connection) {
        return (Connection) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new CachedStatements(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepared((String) args[0]);
        }
        if (method.getName().equals("close")) {
            statements.values().forEach(CachedStatements::closeQuietly);
            statements.clear();
        }
        return call(connection, method, args);
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        PreparedStatement kept = statement;
        return (PreparedStatement) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                    if (m.getName().equals("close") && (a == null || a.length == 0)) {
                        kept.clearParameters();
                        return null;
                    }
                    return call(kept, m, a);
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Closing a statement of a connection that is going away; nothing to keep.
        }
    }
}
