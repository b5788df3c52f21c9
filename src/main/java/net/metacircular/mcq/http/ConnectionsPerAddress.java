package net.metacircular.mcq.http;

import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes a new connection when its client address already holds the
 * maximum: one client cannot take every file descriptor and connection
 * slot with idle or slow connections. Behind a reverse proxy every client
 * shares the proxy's address, so the maximum must cover the proxy's pool.
 */
final class ConnectionsPerAddress implements Connection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);
    /** At most one warning per address in this time, however many connections it has refused. */
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int max;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each counted connection's address: a closed socket no longer knows its peer. */
    private final ConcurrentMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    /** When each address at the cap was last warned about, by {@link System#nanoTime()}. */
    private final ConcurrentMap<InetAddress, Long> warned = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = addressOf(connection);
        if (address == null) {
            return;
        }
        counted.put(connection, address);
        int count = open.merge(address, 1, Integer::sum);
        if (count > max) {
            warnOnce(address);
            connection.getEndPoint().close();
        }
    }

    /**
     * One line a minute for an address at the cap, not one per refused
     * connection: a client that keeps reconnecting must not flood the log.
     */
    private void warnOnce(InetAddress address) {
        long now = System.nanoTime();
        Long last = warned.get(address);
        boolean due = last == null ? warned.putIfAbsent(address, now) == null
                : now - last >= WARN_EVERY_NANOS && warned.replace(address, last, now);
        if (due) {
            log.atWarn().addKeyValue("remote", address.getHostAddress()).addKeyValue("max", max)
                    .log("connections refused: too many open connections from one address");
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            if (open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1) == null) {
                warned.remove(address);
            }
        }
    }

    private static InetAddress addressOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
