package net.metacircular.mcq.cli;

import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ConfigException;
import net.metacircular.mcq.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** The {@code --config PATH} option shared by the commands that read mcq.toml. */
final class ConfigFileOption {

    /** The exit code for a configuration that cannot be used. */
    static final int CONFIG_ERROR = 2;

    @Option(names = "--config", required = true, description = "Path to mcq.toml.")
    private Path path;

    /**
     * Loads and validates the file with the process environment; on failure
     * prints every problem and returns empty (the command then exits with
     * {@link #CONFIG_ERROR}).
     */
    /** Runs {@code command} with the loaded configuration, or exits with {@link #CONFIG_ERROR}. */
    int withConfig(CommandLine commandLine, ToIntFunction<Config> command) {
        return load(commandLine).map(command::applyAsInt).orElse(CONFIG_ERROR);
    }

    Optional<Config> load(CommandLine commandLine) {
        try {
            return Optional.of(ConfigLoader.loadFromFile(path));
        } catch (ConfigException e) {
            commandLine.getErr().println("mcq: " + e.getMessage());
            return Optional.empty();
        }
    }
}
