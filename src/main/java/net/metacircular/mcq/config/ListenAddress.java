package net.metacircular.mcq.config;

/**
 * A {@code host:port} listen address in the platform's Go-style notation:
 * {@code ":8443"} binds every interface, as a service in a container must.
 */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected host:port or :port, got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in \"" + text + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in \"" + text + "\"");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
