package dev.cftokens.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A JVM started as a user starts one: on the Java that runs the tests, with none of the {@code CLOUDFLARE_*}
 * and {@code CFTOKENS_*} variables of whoever runs the build (only those given), standard error merged into
 * standard output. The output goes to a file, not a pipe, so that a process that hangs is killed at its
 * timeout instead of blocking the build on a read that never ends.
 */
final class JavaProcess {
    /** The command line jar, built by the cli module's package phase. */
    static final Path CLI_JAR = Path.of("..", "cli", "target", "cftokens-cli.jar");

    private final String name;
    private final Process process;
    private final Path log;

    /** How a process ended: its exit code and all it printed. */
    record Finished(int exitCode, String output) {}

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code java <arguments>} in {@code directory} with {@code environment}; {@code name} says which
     * process it is in failure messages.
     */
    static JavaProcess start(String name, Path directory, Map<String, String> environment, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(arguments);
        Path log = Files.createTempFile(directory, name.replaceAll("[^A-Za-z0-9-]", "-") + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .keySet()
                .removeIf(variable -> variable.startsWith("CLOUDFLARE_") || variable.startsWith("CFTOKENS_"));
        builder.environment().putAll(environment);
        return new JavaProcess(name, builder.start(), log);
    }

    /** Runs {@code java -jar cftokens-cli.jar <args>} in {@code directory} and waits up to a minute for it. */
    static Finished cli(Path directory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> arguments =
                new ArrayList<>(List.of("-jar", CLI_JAR.toAbsolutePath().toString()));
        arguments.addAll(List.of(args));
        return start("cftokens-cli " + args[0], directory, environment, arguments)
                .awaitExit(Duration.ofSeconds(60));
    }

    /** {@return what the process printed so far} */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return whether the process still runs} */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code timeout} for a line of the output that {@code wanted} accepts; fails saying what was
     * awaited ({@code what}) and what the process printed, when it ended or the time ran out first.
     */
    String awaitLine(Predicate<String> wanted, Duration timeout, String what) throws InterruptedException {
        return awaitLines(wanted, 1, timeout, what).get(0);
    }

    /** As {@link #awaitLine}, for {@code count} such lines; returns the first {@code count}. */
    List<String> awaitLines(Predicate<String> wanted, int count, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Asked before reading, so nothing printed just before the end is missed.
            boolean ended = !process.isAlive();
            List<String> lines = output().lines().filter(wanted).limit(count).collect(Collectors.toList());
            if (lines.size() == count) {
                return lines;
            }
            if (ended || System.nanoTime() > deadline) {
                throw new AssertionError(name + (ended ? " ended with " + process.exitValue() : " still runs")
                        + " and did not print " + what + " within " + timeout.toSeconds() + " s; it printed:\n"
                        + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits up to {@code timeout} for the process to end, killing it and failing when it does not. */
    Finished awaitExit(Duration timeout) throws InterruptedException {
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(finished)
                .as("%s did not finish within %d s; it printed: %s", name, timeout.toSeconds(), output())
                .isTrue();
        return new Finished(process.exitValue(), output());
    }

    /** Ends the process at once, if it still runs, without waiting: for cleaning up after a failure. */
    void kill() {
        process.destroyForcibly();
    }

    /** Stops the process as a service manager does (SIGTERM), and waits for it; returns what it printed. */
    String stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not stop within 20 s of SIGTERM; it printed:\n" + output());
        }
        return output();
    }
}
