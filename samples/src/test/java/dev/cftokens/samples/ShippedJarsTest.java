package dev.cftokens.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two jars users run, run as they run them: the standalone emulator in a process of its own, and the
 * command line planning, applying and destroying this module's declarations against it, found on the
 * class path through what the processor wrote. The jars come from the package phase of their modules,
 * which a reactor {@code mvn verify} runs before this module's tests; {@code mvn test} alone skips this.
 */
class ShippedJarsTest {
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final Path EMULATOR_TARGET = Path.of("..", "emulator", "target");
    private static final Path CLI_JAR = JavaProcess.CLI_JAR;

    @TempDir
    Path workingDirectory;

    private static Optional<Path> emulatorJar() throws IOException {
        if (!Files.isDirectory(EMULATOR_TARGET)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(EMULATOR_TARGET)) {
            return files.filter(file -> file.getFileName().toString().matches("cftokens-emulator-.*-standalone\\.jar"))
                    .findFirst();
        }
    }

    /** Runs the command line jar in the working directory (its state goes there) and waits for it. */
    private JavaProcess.Finished cli(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return JavaProcess.cli(workingDirectory, environment, args);
    }

    @Test
    // In a thread of its own: reading the emulator's announcement blocks in a way an interrupt cannot end.
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void commandLinePlansAppliesAndDestroysTheSamplesOnTheStandaloneEmulator() throws Exception {
        Optional<Path> emulatorJar = emulatorJar();
        assumeTrue(
                emulatorJar.isPresent() && Files.isRegularFile(CLI_JAR),
                "the standalone emulator and cftokens-cli.jar are built by mvn package; run mvn verify");
        Path classes = Path.of("target", "classes").toAbsolutePath();

        Process emulator = new ProcessBuilder(
                        JavaProcess.java(),
                        "-jar",
                        emulatorJar.get().toAbsolutePath().toString(),
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        // Not closed by this test: the drain thread below holds the reader's lock until the process ends,
        // and ending the process closes the stream.
        BufferedReader announcement =
                new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
        try {
            Map<String, String> environment = exportedVariables(announcement);
            // Drained, so that whatever the emulator prints later never fills the pipe and stalls it.
            Thread drain = new Thread(() -> announcement.lines().forEach(ignored -> {}), "emulator-output");
            drain.setDaemon(true);
            drain.start();
            assertThat(environment)
                    .containsKeys("CLOUDFLARE_BASE_URL", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID");
            String[] inputs = {"--input", "restricted-token.zoneId=" + ZONE, "--input", "r2-storage-token.bucket=media"
            };

            JavaProcess.Finished verify = cli(environment, "verify");
            assertThat(verify.exitCode()).as(verify.output()).isZero();

            JavaProcess.Finished firstPlan = cli(
                    environment,
                    concat(new String[] {"plan", "--detailed-exitcode", "--class-path", classes.toString()}, inputs));
            assertThat(firstPlan.exitCode()).as(firstPlan.output()).isEqualTo(2);
            assertThat(firstPlan.output())
                    .contains(
                            "+ create readonly-token",
                            "+ create restricted-token",
                            "+ create r2-storage-token",
                            "+ create worker-kv-token",
                            "Plan: 4 to create");

            JavaProcess.Finished apply =
                    cli(environment, concat(new String[] {"apply", "--class-path", classes.toString()}, inputs));
            assertThat(apply.exitCode()).as(apply.output()).isZero();
            assertThat(apply.output()).contains("Apply complete: 4 created");
            assertThat(Files.exists(workingDirectory.resolve(".cftokens/state.json")))
                    .isTrue();

            JavaProcess.Finished secondPlan = cli(
                    environment,
                    concat(new String[] {"plan", "--detailed-exitcode", "--class-path", classes.toString()}, inputs));
            assertThat(secondPlan.exitCode()).as(secondPlan.output()).isZero();
            assertThat(secondPlan.output()).contains("0 to create", "4 unchanged");

            JavaProcess.Finished destroy = cli(environment, "destroy", "--yes");
            assertThat(destroy.exitCode()).as(destroy.output()).isZero();
            assertThat(destroy.output()).contains("Destroy complete: 4 deleted");

            JavaProcess.Finished afterDestroy = cli(
                    environment,
                    concat(new String[] {"plan", "--detailed-exitcode", "--class-path", classes.toString()}, inputs));
            assertThat(afterDestroy.exitCode()).as(afterDestroy.output()).isEqualTo(2);
            assertThat(afterDestroy.output()).contains("Plan: 4 to create");
        } finally {
            emulator.destroy();
            assertThat(emulator.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The {@code export NAME=value} lines the emulator prints before "Press Ctrl-C". */
    private static Map<String, String> exportedVariables(BufferedReader out) throws IOException {
        Map<String, String> variables = new HashMap<>();
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.add(line);
            if (line.startsWith("export ")) {
                String assignment = line.substring("export ".length());
                int eq = assignment.indexOf('=');
                variables.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
            if (line.contains("Press Ctrl-C")) {
                return variables;
            }
        }
        throw new AssertionError("the emulator ended before announcing itself; it printed " + seen);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
