package net.metacircular.mcq.client;

import java.io.IOException;
import net.metacircular.mcq.http.TlsContexts;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command-line client finds MCQ and its token.
 *
 * <p>The server URL comes from {@code --server} or {@code MCQ_SERVER_URL}.
 * The token comes from {@code --token-file}, {@code MCQ_TOKEN_FILE} or
 * {@code MCQ_TOKEN}, never from a flag holding the token itself: every user
 * on the machine can read a process's arguments. A server behind a private
 * CA is trusted with {@code --ca-cert} or {@code MCQ_CA_CERT}.
 *
 * @param server the MCQ base URL
 * @param token  the bearer token; kept out of {@link #toString()}
 * @param caCert a PEM file with a private CA to trust besides the system's, or null
 */
public record ClientSettings(URI server, String token, Path caCert) {

    public static final String SERVER_URL_ENV = "MCQ_SERVER_URL";
    public static final String TOKEN_FILE_ENV = "MCQ_TOKEN_FILE";
    public static final String TOKEN_ENV = "MCQ_TOKEN";
    public static final String CA_CERT_ENV = "MCQ_CA_CERT";

    /**
     * @param serverOption    {@code --server}, or null
     * @param tokenFileOption {@code --token-file}, or null
     * @param caCertOption    {@code --ca-cert}, or null
     * @param env             the process environment
     * @throws SetupException when something is missing or unusable, with what to do about it
     */
    public static ClientSettings resolve(String serverOption, Path tokenFileOption, Path caCertOption,
                                         Map<String, String> env) {
        String caCertEnv = nonEmpty(env.get(CA_CERT_ENV));
        Path caCert = caCertOption != null ? caCertOption : caCertEnv == null ? null : Path.of(caCertEnv);
        return new ClientSettings(serverUrl(serverOption, env), token(tokenFileOption, env), caCert);
    }

    /** @throws SetupException when the CA file cannot be used */
    public RestClient client() {
        if (caCert == null) {
            return new RestClient(server, token, null);
        }
        try {
            return new RestClient(server, token, TlsContexts.clientContextTrusting(caCert));
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage());
        }
    }

    private static URI serverUrl(String option, Map<String, String> env) {
        String text = option != null ? option : nonEmpty(env.get(SERVER_URL_ENV));
        if (text == null) {
            throw new SetupException("no MCQ server: pass --server URL or set " + SERVER_URL_ENV
                    + " (e.g. https://mcq.example.net)");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new SetupException("the server URL \"" + text + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new SetupException("the server URL \"" + text + "\" must be an http:// or https:// URL"
                    + " such as https://mcq.example.net");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new SetupException("the server URL \"" + text + "\" must be a plain base URL, without"
                    + " user name, query or fragment");
        }
        return uri;
    }

    private static String token(Path fileOption, Map<String, String> env) {
        if (fileOption != null) {
            return readTokenFile(fileOption, "--token-file");
        }
        String file = nonEmpty(env.get(TOKEN_FILE_ENV));
        if (file != null) {
            return readTokenFile(Path.of(file), TOKEN_FILE_ENV);
        }
        String token = nonEmpty(env.get(TOKEN_ENV));
        if (token != null) {
            return checkToken(token.strip(), TOKEN_ENV);
        }
        throw new SetupException("no MCQ token: pass --token-file FILE or set " + TOKEN_FILE_ENV
                + " (a file holding the token) or " + TOKEN_ENV);
    }

    private static String readTokenFile(Path file, String source) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SetupException("cannot read the token file " + file + " (from " + source + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return checkToken(text.strip(), "the token file " + file);
    }

    private static String checkToken(String token, String source) {
        if (token.isEmpty()) {
            throw new SetupException(source + " is empty; it must hold an MCQ bearer token");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new SetupException(source + " holds more than one token-like word or a control character;"
                    + " it must hold just the bearer token");
        }
        return token;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "ClientSettings[server=" + server + ", token=(hidden), caCert=" + caCert + "]";
    }

    /** The command line is incomplete or points at something unusable. */
    public static final class SetupException extends RuntimeException {
        public SetupException(String message) {
            super(message);
        }
    }
}
