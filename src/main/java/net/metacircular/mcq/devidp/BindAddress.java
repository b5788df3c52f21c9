package net.metacircular.mcq.devidp;

/**
 * A "host:port" listen address, with IPv6 hosts in brackets ("[::1]:0"). Port 0 asks the
 * operating system for a free port, which is what tests want.
 */
record BindAddress(String host, int port) {

    BindAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("bind address needs a host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bind port out of range: " + port);
        }
    }

    static BindAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("bind address must be host:port, got " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("IPv6 bind address must be bracketed: " + text);
        }
        try {
            return new BindAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bind address has a bad port: " + text, e);
        }
    }

    /** The host as it goes in a URL; a wildcard bind is reached through loopback. */
    String urlHost() {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::")) {
            return "[::1]";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    BindAddress withPort(int newPort) {
        return new BindAddress(host, newPort);
    }
}
