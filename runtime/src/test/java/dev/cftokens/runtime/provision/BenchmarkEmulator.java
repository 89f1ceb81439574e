package dev.cftokens.runtime.provision;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The emulator a benchmark run provisions against, reached over HTTP either way: the standalone emulator
 * in its own JVM (what issue 6 measures: the server's threads, GC and JIT do not share the client's JVM)
 * or, for comparison, in this JVM.
 */
final class BenchmarkEmulator implements AutoCloseable {
    private static final String BASE_URL = "CLOUDFLARE_BASE_URL";
    private static final String API_TOKEN = "CLOUDFLARE_API_TOKEN";
    private static final String ACCOUNT_ID = "CLOUDFLARE_ACCOUNT_ID";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final String apiToken;
    private final String accountId;
    private final Runnable stop;

    private BenchmarkEmulator(String baseUrl, String apiToken, String accountId, Runnable stop) {
        this.baseUrl = baseUrl;
        this.apiToken = apiToken;
        this.accountId = accountId;
        this.stop = stop;
    }

    /** The emulator in this JVM, with the standalone one's defaults apart from the latency. */
    static BenchmarkEmulator inProcess(Duration latency) {
        CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().latency(latency).build());
        return new BenchmarkEmulator(emulator.baseUrl(), emulator.adminToken(), emulator.accountId(), emulator::close);
    }

    /**
     * Starts {@code dev.cftokens.emulator.EmulatorMain} in a new JVM, from {@code jar} (the shaded standalone jar) or,
     * when it is null, from this JVM's class path, and waits until it prints where it listens.
     */
    static BenchmarkEmulator standalone(Duration latency, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cftokens.emulator.EmulatorMain"));
        }
        command.addAll(List.of("--port", "0", "--latency", Long.toString(latency.toMillis())));

        // Both streams go to files: a pipe nobody drains would block the emulator once it fills.
        Path logs = Files.createTempDirectory("cftokens-bench-emulator");
        Path out = logs.resolve("stdout.txt");
        Path err = logs.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        // Ctrl-C on the benchmark must not leave the emulator running on a shared machine.
        Thread killOnExit = new Thread(process::destroyForcibly, "stop-benchmark-emulator");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Runnable stop = () -> {
            stop(process);
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: nothing left to undo.
            }
            deleteLogs(out, err, logs);
        };
        try {
            Map<String, String> announced = awaitAnnouncement(process, out, err);
            return new BenchmarkEmulator(
                    announced.get(BASE_URL), announced.get(API_TOKEN), announced.get(ACCOUNT_ID), stop);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop.run();
            throw e;
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The emulator's admin token: full rights on its account. */
    String apiToken() {
        return apiToken;
    }

    String accountId() {
        return accountId;
    }

    /** Stops the emulator and waits until it has gone. */
    @Override
    public void close() {
        stop.run();
    }

    /** The {@code NAME=value} lines the emulator prints once it listens, read as they complete. */
    private static Map<String, String> awaitAnnouncement(Process process, Path out, Path err)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            Map<String, String> announced = variables(Files.readString(out, UTF_8));
            if (announced.keySet().containsAll(List.of(BASE_URL, API_TOKEN, ACCOUNT_ID))) {
                return announced;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the standalone emulator exited with status " + process.exitValue()
                        + " before printing " + BASE_URL + ", " + API_TOKEN + " and " + ACCOUNT_ID + "; its errors:\n"
                        + Files.readString(err, UTF_8));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standalone emulator printed no " + BASE_URL + ", " + API_TOKEN
                        + " and " + ACCOUNT_ID + " lines within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Variables of the complete lines of {@code text}; a line still being written is left for later. */
    private static Map<String, String> variables(String text) {
        Map<String, String> variables = new HashMap<>();
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String printed : complete.split("\n")) {
            // The emulator prints shell lines: "export NAME=value", and comments after "#".
            String line = printed.startsWith("export ") ? printed.substring("export ".length()) : printed;
            int equals = line.indexOf('=');
            if (line.startsWith("CLOUDFLARE_") && equals > 0) {
                variables.put(
                        line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        return variables;
    }

    /** SIGTERM first, so the emulator's shutdown hook closes its server; then SIGKILL if it hangs. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the logs; one left behind is reported, not fatal, so it never hides the failure being reported. */
    private static void deleteLogs(Path... paths) {
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                System.err.println("could not delete the benchmark emulator's log " + path + ": " + e);
            }
        }
    }
}
