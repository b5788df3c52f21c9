package net.metacircular.mcq.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code mcq} in a child JVM with the test classpath. */
public final class McqProcess {

    private McqProcess() {
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The classpath the tests run with (surefire may hide it behind a manifest-only jar). */
    public static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Arguments for {@link #javaBinary()}: JVM options, classpath, main class, then {@code mcqArgs}. */
    public static List<String> javaArgs(String... mcqArgs) {
        List<String> args = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath(), "net.metacircular.mcq.cli.Main"));
        args.addAll(List.of(mcqArgs));
        return args;
    }

    public static List<String> command(String... mcqArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(javaArgs(mcqArgs));
        return command;
    }
}
