package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone emulator as a separate process: {@code java -cp <test class path> dev.cftokens.emulator.EmulatorMain},
 * the same main class the shaded jar runs (the jar itself is only built in the package phase).
 */
class StandaloneTest {
    @TempDir
    Path dir;

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmulatorMain.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The announcement up to and including the "Press Ctrl-C" line. */
    private static List<String> announcementLines(BufferedReader out) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains("Press Ctrl-C")) {
                return lines;
            }
        }
        throw new AssertionError("the emulator ended before announcing itself; it printed " + lines);
    }

    /**
     * The variables of the lines as a simple parser reads them (BenchmarkEmulator does the same): comments
     * skipped, an optional "export " stripped, split on the first '='.
     */
    private static Map<String, String> variables(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String assignment = line.startsWith("export ") ? line.substring("export ".length()) : line;
            int eq = assignment.indexOf('=');
            if (eq > 0) {
                values.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }
        return values;
    }

    @Test
    @Timeout(60)
    void runsAsAProcessServesRealRequestsAndStopsOnSigterm() throws Exception {
        Path state = dir.resolve("state.json");
        Process process = launch(
                "--port",
                "0",
                "--state",
                state.toString(),
                "--seed",
                "7",
                "--email",
                "ops@example.com",
                "--api-key",
                "global-key-0123456789");
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = announcementLines(out);
            Map<String, String> announced = variables(lines);
            String baseUrl = announced.get("CLOUDFLARE_BASE_URL");
            String token = announced.get("CLOUDFLARE_API_TOKEN");
            String accountId = announced.get("CLOUDFLARE_ACCOUNT_ID");
            assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+/client/v4");
            assertThat(token).matches("[A-Za-z0-9_-]{40,80}");

            ApiClient.Response created =
                    ApiClient.send(HttpRequest.newBuilder(URI.create(baseUrl + "/accounts/" + accountId + "/tokens"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Bodies.zoneReader("from-a-process")))
                            .build());
            assertThat(created.status()).isEqualTo(200);
            assertThat(announced)
                    .containsOnlyKeys("CLOUDFLARE_BASE_URL", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID");
            assertThat(lines).filteredOn(line -> !line.startsWith("#")).allMatch(line -> line.startsWith("export "));
            assertThat(lines)
                    .contains(
                            "# global API key: CLOUDFLARE_EMAIL=ops@example.com CLOUDFLARE_API_KEY=global-key-0123456789");
            assertThat(exportedByShell(lines))
                    .containsEntry("CLOUDFLARE_BASE_URL", baseUrl)
                    .containsEntry("CLOUDFLARE_API_TOKEN", token)
                    .containsEntry("CLOUDFLARE_ACCOUNT_ID", accountId)
                    .doesNotContainKeys("CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY");
            ApiClient.Response byKey = ApiClient.send(HttpRequest.newBuilder(URI.create(baseUrl + "/user"))
                    .header("X-Auth-Email", "ops@example.com")
                    .header("X-Auth-Key", "global-key-0123456789")
                    .build());
            assertThat(byKey.result().path("email").asText()).isEqualTo("ops@example.com");

            // SIGTERM, as Ctrl-C would send SIGINT: the shutdown hook stops the server. Through the handle, which
            // unlike Process.destroy leaves the output stream open to read the last line.
            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String rest = out.lines().reduce("", (a, b) -> a + b + "\n");
            assertThat(rest).contains("Cloudflare emulator stopped");
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(state)).contains("from-a-process");
    }

    /** What {@code eval "$(lines)"} exports in a POSIX shell: the environment of a child it then runs. */
    private static Map<String, String> exportedByShell(List<String> lines) throws Exception {
        ProcessBuilder shell =
                new ProcessBuilder("/bin/sh", "-c", "eval \"$ANNOUNCED\" && env").redirectErrorStream(true);
        shell.environment().keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
        shell.environment().put("ANNOUNCED", String.join("\n", lines));
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return variables(List.of(output.split("\n")));
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Process process = launch("--help");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output)
                .contains("--port", "--latency", "--fault-rate", "--drop-rate", "--seed", "--state", "--catalog")
                .contains("--clock-offset <d>", "POST it with", "{\"advance\": \"P30D\"}", "/__emulator/clock");
    }

    @Test
    @Timeout(60)
    void aTestInAnotherProcessStartsTheClockAheadAndMovesIt() throws Exception {
        Process process = launch("--port", "0", "--clock-offset", "P30D");
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Map<String, String> announced = variables(announcementLines(out));
            String baseUrl = announced.get("CLOUDFLARE_BASE_URL");
            String token = announced.get("CLOUDFLARE_API_TOKEN");
            URI clock = URI.create(baseUrl.replace("/client/v4", "/__emulator/clock"));

            Instant before = Instant.now();
            ApiClient.Response read = ApiClient.send(HttpRequest.newBuilder(clock)
                    .header("Authorization", "Bearer " + token)
                    .build());
            assertThat(read.result().path("offset").asText()).isEqualTo("PT720H");
            Instant now = Instant.parse(read.result().path("now").asText());
            assertThat(now)
                    .isBetween(
                            before.plus(Duration.ofDays(30)).minusSeconds(1),
                            Instant.now().plus(Duration.ofDays(30)).plusSeconds(1));

            ApiClient.Response moved = ApiClient.send(HttpRequest.newBuilder(clock)
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"advance\": \"P2D\"}"))
                    .build());
            assertThat(moved.result().path("offset").asText()).isEqualTo("PT768H");

            ApiClient.Response created = ApiClient.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/accounts/" + announced.get("CLOUDFLARE_ACCOUNT_ID") + "/tokens"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Bodies.zoneReader("aged")))
                    .build());
            Instant issued = Instant.parse(created.result().path("issued_on").asText());
            assertThat(issued).isAfterOrEqualTo(now.plus(Duration.ofDays(2)));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aClockOffsetThatIsNotAForwardDurationIsAUsageError() throws Exception {
        assertThat(failedStart(2, "--clock-offset", "30 days"))
                .contains("--clock-offset takes an ISO-8601 duration such as P30D or PT1H, not \"30 days\"");
        assertThat(failedStart(2, "--clock-offset", "-P1D"))
                .contains("--clock-offset must not be negative, not \"-P1D\"");
    }

    @Test
    void badArgumentsExitWith2AndSayWhy() throws Exception {
        Process process = launch("--port", "eighty");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--port takes a whole number, not \"eighty\"");
    }

    /** Runs the emulator with {@code args}, which must fail to start, and returns what it printed. */
    private static String failedStart(int expectedStatus, String... args) throws Exception {
        Process process = launch(args);
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(expectedStatus);
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    @Timeout(60)
    void startFailuresPrintOneErrorLineAndExit1() throws Exception {
        Path badState = dir.resolve("state.json");
        Files.writeString(badState, "this is not JSON");
        Path badCatalog = dir.resolve("catalog.json");
        Files.writeString(badCatalog, "[42]");
        String portInUse;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            portInUse = failedStart(1, "--port", String.valueOf(taken.getLocalPort()));
            assertThat(portInUse)
                    .startsWith("error: cannot start the Cloudflare emulator on port " + taken.getLocalPort() + ": ")
                    .containsIgnoringCase("in use");
        }
        String state = failedStart(1, "--state", badState.toString());
        assertThat(state).startsWith("error: emulator state " + badState.toAbsolutePath() + " is not readable JSON: ");
        String catalog = failedStart(1, "--catalog", badCatalog.toString());
        assertThat(catalog).startsWith("error: --catalog: " + badCatalog + ": ");
        String missingCatalog =
                failedStart(1, "--catalog", dir.resolve("missing.json").toString());
        assertThat(missingCatalog).startsWith("error: --catalog: ").contains("no such permission-group catalog file");

        for (String output : List.of(portInUse, state, catalog, missingCatalog)) {
            assertThat(output.lines()).as(output).hasSize(1);
            assertThat(output).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void argumentsMapToOptions() throws Exception {
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(
                catalog,
                "[{\"id\": \"0123456789abcdef0123456789abcdef\", \"name\": \"Only Group\", "
                        + "\"scopes\": [\"com.cloudflare.api.account\"]}]");

        EmulatorOptions options = EmulatorMain.parse(new String[] {
            "--port",
            "0",
            "--latency",
            "25",
            "--fault-rate",
            "0.25",
            "--seed",
            "9",
            "--drop-rate",
            "0.5",
            "--rate-limit",
            "10/60",
            "--catalog",
            catalog.toString(),
            "--account-id",
            "0123456789abcdef0123456789abcdef",
            "--clock-offset",
            "PT1H"
        });

        assertThat(options.clockOffset()).isEqualTo(Duration.ofHours(1));
        assertThat(EmulatorMain.parse(new String[0]).clockOffset()).isZero();

        assertThat(options.faults())
                .extracting(Fault::type)
                .containsExactly(Fault.Type.LATENCY, Fault.Type.SERVER_ERROR, Fault.Type.COMMIT_THEN_DROP);
        assertThat(options.faults().get(1).share()).isEqualTo(0.25);
        assertThat(EmulatorMain.parse(new String[] {"--address-rate-limit"}).addressRateLimit())
                .hasValue(EmulatedRateLimit.cloudflarePerAddress());
        assertThat(EmulatorMain.parse(new String[] {"--address-rate-limit", "50/2", "--port", "0"})
                        .addressRateLimit())
                .hasValue(new EmulatedRateLimit(50, Duration.ofSeconds(2), Duration.ofMinutes(5)));
        assertThat(options.faults().get(2).kinds())
                .contains(RequestKind.CREATE_TOKEN)
                .doesNotContain(RequestKind.GET_TOKEN);
        assertThat(options.seed()).isEqualTo(9);
        assertThat(options.rateLimit()).hasValue(new EmulatedRateLimit(10, Duration.ofSeconds(60)));
        assertThat(options.catalog().groups()).extracting(g -> g.name()).containsExactly("Only Group");
        assertThat(EmulatorMain.parse(new String[] {"--rate-limit"}).rateLimit())
                .hasValue(EmulatedRateLimit.cloudflare());
        assertThat(EmulatorMain.parse(new String[] {"--help"})).isNull();
    }
}
