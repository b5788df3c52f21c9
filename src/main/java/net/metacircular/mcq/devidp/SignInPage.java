package net.metacircular.mcq.devidp;

import net.metacircular.mcq.text.Html;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server-rendered HTML of the SSO sign-in: the form, and the page for a request that must not
 * be answered with a redirect. Every value from the request is escaped. There is no script at all
 * and the one style block is allowed by its hash, so the Content-Security-Policy can forbid
 * everything else.
 */
final class SignInPage {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}
            main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;\
            box-shadow:0 1px 3px rgba(0,0,0,.15)}
            .dev{background:#fef3c7;border:1px solid #d97706;padding:.5rem;font-size:.85rem}
            .error{background:#fee2e2;border:1px solid #dc2626;padding:.5rem}
            label{display:block;margin:1rem 0 .25rem}
            input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
            button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}
            """;

    /**
     * No form-action directive: after the POST the provider redirects to the client's own origin,
     * and browsers apply form-action to that redirect too.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + styleHash()
            + "'; base-uri 'none'; frame-ancestors 'none'";

    private SignInPage() {
    }

    /** The sign-in form; it posts back to /sso/authorize with the request in hidden fields. */
    static String form(String clientId, String redirectUri, String state, String username, String error) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sign in</h1>\n<p>to <strong>").append(Html.escape(clientId)).append("</strong></p>\n");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>\n");
        }
        body.append("<form method=\"post\" action=\"/sso/authorize\">\n")
                .append(hidden("client_id", clientId))
                .append(hidden("redirect_uri", redirectUri))
                .append(hidden("state", state))
                .append("<label for=\"username\">Username</label>\n")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus value=\"")
                .append(Html.escape(username)).append("\">\n")
                .append("<label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\""
                        + " autocomplete=\"current-password\" required>\n")
                .append("<label for=\"totp_code\">TOTP code (only if the account has one)</label>\n")
                .append("<input id=\"totp_code\" name=\"totp_code\" inputmode=\"numeric\""
                        + " autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\">\n")
                .append("<button type=\"submit\">Sign in</button>\n")
                .append("</form>\n");
        return page("Sign in", body.toString());
    }

    /** Shown instead of the form, never followed by a redirect, when the request itself is bad. */
    static String rejected(String reason) {
        return page("Sign-in request rejected",
                "<h1>Sign-in request rejected</h1>\n<p class=\"error\">" + Html.escape(reason) + "</p>\n");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">\n";
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + " · MCIAS (development)</title>\n"
                + "<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + "<p class=\"dev\">Development identity provider for MCQ. Never use it in production.</p>\n"
                + body + "</main>\n</body>\n</html>\n";
    }

    private static String styleHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(STYLE.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
