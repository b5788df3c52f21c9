package net.metacircular.mcq.http;

import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Closes a new connection when its client address already holds the
 * maximum: one client cannot take every file descriptor and connection
 * slot with idle or slow connections. Behind a reverse proxy every client
 * shares the proxy's address, so the maximum must cover the proxy's pool.
 */
final class ConnectionsPerAddress implements Connection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each counted connection's address: a closed socket no longer knows its peer. */
    private final ConcurrentMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

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
            // One line when an address reaches the cap, not one per refused connection.
            if (count == max + 1) {
                log.atWarn().addKeyValue("remote", address.getHostAddress()).addKeyValue("max", max)
                        .log("connections refused: too many open connections from one address");
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    private static InetAddress addressOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
