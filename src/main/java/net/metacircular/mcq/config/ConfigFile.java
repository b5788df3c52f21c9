package net.metacircular.mcq.config;

import java.util.List;

import static java.util.Objects.requireNonNullElseGet;

/**
 * The TOML file as written, bound by Jackson: one record per {@code [section]},
 * one component per key ({@code listen_addr} binds {@code listenAddr}). These
 * records are the list of keys MCQ understands: anything else in the file is
 * an error, and each key's {@code MCQ_<SECTION>_<KEY>} variable is derived from
 * them. A key that is absent (or, for a number, empty) is null here and gets
 * its default in {@link ConfigLoader}, which turns this into a {@link Config}.
 */
record ConfigFile(Server server, Database database, Mcias mcias, Sso sso, Web web, Log log, Limits limits) {

    /** An absent section reads as one with every key absent. */
    ConfigFile {
        server = requireNonNullElseGet(server, () -> new Server(null, null, null, null, null));
        database = requireNonNullElseGet(database, () -> new Database(null));
        mcias = requireNonNullElseGet(mcias, () -> new Mcias(null, null, null, null));
        sso = requireNonNullElseGet(sso, () -> new Sso(null));
        web = requireNonNullElseGet(web, () -> new Web(null));
        log = requireNonNullElseGet(log, () -> new Log(null));
        limits = requireNonNullElseGet(limits, () -> new Limits(null, null, null, null, null));
    }

    record Server(String listenAddr, String grpcAddr, String tlsCert, String tlsKey, Boolean httpTls) {
    }

    record Database(String path) {
    }

    record Mcias(String serverUrl, String caCert, String serviceName, List<String> tags) {
    }

    record Sso(String redirectUri) {
    }

    record Web(Boolean cookieSecure) {
    }

    record Log(String level) {
    }

    record Limits(Long maxDocumentBytes, Long maxRequestBytes, Long tokenCacheEntries, Long inFlightBodyBytes,
                  Long maxConnectionsPerAddress) {
    }
}
