package net.metacircular.mcq.cli;

import net.metacircular.mcq.Version;
import picocli.CommandLine;

/** {@code mcq --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"mcq " + Version.current()};
    }
}
