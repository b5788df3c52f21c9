package net.metacircular.mcq;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** MCQ's version, injected at build time from {@code git describe} (see the Makefile and Dockerfile). */
public final class Version {

    private Version() {
    }

    /** The version, or "unknown" when the build did not record one. */
    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/mcq-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
